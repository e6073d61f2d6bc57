/// @file
/// @brief Bulk indexing (--bulk): several Xapian writers in parallel, merged at the end.
///
/// A Xapian database has one writer, and on a machine with few cores that writer is the
/// bottleneck of a first, large import. A bulk run writes W databases ("parts") at once, one
/// writer thread each, and merges them into the target with Xapian's compactor when the input
/// ends (a compacted database is also smaller and faster to search).
///
/// What it keeps of a normal run, and what differs:
/// - Only for a new or empty target, or with --overwrite; otherwise open_bulk() returns a plain
///   Indexer (a later nightly run adds with one writer, as before). A killed --bulk
///   --overwrite run must be re-run with --overwrite (or its staging directory removed).
/// - Each article goes to part `hash(id term) % W`, so a repeated id, a replacement or a
///   tombstone in the same input meets the earlier version in the same part; idempotency,
///   replacement, deletes and near-duplicate clusters (one NearDuplicateIndex shared by every
///   part, or options.shared_duplicates when given) work as in one database. The cluster and
///   the indexing time of an article are decided when it is handed to its part, in input
///   order, so the first copy of a story names its cluster as with one writer, and a later
///   re-analysis (which reads in indexing-time order) meets the articles in input order.
/// - Document numbers follow the parts (the merge appends part after part), not the input.
/// - The parts live in `<db>.bulk/part-K.db`; each commits its own batches (--batch / W
///   articles). Until the merge the target is not touched (searchers keep seeing the old
///   database under --overwrite), and its writer lock is held from start to end, so a second
///   indexer still gets "locked" (exit code 4).
/// - SIGINT/SIGTERM: the parts commit, the merge runs, the target holds what was read
///   (unless keep_parts_when_stopped(): then the parts wait for the next run, as after a kill).
/// - kill -9 (or a crash): the target is as before the run; every batch a part committed is
///   kept in `<db>.bulk/`, and the next `--bulk` run into the same target takes the parts up
///   again (articles already in them count as unchanged) and merges them at its end. A run
///   without --bulk refuses a database with such a pending bulk run rather than strand it.
/// - The merge: compaction into `<db>.bulk/merged`, then an atomic exchange of the two
///   directories (swap_in, index/database_folder.h), then `<db>.bulk/` is renamed to
///   `<db>.bulk-done/` and removed. Killed after the exchange, the target is complete and the
///   next run removes the left-over staging directory (the merged database's UUID, written
///   there durably before the exchange, tells) or `<db>.bulk-done/`, and exits 0.
#pragma once
#include <atomic>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "newsdex/index/indexer.h"

namespace newsdex::index {

/// Where a bulk run into db_path keeps its parts: "<db_path>.bulk".
std::filesystem::path bulk_staging_path(const std::string& db_path);

/// Whether db_path has a bulk staging directory (a bulk run going, or killed).
bool has_pending_bulk_run(const std::string& db_path);

/// Removes the staging directory of a bulk run killed after its merged database was swapped
/// in (`target`, opened at db_path, is that database). Returns false when parts of an
/// unfinished bulk run are still waiting there. Call it holding the target's writer lock.
bool clear_finished_bulk_run(const std::string& db_path, const Xapian::Database& target);

class BulkIndexer;

/// A sink for --bulk: a BulkIndexer when options.db_path is new, empty or options.overwrite,
/// else a plain Indexer (then `*single_writer` is set). `writers` 0: one per core, at least 2;
/// a pending bulk run keeps its own number of parts. Throws LockedError / SchemaError as
/// Indexer does.
/// `extractor`: one already loaded, to share (null: loaded here when options.entities).
std::unique_ptr<ArticleSink>
open_bulk(IndexOptions options, unsigned writers, bool* single_writer = nullptr,
          std::shared_ptr<const analysis::EntityExtractor> extractor = nullptr);

/// W writer threads, one part database each; see the file comment.
class BulkIndexer : public ArticleSink {
public:
    /// `target` is the target database, open for writing only to hold its lock; `extractor`
    /// as for open_bulk().
    BulkIndexer(IndexOptions options, unsigned writers, Xapian::WritableDatabase target,
                std::shared_ptr<const analysis::EntityExtractor> extractor = nullptr);
    ~BulkIndexer() override;
    BulkIndexer(const BulkIndexer&) = delete;
    BulkIndexer& operator=(const BulkIndexer&) = delete;

    const IndexOptions& options() const override { return m_options; }
    const analysis::EntityExtractor* extractor() const override { return m_extractor.get(); }
    /// Hands the article to its part's writer thread (in input order per part).
    void add(PreparedArticle&& prepared) override;
    /// Hands over what is buffered; the parts commit in their own batches.
    void commit() override;
    /// Waits for the writers, commits every part and merges them into the target.
    void finish() override;
    IndexStats& stats() override { return m_stats; }
    /// The target's documents once merged; until then those the parts hold.
    Xapian::doccount document_count() const override;
    std::optional<Xapian::Database> snapshot() const override;

    unsigned writers() const { return static_cast<unsigned>(m_parts.size()); }

    /// When `stop` is true at finish(), the parts commit and wait in the staging directory for
    /// the next run instead of being merged: for a caller that only wants the whole input (a
    /// re-analysis swaps in a whole archive or nothing), a merge of a part of it is wasted.
    void keep_parts_when_stopped(const std::atomic<bool>& stop) { m_stop = &stop; }
    /// Written into the merged database before it is swapped in, with the parts' metadata.
    void set_merged_metadata(const std::string& key, const std::string& value);

private:
    struct Part;
    void writer_loop(Part& part);
    void hand_over(Part& part);
    void stop_writers();
    void fail(std::exception_ptr e);
    void rethrow_failure();
    void merge();

    IndexOptions m_options;
    std::shared_ptr<const analysis::EntityExtractor> m_extractor;
    Xapian::WritableDatabase m_target; // held for its lock until the merge is in place
    std::filesystem::path m_staging;
    std::vector<std::unique_ptr<Part>> m_parts;
    std::vector<std::thread> m_threads;
    IndexStats m_stats;
    std::mutex m_problem_mutex; // parts report refused documents from their threads
    std::mutex m_failure_mutex;
    std::exception_ptr m_failure;
    bool m_finished = false;
    bool m_merged = false;
    Xapian::doccount m_final_count = 0;
    const std::atomic<bool>* m_stop = nullptr;
    std::vector<std::pair<std::string, std::string>> m_merged_metadata;
};

} // namespace newsdex::index
