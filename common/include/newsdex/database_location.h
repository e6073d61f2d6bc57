/// @file
/// @brief What a --db location is, checked before anything opens it: a remote address, a
/// Xapian stub file, a database folder, or a folder of someone else's files.
///
/// Both programs read these rules, so that a writer and a reader agree on what they refuse:
/// a stub line that would make Xapian run a program, a port outside 1–65535, and a non-empty
/// folder that is not a database (an indexer would write its tables among the user's files,
/// and --bulk would replace them).
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// True for "tcp://HOST:PORT", the one form of remote database Newsdex opens.
[[nodiscard]] bool is_remote_location(std::string_view location);

struct RemoteAddress {
    std::string host;
    unsigned port = 0;
};

/// Splits "tcp://HOST:PORT". Throws UsageError naming `location` when the port is missing or
/// not a number from 1 to 65535.
[[nodiscard]] RemoteAddress parse_remote_location(std::string_view location);

/// `text` as a TCP port (1–65535). Throws UsageError "WHAT: port 'TEXT' is not …".
[[nodiscard]] unsigned parse_port(std::string_view text, std::string_view what);

/// One line of a Xapian stub file.
struct StubEntry {
    bool remote = false;
    /// A local database, resolved against the stub's folder, or "tcp://HOST:PORT".
    std::string target;
    std::string where; ///< "FILE:LINE", for messages
};

/// Reads a Xapian stub file ("auto PATH", "glass PATH", "chert PATH", "remote HOST:PORT";
/// '#' comments). Throws Error for a `remote :PROGRAM` line (Xapian would run PROGRAM: only
/// TCP remote shards are supported), for a line it cannot read, for a bad port, and when the
/// file cannot be read.
[[nodiscard]] std::vector<StubEntry> read_stub_file(const std::filesystem::path& file);

/// Throws Error when opening `location` with Xapian could run a program: a stub file there, or
/// a folder's XAPIANDB stub, that names one, directly or through the stubs and folders it
/// names. Call it before Xapian opens anything a user may have written.
void refuse_program_stubs(const std::filesystem::path& location);

/// The entries of `folder` that are neither Xapian's own files (tables, lock, version, stub)
/// nor Newsdex's (shard stubs, `*.db` shard folders): "thesis.tex", "photos/". Empty for a
/// missing or empty folder, a database, a folder of shards, and a path that is not a folder.
/// The folders that index/ builds beside a database PATH (PATH + suffix): a new database being
/// created, a compaction, an --overwrite, a bulk import, a re-analysis, and the generation a
/// swap put aside. A crash may leave any of them; in a shard directory they are not foreign.
inline constexpr std::string_view database_generation_suffixes[] = {
    ".creating", ".compacting", ".before-compact", ".overwriting",     ".before-overwrite",
    ".bulk",     ".bulk-done",  ".reanalysing",    ".before-reanalyse"};

[[nodiscard]] std::vector<std::string> foreign_entries(const std::filesystem::path& folder);

/// Throws Error "'FOLDER' is not a Newsdex database: it holds thesis.tex, photos/ …" when
/// foreign_entries(folder) is not empty: nothing may be written into, or replace, such a folder.
void refuse_foreign_folder(const std::filesystem::path& folder);

} // namespace newsdex
