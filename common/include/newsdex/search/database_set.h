/// @file
/// @brief Many databases searched as one: --db entries, stub files, shard directories, local
/// or remote (tcp://host:port, served by xapian-tcpsrv), with per-shard failure handling.
///
/// Xapian does the merging: Database::add_database() gives the combined handle global
/// statistics (document count, average length, term frequencies), so BM25 scores, totals,
/// sorting and ValueCountMatchSpy facet counts equal those of one merged database, and
/// document data (for snippets) is fetched from whichever shard holds the hit.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex::search {

/// Whether a location is a remote shard (tcp://host:port).
bool is_remote(std::string_view location);

/// Opens one database location (path, stub file or tcp://host:port); throws newsdex::Error
/// naming it ("no database at 'x' …"), or UsageError for a remote location without a port.
Xapian::Database open_database(const std::string& location);

/// Expands --db arguments into shard locations, in order:
/// - a directory with a `newsdex.stub` (or Xapian's `XAPIANDB`): the entries of that file;
/// - a directory that is no database itself but holds `*.db` databases: each of them, by name;
/// - a file (a Xapian stub database): its entries — `auto|glass PATH` (relative to the
///   file's directory) and `remote HOST:PORT` (→ `tcp://HOST:PORT`); nested stubs expand too;
/// - anything else (a database directory, `tcp://host:port`, a missing path): itself.
/// Throws Error for a stub line it cannot read (naming the file and line).
std::vector<std::string> expand_locations(const std::vector<std::string>& arguments);

/// The open shards and their combined handle.
class DatabaseSet {
public:
    /// Opens every location of expand_locations(arguments) and checks its schema version
    /// (remote ones through get_metadata): an older version that searches still answer from
    /// (schema::searchable_older_versions) adds a notice, any other throws SchemaError; both
    /// name `newsdex-index --db ARGUMENT --reanalyse`. A shard that cannot be opened throws
    /// Error naming it — or, with allow_partial, is left out with a warning, as long as one
    /// shard opens.
    DatabaseSet(const std::vector<std::string>& arguments, bool allow_partial);

    const Xapian::Database& combined() const { return m_combined; }

    /// The open shards, one handle each (sharing their state with combined()).
    const std::vector<Xapian::Database>& shards() const { return m_shards; }
    /// The shards in use, as located ("a/2018-01.db", "tcp://10.0.0.7:7001").
    const std::vector<std::string>& locations() const { return m_locations; }
    /// One line per shard left out ("shard 'x' left out: …").
    const std::vector<std::string>& warnings() const { return m_warnings; }
    bool partial() const { return !m_warnings.empty(); }
    /// Whether every shard in use is a local database (none is remote).
    bool all_local() const;
    /// Warnings that do not make results partial: one line per archive written by an older
    /// schema version that searches still answer from (naming --reanalyse).
    const std::vector<std::string>& notices() const { return m_notices; }

    /// Called when a search failed with a Xapian::NetworkError: asks each remote shard whether
    /// it still answers, on a new connection. Without allow_partial, throws Error naming the
    /// shards that do not; with it, drops them and records warnings. Rebuilds combined() and
    /// returns whether the search is worth retrying (false when there is no remote shard).
    bool drop_unreachable(const Xapian::Error& failure);

    /// Whether a local database or stub file was replaced on disk since it was opened (a
    /// compaction or an --overwrite swaps in a new folder; a new shard rewrites the stub):
    /// then opens everything again, as the constructor does, and returns true. One stat() per
    /// local path: cheap enough before every query of a session.
    bool reopen_if_replaced();

private:
    void rebuild();
    void open_all();
    /// (device, inode) of a local path, or (0, 0) when it cannot be read.
    using Identity = std::pair<unsigned long, unsigned long>;
    std::vector<std::pair<std::string, Identity>> watched_paths() const;

    std::vector<std::string> m_arguments;
    std::vector<std::pair<std::string, Identity>> m_watched;
    bool m_allow_partial;
    std::vector<std::string> m_locations;
    std::vector<Xapian::Database> m_shards;
    std::vector<std::string> m_warnings;
    std::vector<std::string> m_notices;
    Xapian::Database m_combined;
};

} // namespace newsdex::search
