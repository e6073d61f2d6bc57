#include "newsdex/search/database_set.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>

#include <sys/stat.h>

#include "newsdex/database_location.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"

namespace fs = std::filesystem;

namespace newsdex::search {
namespace {

// How long a remote shard may take to answer a request, and to accept a connection: long
// enough for a loaded server, short enough that a dead one is reported rather than waited on.
constexpr unsigned remote_timeout_ms = 10000;
constexpr unsigned remote_connect_timeout_ms = 10000;

void expand(const std::string& location, std::vector<std::string>& out, int depth);

// Each shard a stub names (read by database_location.h, which refuses a program) is opened,
// and can fail, on its own.
void expand_stub(const fs::path& file, std::vector<std::string>& out, int depth) {
    for (const StubEntry& entry : read_stub_file(file)) {
        if (entry.remote) {
            out.push_back(entry.target);
        } else {
            expand(entry.target, out, depth + 1);
        }
    }
}

void expand(const std::string& location, std::vector<std::string>& out, int depth) {
    if (depth > 8) {
        throw Error("stub files nest too deeply at '" + location + "'");
    }
    std::error_code ec;
    if (is_remote(location) || !fs::exists(location, ec)) {
        out.push_back(location); // opening it reports what is wrong
        return;
    }
    const fs::path path(location);
    if (fs::is_regular_file(path, ec)) {
        expand_stub(path, out, depth);
        return;
    }
    if (fs::exists(path / "iamglass", ec) || fs::exists(path / "iamchert", ec)) {
        out.push_back(location);
        return;
    }
    for (const char* stub : {"newsdex.stub", "XAPIANDB"}) {
        if (fs::is_regular_file(path / stub, ec)) {
            expand_stub(path / stub, out, depth);
            return;
        }
    }
    std::vector<std::string> shards;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > 3 && name.compare(name.size() - 3, 3, ".db") == 0 &&
            it->is_directory(ec)) {
            shards.push_back(it->path().string());
        }
    }
    std::sort(shards.begin(), shards.end());
    if (shards.empty()) {
        refuse_foreign_folder(path); // someone's folder, not a database: say so
        out.push_back(location);
    }
    out.insert(out.end(), shards.begin(), shards.end());
}

// Throws SchemaError for a shard no search of this build can answer from; returns the
// warning for an older one it still answers from, else an empty string. `argument` is what
// the user gave --db, which --reanalyse takes.
std::string check_schema(const Xapian::Database& shard, const std::string& argument) {
    const std::string stored = shard.get_metadata(std::string(schema::version_key));
    if (stored == std::to_string(schema::version) || shard.get_doccount() == 0) {
        return {};
    }
    const std::optional<int> v = schema::parse_version(stored);
    const schema::SearchableVersion* older =
        v ? schema::find_searchable_older_version(*v) : nullptr;
    if (older == nullptr) {
        throw SchemaError(schema::version_mismatch_message(argument, stored));
    }
    return schema::version_mismatch_message(argument, stored) +
           (older->unanswered.empty()
                ? "; searches answer as usual meanwhile"
                : "; until then searches cannot answer " + std::string(older->unanswered));
}

} // namespace

bool is_remote(std::string_view location) { return is_remote_location(location); }

Xapian::Database open_database(const std::string& location) {
    try {
        if (is_remote(location)) {
            const RemoteAddress remote = parse_remote_location(location); // port 1-65535
            return Xapian::Remote::open(remote.host, remote.port, remote_timeout_ms,
                                        remote_connect_timeout_ms);
        }
        return Xapian::Database(location);
    } catch (const Xapian::DatabaseNotFoundError&) {
        throw Error("no database at '" + location + "' (create one with newsdex-index --db " +
                    location + " FILES)");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open database '" + location + "': " + e.get_msg());
    } catch (const Xapian::NetworkError& e) {
        throw Error("cannot reach remote database '" + location + "': " + e.get_msg());
    }
}

std::vector<std::string> expand_locations(const std::vector<std::string>& arguments) {
    std::vector<std::string> out;
    for (const std::string& argument : arguments) {
        expand(argument, out, 0);
    }
    return out;
}

DatabaseSet::DatabaseSet(const std::vector<std::string>& arguments, bool allow_partial)
    : m_arguments(arguments), m_allow_partial(allow_partial) {
    if (arguments.empty()) {
        throw UsageError("no database given");
    }
    open_all();
}

namespace {

std::pair<unsigned long, unsigned long> identity_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return {0, 0};
    }
    return {static_cast<unsigned long>(st.st_dev), static_cast<unsigned long>(st.st_ino)};
}

} // namespace

std::vector<std::pair<std::string, DatabaseSet::Identity>> DatabaseSet::watched_paths() const {
    std::vector<std::string> paths;
    for (const std::string& argument : m_arguments) {
        if (is_remote(argument)) {
            continue;
        }
        paths.push_back(argument);
        for (const char* stub : {"newsdex.stub", "XAPIANDB"}) {
            paths.push_back((fs::path(argument) / stub).string());
        }
    }
    for (const std::string& location : m_locations) {
        if (!is_remote(location)) {
            paths.push_back(location);
        }
    }
    std::vector<std::pair<std::string, Identity>> watched;
    watched.reserve(paths.size());
    for (const std::string& path : paths) {
        watched.emplace_back(path, identity_of(path));
    }
    return watched;
}

bool DatabaseSet::reopen_if_replaced() {
    if (watched_paths() == m_watched) {
        return false;
    }
    m_locations.clear();
    m_shards.clear();
    m_warnings.clear();
    m_notices.clear();
    open_all();
    return true;
}

void DatabaseSet::open_all() {
    std::vector<std::string> locations;
    std::vector<std::string> argument_of; // the --db argument each location came from
    for (const std::string& argument : m_arguments) {
        expand(argument, locations, 0);
        argument_of.resize(locations.size(), argument);
    }
    for (std::size_t i = 0; i < locations.size(); ++i) {
        const std::string& location = locations[i];
        try {
            Xapian::Database shard;
            std::string old_schema;
            // An indexer committing while we open and read the schema can discard the
            // revision we opened (DatabaseModifiedError); open the newest one and read again,
            // waiting a little longer each time so that a burst of commits can end (under a
            // sanitizer on a loaded machine ten quick attempts were not always enough).
            constexpr int max_attempts = 40;
            for (int attempt = 1;; ++attempt) {
                try {
                    shard = open_database(location);
                    old_schema = check_schema(shard, argument_of[i]);
                    break;
                } catch (const Xapian::DatabaseModifiedError&) {
                    if (attempt == max_attempts) {
                        throw;
                    }
                    std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
                }
            }
            if (!old_schema.empty() &&
                std::find(m_notices.begin(), m_notices.end(), old_schema) == m_notices.end()) {
                m_notices.push_back(old_schema); // once for all the shards of one archive
            }
            m_shards.push_back(shard);
            m_locations.push_back(location);
        } catch (const UsageError&) {
            throw; // a bad address (port 65536) is the command's mistake, not a shard down
        } catch (const SchemaError&) {
            throw; // a wrong index is not a shard that is down: never answer without it
        } catch (const Error& opening) {
            std::error_code ec;
            const Error e = is_remote(location) || fs::exists(location, ec)
                                ? opening
                                : Error("shard '" + location + "' is missing");
            if (locations.size() == 1) {
                throw opening;
            }
            if (!m_allow_partial) {
                throw Error(std::string(e.what()) + " (one of " + std::to_string(locations.size()) +
                            " shards; --allow-partial searches the others)");
            }
            m_warnings.push_back("shard '" + location + "' left out: " + e.what() +
                                 "; results are partial");
        } catch (const Xapian::Error& e) {
            // E.g. the server accepted the connection and then failed.
            if (!m_allow_partial || locations.size() == 1) {
                throw Error("shard '" + location + "' failed: " + e.get_description());
            }
            m_warnings.push_back("shard '" + location + "' left out: " + e.get_description() +
                                 "; results are partial");
        }
    }
    if (m_shards.empty()) {
        throw Error("none of the " + std::to_string(locations.size()) +
                    " shards could be opened (" + m_warnings.front() + ")");
    }
    rebuild();
    m_watched = watched_paths();
}

bool DatabaseSet::all_local() const {
    return std::none_of(m_locations.begin(), m_locations.end(),
                        [](const std::string& location) { return is_remote(location); });
}

void DatabaseSet::rebuild() {
    m_combined = Xapian::Database();
    for (const Xapian::Database& shard : m_shards) {
        m_combined.add_database(shard);
    }
}

bool DatabaseSet::drop_unreachable(const Xapian::Error& failure) {
    std::vector<std::string> down;
    std::vector<std::string> messages;
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < m_shards.size(); ++i) {
        if (!is_remote(m_locations[i])) {
            keep.push_back(i);
            continue;
        }
        // A new connection, not the old one: a match that failed half way leaves replies of
        // the other servers unread on their connections, so those are out of step now.
        try {
            m_shards[i] = open_database(m_locations[i]);
            keep.push_back(i);
        } catch (const Error& e) {
            down.push_back(m_locations[i]);
            messages.push_back(e.what());
        } catch (const Xapian::Error& e) {
            down.push_back(m_locations[i]);
            messages.push_back(e.get_msg());
        }
    }
    if (down.empty()) {
        rebuild(); // the fresh connections: worth one more try
        return !all_local();
    }
    std::string names;
    for (const std::string& name : down) {
        names += (names.empty() ? "'" : ", '") + name + "'";
    }
    if (!m_allow_partial || keep.empty()) {
        throw Error("remote shard " + names + " stopped answering: " + failure.get_msg() +
                    (m_allow_partial ? "" : " (--allow-partial searches the others)"));
    }
    std::vector<Xapian::Database> shards;
    std::vector<std::string> locations;
    for (std::size_t i : keep) {
        shards.push_back(m_shards[i]);
        locations.push_back(m_locations[i]);
    }
    for (std::size_t i = 0; i < down.size(); ++i) {
        m_warnings.push_back("shard '" + down[i] + "' left out: it stopped answering (" +
                             messages[i] + "); results are partial");
    }
    m_shards = std::move(shards);
    m_locations = std::move(locations);
    rebuild();
    return true;
}

} // namespace newsdex::search
