#include "newsdex/index/database_folder.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

#include "newsdex/error.h"
#include "newsdex/schema.h"

namespace fs = std::filesystem;

namespace newsdex::index {
namespace {

fs::path parent_of(const fs::path& path) {
    const fs::path parent = fs::path(path).lexically_normal().parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

std::string errno_text() { return std::strerror(errno); }

// The files Xapian writes into a glass database folder (tables, lock, version and its
// temporary): a folder of nothing else holds no one's files but Xapian's.
bool is_xapian_file(const std::string& name) {
    const auto ends_with = [&name](const char* tail) {
        const std::size_t n = std::strlen(tail);
        return name.size() > n && name.compare(name.size() - n, n, tail) == 0;
    };
    return name == "flintlock" || name == "iamglass" || name == "v.tmp" || ends_with(".glass") ||
           ends_with(".tmp");
}

// Every entry of `dir` is one of Xapian's own files.
bool holds_only_xapian_files(const fs::path& dir) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; it != end; it.increment(ec)) {
        if (ec || !it->is_regular_file(ec) || !is_xapian_file(it->path().filename().string())) {
            return false;
        }
    }
    return !ec;
}

// A bulk staging folder: part databases (and their creations), the merged one, its marker.
bool holds_only_bulk_files(const fs::path& dir) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; it != end; it.increment(ec)) {
        if (ec) {
            return false;
        }
        const std::string name = it->path().filename().string();
        const bool marker = it->is_regular_file(ec) && name.rfind("merged.uuid", 0) == 0;
        const bool database = it->is_directory(ec) && holds_only_xapian_files(it->path());
        if (!marker && !database) {
            return false;
        }
    }
    return !ec;
}

} // namespace

void remove_folder(const fs::path& dir) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (ec) {
        throw Error("cannot remove '" + dir.string() + "': " + ec.message());
    }
    sync_directory(parent_of(dir));
}

void write_file_durably(const fs::path& path, const std::string& text) {
    const fs::path temporary = path.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw Error("cannot write '" + temporary.string() + "': " + errno_text());
    }
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const std::string why = errno_text();
            ::close(fd);
            throw Error("cannot write '" + temporary.string() + "': " + why);
        }
        written += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const std::string why = synced ? "" : errno_text();
    ::close(fd);
    if (!synced) {
        throw Error("cannot write '" + temporary.string() + "': " + why);
    }
    durable_rename(temporary, path);
}

void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw Error("cannot open folder '" + dir.string() + "': " + errno_text());
    }
    // Some file systems cannot sync a folder (EINVAL): there is nothing more to do there.
    const bool failed = ::fsync(fd) != 0 && errno != EINVAL && errno != EROFS;
    const std::string why = failed ? errno_text() : "";
    ::close(fd);
    if (failed) {
        throw Error("cannot sync folder '" + dir.string() + "': " + why);
    }
}

void durable_rename(const fs::path& from, const fs::path& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
        throw Error("cannot rename '" + from.string() + "' to '" + to.string() +
                    "': " + errno_text());
    }
    sync_directory(parent_of(to));
    if (parent_of(from) != parent_of(to)) {
        sync_directory(parent_of(from));
    }
}

fs::path swap_in(const fs::path& fresh, const fs::path& path, const fs::path& fallback) {
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) == 0) {
        sync_directory(parent_of(path));
        if (parent_of(fresh) != parent_of(path)) {
            sync_directory(parent_of(fresh));
        }
        return fresh;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        throw Error("cannot swap '" + fresh.string() + "' into '" + path.string() +
                    "': " + errno_text());
    }
    // A file system without exchange: a moment without a database at `path`, which the next
    // run repairs from `fallback` (recover_database_folder).
    durable_rename(path, fallback);
    durable_rename(fresh, path);
    return fallback;
}

FolderState folder_state(const fs::path& path) {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(path, ec);
    if (!fs::exists(status)) {
        return FolderState::missing;
    }
    if (!fs::is_directory(status)) {
        return FolderState::other;
    }
    if (fs::exists(path / "iamglass", ec) || fs::exists(path / "iamchert", ec)) {
        return FolderState::database;
    }
    bool empty = true;
    for (fs::directory_iterator it(path, ec), end; it != end; it.increment(ec)) {
        if (ec) {
            return FolderState::other;
        }
        empty = false;
        const std::string name = it->path().filename().string();
        const bool lock_or_version = name == "flintlock" || name == "v.tmp";
        // Tables are created empty and written only by the first commit, which also writes
        // iamglass: data in one means more than a creation happened here.
        const bool empty_table = name.size() > 6 &&
                                 name.compare(name.size() - 6, 6, ".glass") == 0 &&
                                 it->is_regular_file(ec) && it->file_size(ec) == 0;
        if (!it->is_regular_file(ec) || !(lock_or_version || empty_table)) {
            return FolderState::other;
        }
    }
    return empty ? FolderState::missing : FolderState::unborn;
}

fs::path sibling(const fs::path& path, const char* suffix) {
    fs::path p = fs::path(path).lexically_normal();
    if (!p.has_filename()) {
        p = p.parent_path(); // "news.db/" → "news.db"
    }
    return p.string() + suffix;
}

void recover_database_folder(const fs::path& path, const NoticeSink& notice) {
    const auto tell = [&notice](const std::string& message) {
        if (notice) {
            notice(message);
        }
    };
    FolderState state = folder_state(path);
    if (state == FolderState::unborn) {
        remove_folder(path);
        tell("'" + path.string() + "' held only what an interrupted database creation leaves " +
             "(no data): creating it again");
        state = FolderState::missing;
    }
    if (state != FolderState::missing) {
        return;
    }
    for (const char* suffix : {".before-compact", ".before-overwrite"}) {
        const fs::path old = sibling(path, suffix);
        if (folder_state(old) != FolderState::database) {
            continue;
        }
        std::error_code ec;
        fs::remove(path, ec); // an empty folder, if any (the rename would replace it anyway)
        durable_rename(old, path);
        tell("no database at '" + path.string() + "' but its previous generation '" + old.string() +
             "' (a swap was interrupted): restored it");
        return;
    }
}

bool holds_every_id(const Xapian::Database& newer, const Xapian::Database& older) {
    const std::string prefix(schema::field("id").prefix);
    Xapian::TermIterator in_newer = newer.allterms_begin(prefix);
    const Xapian::TermIterator newer_end = newer.allterms_end(prefix);
    for (auto it = older.allterms_begin(prefix); it != older.allterms_end(prefix); ++it) {
        in_newer.skip_to(*it);
        if (in_newer == newer_end || *in_newer != *it) {
            return false;
        }
    }
    return true;
}

void clear_old_generations(const fs::path& path, const Xapian::Database& db,
                           const NoticeSink& notice) {
    const auto tell = [&notice](const std::string& message) {
        if (notice) {
            notice(message);
        }
    };
    // A compaction's output or its old generation: the same articles as `path` in another
    // layout. Removed only when `path` holds every one of its ids, whichever it is.
    for (const char* suffix : {".compacting", ".before-compact"}) {
        const fs::path old = sibling(path, suffix);
        std::error_code ec;
        if (!fs::exists(old, ec) || !holds_only_xapian_files(old)) {
            continue;
        }
        bool settled = false;
        try {
            settled = holds_every_id(db, Xapian::Database(old.string()));
        } catch (const Xapian::DatabaseError&) {
            settled = true; // does not open: a compaction killed before it wrote its revision
        }
        if (settled) {
            remove_folder(old);
            tell("removed '" + old.string() + "', left by an interrupted compaction ('" +
                 path.string() + "' holds every article)");
        } else {
            tell("kept '" + old.string() + "', left by an interrupted compaction: it holds " +
                 "articles that '" + path.string() + "' lacks");
        }
    }
    // A bulk run's staging folder, renamed once its merged database was in place: its parts
    // are in `path`.
    const fs::path done = sibling(path, ".bulk-done");
    std::error_code done_ec;
    if (fs::is_directory(done, done_ec) && holds_only_bulk_files(done)) {
        remove_folder(done);
        tell("removed '" + done.string() + "', left by an interrupted --bulk run (finished)");
    }
    // An overwrite's new generation that never went in, or its old one that was replaced:
    // either way nothing the user still asked to keep.
    for (const char* suffix : {".overwriting", ".before-overwrite"}) {
        const fs::path old = sibling(path, suffix);
        std::error_code ec;
        if (fs::exists(old, ec) && holds_only_xapian_files(old)) {
            remove_folder(old);
            tell("removed '" + old.string() + "', left by an interrupted --overwrite run");
        }
    }
}

} // namespace newsdex::index
