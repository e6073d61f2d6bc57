#include "newsdex/database_location.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "newsdex/error.h"

namespace fs = std::filesystem;

namespace newsdex {
namespace {

constexpr std::string_view tcp_scheme = "tcp://";

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// The files Xapian keeps in a database folder (glass, and chert's older names), the stubs,
// and the shard folders Newsdex puts beside its stubs.
bool is_database_entry(const fs::directory_entry& entry) {
    const std::string name = entry.path().filename().string();
    std::error_code ec;
    if (entry.is_directory(ec)) {
        if (ends_with(name, ".db")) {
            return true;
        }
        // A shard's generation beside it (index/database_folder.h): one being created,
        // compacted, re-analysed or swapped out, which a crash may leave for the next run.
        const std::size_t db = name.rfind(".db.");
        if (db == std::string::npos) {
            return false;
        }
        const std::string_view suffix = std::string_view(name).substr(db + 3);
        for (std::string_view known : database_generation_suffixes) {
            if (suffix == known) {
                return true;
            }
        }
        return false;
    }
    const bool changeset =
        starts_with(name, "changes") && name.size() > 7 &&
        std::all_of(name.begin() + 7, name.end(), [](char c) { return c >= '0' && c <= '9'; });
    return name == "flintlock" || name == "XAPIANDB" || name == "newsdex.stub" || name == "uuid" ||
           name == "iamglass" || name == "iamchert" || changeset || ends_with(name, ".glass") ||
           ends_with(name, ".DB") || ends_with(name, ".baseA") || ends_with(name, ".baseB") ||
           ends_with(name, ".tmp");
}

void refuse_program_stubs(const fs::path& location, int depth) {
    if (depth > 8) {
        throw Error("stub files nest too deeply at '" + location.string() + "'");
    }
    std::error_code ec;
    fs::path stub;
    if (fs::is_regular_file(location, ec)) {
        stub = location;
    } else if (fs::is_regular_file(location / "XAPIANDB", ec)) {
        stub = location / "XAPIANDB";
    } else {
        return;
    }
    for (const StubEntry& entry : read_stub_file(stub)) {
        if (!entry.remote) {
            refuse_program_stubs(entry.target, depth + 1);
        }
    }
}

} // namespace

bool is_remote_location(std::string_view location) { return starts_with(location, tcp_scheme); }

unsigned parse_port(std::string_view text, std::string_view what) {
    unsigned long port = 0;
    bool ok = !text.empty() && text.size() <= 5;
    for (char c : text) {
        ok = ok && c >= '0' && c <= '9';
        port = port * 10 + static_cast<unsigned long>(c - '0');
    }
    if (!ok || port < 1 || port > 65535) {
        throw UsageError(std::string(what) + ": port '" + std::string(text) +
                         "' is not a number from 1 to 65535");
    }
    return static_cast<unsigned>(port);
}

RemoteAddress parse_remote_location(std::string_view location) {
    const std::string_view rest = location.substr(tcp_scheme.size());
    const std::size_t colon = rest.rfind(':');
    if (!is_remote_location(location) || colon == std::string_view::npos || colon == 0) {
        throw UsageError("remote database '" + std::string(location) +
                         "' needs a host and a port (tcp://HOST:PORT)");
    }
    RemoteAddress address;
    address.host = std::string(rest.substr(0, colon));
    address.port =
        parse_port(rest.substr(colon + 1), "remote database '" + std::string(location) + "'");
    return address;
}

std::vector<StubEntry> read_stub_file(const fs::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw Error("cannot read stub file '" + file.string() + "'");
    }
    std::vector<StubEntry> entries;
    std::string line;
    for (unsigned number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto space = line.find(' ');
        const std::string type = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        StubEntry entry;
        entry.where = file.string() + ":" + std::to_string(number);
        if ((type == "auto" || type == "glass" || type == "chert") && !rest.empty()) {
            fs::path path(rest);
            if (path.is_relative()) {
                path = file.parent_path() / path;
            }
            entry.target = path.lexically_normal().string();
        } else if (type == "remote" && !rest.empty() && rest[0] != ':' &&
                   rest.rfind(':') != std::string::npos) {
            // Checked here, where the line is known, rather than when it is opened.
            (void)parse_port(rest.substr(rest.rfind(':') + 1), entry.where);
            entry.remote = true;
            entry.target = std::string(tcp_scheme) + rest;
        } else if (type == "remote") {
            throw Error(entry.where +
                        ": only TCP remote shards are supported ('remote HOST:PORT')");
        } else {
            throw Error(entry.where + ": cannot read this stub line (expected 'auto PATH' or "
                                      "'remote HOST:PORT')");
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

void refuse_program_stubs(const fs::path& location) { refuse_program_stubs(location, 0); }

std::vector<std::string> foreign_entries(const fs::path& folder) {
    std::vector<std::string> names;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        return names;
    }
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (!is_database_entry(*it)) {
            std::error_code type_ec;
            names.push_back(it->path().filename().string() +
                            (it->is_directory(type_ec) ? "/" : ""));
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

void refuse_foreign_folder(const fs::path& folder) {
    const std::vector<std::string> names = foreign_entries(folder);
    if (names.empty()) {
        return;
    }
    constexpr std::size_t shown = 3;
    std::string list;
    for (std::size_t i = 0; i < names.size() && i < shown; ++i) {
        list += (i == 0 ? "" : ", ") + names[i];
    }
    if (names.size() > shown) {
        list += " and " + std::to_string(names.size() - shown) + " more";
    }
    throw Error("'" + folder.string() + "' is not a Newsdex database: it holds " + list +
                " (give --db a new or empty folder, or an existing database)");
}

} // namespace newsdex
