/// @file
/// @brief Keeping a database in shape: compaction, and the numbers that describe it.
#pragma once
#include <cstdint>
#include <string>

#include <xapian.h>

#include "newsdex/index/indexer.h"

namespace newsdex::index {

/// Bytes of a database (every file under a directory, or one file) on disk.
std::uintmax_t size_on_disk(const std::string& path);

struct CompactResult {
    std::uintmax_t bytes_before = 0;
    std::uintmax_t bytes_after = 0;
};

/// Rewrites the database at `path` compactly (Xapian compaction into `PATH.compacting`) and
/// swaps the result in with one atomic exchange (swap_in), while holding the writer's lock so
/// that no indexer writes meanwhile; the old generation is removed only once the new one holds
/// every one of its ids. A missing `path` with a `PATH.before-compact` is restored first
/// (recover_database_folder). `options` gives the lock wait, the notices and the schema check
/// (its db_path is replaced by `path`). Throws Error when there is no database, LockedError or
/// SchemaError as an Indexer does.
CompactResult compact_database(const std::string& path, IndexOptions options);

/// What a database holds, as plain numbers for people (the CLI formats them).
struct DatabaseStats {
    Xapian::doccount documents = 0;
    Xapian::doccount dated = 0; ///< documents with a publication day
    std::string first_day;      ///< "YYYYMMDD", empty when no document is dated
    std::string last_day;
    std::uintmax_t bytes_on_disk = 0;
    std::string schema_version; ///< as stored; empty when not written by newsdex
};

/// The numbers of `db`, opened from `path` by the caller (a searcher's database, which may be
/// several shards).
DatabaseStats database_stats(const Xapian::Database& db, const std::string& path);

} // namespace newsdex::index
