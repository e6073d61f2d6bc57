/// @file
/// @brief Writing articles into a Xapian database: idempotent, batched, safe to interrupt.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include <xapian.h>

#include "newsdex/article.h"
#include "newsdex/article_source.h"
#include "newsdex/index/document_builder.h"

namespace newsdex::index {

struct IndexOptions {
    std::string db_path;
    std::string default_language = "en";
    std::size_t batch_size = 5000;  ///< articles per atomic commit
    bool overwrite = false;         ///< start from an empty database
    bool dry_run = false;           ///< count what would change; write nothing
};

/// What a run did. `rejected` counts records that readers dropped; `problems` counts every
/// reported problem by kind (including repaired ones).
struct IndexStats {
    std::uint64_t read = 0;
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t deleted = 0;
    std::uint64_t rejected = 0;
    std::map<ProblemKind, std::uint64_t> problems;
    double seconds = 0;
};

/// One-line summary: "read 30, added 28, replaced 2, unchanged 0, deleted 0, rejected 1 …".
std::string summary_line(const IndexStats& stats);

/// Owns the writable database. One Indexer per database at a time (Xapian's lock enforces it).
class Indexer {
public:
    /// Opens or creates the database. Throws newsdex::Error with a clear message when the
    /// database is locked by another writer, or SchemaError when it was written by another
    /// schema version.
    explicit Indexer(IndexOptions options);

    /// Adds, replaces, or (for tombstones) deletes one article. Commits every batch_size calls.
    void add(const Article& article);

    /// Commits what is pending (a no-op in dry-run mode).
    void commit();

    IndexStats& stats() { return m_stats; }
    const IndexStats& stats() const { return m_stats; }
    Xapian::doccount document_count() const;

private:
    IndexOptions m_options;
    Xapian::WritableDatabase m_db;
    DocumentBuilder m_builder;
    IndexStats m_stats;
    std::size_t m_pending = 0;
};

/// How a run reports as it goes.
struct RunCallbacks {
    std::function<void(const Problem&)> on_problem;    ///< every reported problem
    std::function<void(const IndexStats&)> on_progress; ///< now and then (every ~0.25 s)
};

/// Reads every article of source into the indexer, committing in batches. Stops early, after
/// committing, when `stop` becomes true (signals, --strict). Returns the final stats.
IndexStats index_all(ArticleSource& source, Indexer& indexer, const std::atomic<bool>& stop,
                     const RunCallbacks& callbacks);

} // namespace newsdex::index
