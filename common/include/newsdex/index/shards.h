/// @file
/// @brief Period shards: one Xapian database per month or year under a directory, a stub file
/// listing them, and an ArticleSink that routes each article to its period's shard.
///
/// A shard directory looks like
///
///     DIR/2018-01.db  DIR/2018-02.db  …  DIR/undated.db   (Xapian databases)
///     DIR/newsdex.stub                                    ("auto 2018-01.db" lines)
///     DIR/XAPIANDB                                        (the same lines)
///
/// `newsdex.stub` is a Xapian stub database file, so `Xapian::Database("DIR/newsdex.stub")`
/// opens every shard as one; `XAPIANDB` makes DIR itself a Xapian "stub directory", so Xapian's
/// own tools (`xapian-delve DIR`, `xapian-tcpsrv DIR`) open it too.
#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/index/indexer.h"

namespace newsdex::index {

enum class ShardBy { month, year };

/// Parses "month" or "year"; throws UsageError.
ShardBy parse_shard_by(std::string_view name);

inline constexpr std::string_view stub_file_name = "newsdex.stub";
inline constexpr std::string_view xapian_stub_file_name = "XAPIANDB";
inline constexpr std::string_view undated_period = "undated";

/// The period an article belongs to, from its publication date in its own UTC offset (the
/// same day as the day/month/year filters): "2018-01" by month, "2018" by year, else
/// "undated".
std::string shard_period(const Article& article, ShardBy by);

/// Whether dir holds period shards (it has a newsdex.stub).
bool is_shard_directory(const std::filesystem::path& dir);

/// The shard databases in dir: every sub-directory named "*.db", by name.
std::vector<std::string> list_shards(const std::filesystem::path& dir);

/// Writes dir/newsdex.stub and dir/XAPIANDB listing `shards` (names relative to dir), each
/// through a temporary file and a rename, so a reader sees the old list or the new one.
void write_stub_files(const std::filesystem::path& dir, const std::vector<std::string>& shards);

/// Writes articles into period shards under options.db_path (a directory), as one database.
///
/// - Each shard is an Indexer (idempotency by id term and content hash, schema version,
///   near-duplicate clusters within the shard), all sharing one entity extractor.
/// - Every shard already in the directory is opened at the start, and each article's id term
///   is looked up in all of them: a copy in another period's shard (the article's date
///   changed) is deleted, and a tombstone deletes the id wherever it is. The summary counts a
///   moved article as replaced, once.
/// - Batches: every options.batch_size articles every shard commits its transaction, one
///   after the other. A crash between two shards' commits leaves some shards with the batch
///   and some without; the articles of the batch can then be missing (the delete of a move
///   committed, the add not) or present twice (the add committed, the delete not). Re-running
///   the same input repairs both: a missing one is added again, and since the lookup covers
///   every shard, a second copy is deleted.
class ShardedIndexer : public ArticleSink {
public:
    /// Opens (or, with options.overwrite, empties) every shard in the directory, creating the
    /// directory unless options.dry_run. Throws LockedError / SchemaError naming the shard.
    ShardedIndexer(IndexOptions options, ShardBy by);
    ~ShardedIndexer() override;

    const IndexOptions& options() const override { return m_options; }
    const analysis::EntityExtractor* extractor() const override { return m_extractor.get(); }
    void add(PreparedArticle&& prepared) override;
    void commit() override;
    /// Commits every shard; under --overwrite each shard's new database goes in.
    void finish() override;
    IndexStats& stats() override { return m_stats; }
    Xapian::doccount document_count() const override;
    std::optional<Xapian::Database> snapshot() const override;

private:
    /// The shard for a name such as "2018-01.db", opened (and listed in the stub) on first use;
    /// null in dry-run mode when it does not exist yet.
    Indexer* shard(const std::string& name);
    IndexOptions shard_options(const std::string& name, bool overwrite) const;
    void count_batch();

    IndexOptions m_options;
    ShardBy m_by;
    std::shared_ptr<const analysis::EntityExtractor> m_extractor;
    std::map<std::string, std::unique_ptr<Indexer>> m_shards;
    IndexStats m_stats;
    std::size_t m_pending = 0;
};

} // namespace newsdex::index
