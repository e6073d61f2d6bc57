/// @file
/// @brief Writing articles into a Xapian database: idempotent, batched, safe to interrupt.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "newsdex/article.h"
#include "newsdex/article_source.h"
#include "newsdex/entity_registry.h"
#include "newsdex/index/database_folder.h"
#include "newsdex/index/document_builder.h"
#include "newsdex/schema.h"

namespace newsdex::index {

/// Finds near-duplicates among the articles of a database by their SimHash signatures: the
/// signatures live in memory (8 bytes and a cluster id each, read from a value stream when the
/// indexer opens), split into bands so that a lookup compares against a small share of them.
/// Thread-safe: the writers of a bulk run (index/bulk.h) share one.
class NearDuplicateIndex {
public:
    /// The cluster of the nearest signature within analysis::simhash_max_distance, if any.
    std::optional<std::string> find(std::uint64_t bits) const;
    void insert(std::uint64_t bits, const std::string& cluster);
    /// find() then insert() as one step: the cluster of the nearest signature, else `own`;
    /// the signature is recorded under the cluster returned.
    std::string assign(std::uint64_t bits, const std::string& own);
    /// The same with a second key: the cluster of the nearest signature, else that of an
    /// article under the same headline key published within analysis::headline_window_days,
    /// else `own`; both keys (those given) are recorded under the cluster returned.
    std::string assign(std::optional<std::uint64_t> bits,
                       const std::optional<schema::HeadlineValue>& headline,
                       const std::string& own);
    void insert_headline(const schema::HeadlineValue& headline, const std::string& cluster);
    std::size_t size() const;

private:
    std::optional<std::string> find_locked(std::uint64_t bits) const;
    void insert_locked(std::uint64_t bits, const std::string& cluster);
    mutable std::mutex m_mutex;
    struct Entry {
        std::uint64_t bits;
        std::string cluster;
    };
    std::vector<Entry> m_entries;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> m_bands;
    // Headline key → (day, cluster) of the articles under it.
    std::unordered_map<std::uint64_t, std::vector<std::pair<std::int64_t, std::string>>>
        m_headlines;
};

/// Adds the near-duplicate signatures stored in `db` (with their clusters) to `into`.
void load_signatures(const Xapian::Database& db, NearDuplicateIndex& into);

struct IndexOptions {
    std::string db_path;
    std::string default_language = "en";
    std::size_t batch_size = 5000; ///< articles per atomic commit
    bool overwrite = false;        ///< start from an empty database
    bool dry_run = false;          ///< count what would change; write nothing
    unsigned threads = 0;          ///< analysis threads; 0 = one per core
    bool entities = true;          ///< extract entity facets (actors, places, dates)
    double wait_lock_seconds = 0;  ///< wait this long for another writer's lock
    /// Extra Xapian open flags, e.g. Xapian::DB_NO_SYNC for the temporary parts of a bulk run.
    int open_flags = 0;
    /// Where to report an article that Xapian refuses to store (it is then skipped); may be
    /// empty.
    ProblemSink on_problem;
    /// Where to tell people about the database itself: what a crashed run left, repaired
    /// (index/database_folder.h); may be empty.
    NoticeSink on_notice;
    /// Near-duplicate signatures shared by several databases written together (period shards),
    /// so that a story's copies in different months form one cluster. Null: the Indexer keeps
    /// its own, loaded from its database when first needed.
    std::shared_ptr<NearDuplicateIndex> shared_duplicates;
    /// The user's rules for facet values (UserAliases), applied to what is written; may be null.
    std::shared_ptr<const UserAliases> user_aliases;
};

/// An article analysed and ready to write: what the writer needs, built off its thread.
struct PreparedArticle {
    Article article;
    std::string id_term;
    std::string hash;                        ///< content_hash(article)
    std::optional<Xapian::Document> doc;     ///< empty for tombstones, or when skipped as unchanged
    std::optional<std::uint64_t> signature;  ///< doc's BuiltDocument::signature
    std::vector<registry::Mention> names;    ///< doc's BuiltDocument::names
    std::vector<std::string> spelling_words; ///< doc's BuiltDocument::spelling_words
    std::optional<schema::HeadlineValue> headline; ///< doc's BuiltDocument::headline
    /// The near-duplicate cluster, when decided before the writer: a bulk run decides it in
    /// input order (BulkIndexer::add), as one writer would, rather than in whichever order
    /// its parallel writers happen to reach the articles.
    std::optional<std::string> cluster;
};

/// What a run wrote. The problems met on the way are counted by whoever receives them
/// (ProblemCounts).
struct IndexStats {
    std::uint64_t read = 0;
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t deleted = 0;
    double seconds = 0;
};

/// One-line summary: "read 30, added 27, replaced 2, unchanged 0, deleted 0, rejected 1 …"
/// ("read" counts the rejected records too).
std::string summary_line(const IndexStats& stats, const ProblemCounts& problems);

/// What index_all() writes into: one database (Indexer) or a directory of period shards
/// (ShardedIndexer, index/shards.h).
class ArticleSink {
public:
    virtual ~ArticleSink() = default;
    virtual const IndexOptions& options() const = 0;
    /// The entity extractor shared by every analysis thread; null without --entities.
    virtual const analysis::EntityExtractor* extractor() const = 0;
    virtual void add(PreparedArticle&& prepared) = 0;
    virtual void commit() = 0;
    /// The end of a run (also after an interruption): commits; a bulk run also merges its
    /// parts into the target database here.
    virtual void finish() { commit(); }
    virtual IndexStats& stats() = 0;
    virtual Xapian::doccount document_count() const = 0;
    /// A read-only view for the analysis threads' unchanged-article shortcut; empty for none.
    virtual std::optional<Xapian::Database> snapshot() const = 0;
};

/// Owns the writable database. One Indexer per database at a time (Xapian's lock enforces it).
class Indexer : public ArticleSink {
public:
    /// Opens or creates the database. Throws LockedError when another writer holds it (after
    /// waiting options.wait_lock_seconds), or SchemaError when it was written by another
    /// schema version. With options.overwrite the articles go into a new database beside it
    /// (`PATH.overwriting`), which finish() puts in its place in one step: until then
    /// searchers see the old one, and a crash leaves the old one whole.
    explicit Indexer(const IndexOptions& options);

    /// The same, sharing an entity extractor already loaded (null: none), as the shards of a
    /// ShardedIndexer do.
    Indexer(IndexOptions options, std::shared_ptr<const analysis::EntityExtractor> extractor);

    /// Not finished under --overwrite (an exception): the new database is dropped, the old
    /// one stays.
    ~Indexer() override;
    Indexer(const Indexer&) = delete;
    Indexer& operator=(const Indexer&) = delete;

    /// Adds, replaces, or (for tombstones) deletes one article. Commits every batch_size calls.
    void add(const Article& article);

    /// The same, for an article prepared by prepare_article() on another thread.
    void add(PreparedArticle&& prepared) override;

    const IndexOptions& options() const override { return m_options; }

    /// The open database (for maintenance such as compaction, which needs the writer's lock).
    Xapian::WritableDatabase& database() { return m_db; }

    /// The entity extractor shared by every analysis thread; null without --entities.
    const analysis::EntityExtractor* extractor() const override { return m_extractor.get(); }

    /// Commits what is pending (a no-op in dry-run mode).
    void commit() override;

    /// Commits; under --overwrite also swaps the new database in and removes the old one.
    void finish() override;

    IndexStats& stats() override { return m_stats; }
    const IndexStats& stats() const { return m_stats; }
    Xapian::doccount document_count() const override;
    std::optional<Xapian::Database> snapshot() const override;

    /// Whether the database holds a document with this id term (pending changes included).
    bool holds(const std::string& id_term) const;
    /// Deletes the document with this id term inside the current batch, without counting it
    /// in stats(); returns whether there was one. Used by ShardedIndexer to move an article
    /// between shards.
    bool remove(const std::string& id_term);

private:
    IndexOptions m_options;
    std::shared_ptr<const analysis::EntityExtractor> m_extractor;
    // Under --overwrite: the database being replaced, held open for its writer lock.
    std::optional<Xapian::WritableDatabase> m_replaced;
    Xapian::WritableDatabase m_db;
    DocumentBuilder m_builder;
    IndexStats m_stats;
    void assign_cluster(PreparedArticle& p);

    std::size_t m_pending = 0;
    bool m_in_batch = false;
    void load_signatures();

    std::shared_ptr<NearDuplicateIndex> m_duplicates; // this database's signatures are in it
    bool m_signatures_loaded = false;

    // What the current batch adds to and takes from the entity registry (entity_registry.h),
    // written into the metadata when the batch commits.
    registry::BatchWriter m_registry;
    // The spelling table changes of the batch, one count per word: a batch adds each word
    // once (Xapian's add_spelling costs a B-tree update per call, however many articles).
    void count_spelling(const std::vector<std::string>& words, int sign);
    std::vector<std::string> spelling_words_of(Xapian::docid stored) const;
    void write_spelling();
    std::unordered_map<std::string, long long> m_spelling;

    void record_analysis();
    std::string m_analysis_line; // analysis::AnalysisFingerprint::line() of this run
    bool m_analysis_recorded = false;
};

/// Opens options.db_path for writing as it is (options.overwrite is the Indexer's business),
/// with options.open_flags. First repairs what a crashed run left there
/// (recover_database_folder); a database that does not exist is created beside it and renamed
/// into place once committed (so no half-created database is ever at the path); then, holding
/// the lock, removes the old generations a crash left (clear_old_generations). A dry run
/// changes nothing on disk: a missing database is an empty one in memory. Throws LockedError
/// when another writer holds it after waiting options.wait_lock_seconds, Error when it cannot
/// be opened. Before anything, it refuses (Error) a folder holding files that are not a
/// database's and a stub naming a program (database_location.h).
Xapian::WritableDatabase open_writable(const IndexOptions& options);

/// How a run reports as it goes.
struct RunCallbacks {
    /// Now and then (every ~0.25 s), with the share of the input read when it is known.
    std::function<void(const IndexStats&, std::optional<double>)> on_progress;
};

/// Analyses an article into a document. `snapshot`, when given, is a read-only view of the
/// database: an article whose stored content hash it already holds is not analysed again (the
/// writer still checks against the live database).
PreparedArticle prepare_article(Article article, DocumentBuilder& builder,
                                Xapian::Database* snapshot);

/// Reads every article of source into the indexer, committing in batches: one reader (this
/// thread), options.threads analysis threads, one writer (this thread), in input order, with
/// bounded queues so that memory stays flat on any dump size. Stops early, after committing,
/// when `stop` becomes true (signals, --strict). Returns the final stats.
IndexStats index_all(ArticleSource& source, ArticleSink& indexer, const std::atomic<bool>& stop,
                     const RunCallbacks& callbacks);

} // namespace newsdex::index
