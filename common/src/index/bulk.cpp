#include "newsdex/index/bulk.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <system_error>

#include "bounded_queue.h"
#include "newsdex/entity_registry.h"
#include "newsdex/error.h"
#include "newsdex/hash.h"
#include "newsdex/schema.h"

namespace fs = std::filesystem;

namespace newsdex::index {
namespace {

// FNV-1a, not std::hash: the part of an id must be the same in every run and build, or a
// resumed run would put a second copy of an article into another part.
std::uint64_t stable_hash(const std::string& s) { return fnv1a64(s, fnv1a64_stored_basis); }

std::string part_name(unsigned k) { return "part-" + std::to_string(k) + ".db"; }

unsigned existing_parts(const fs::path& staging) {
    unsigned n = 0;
    std::error_code ec;
    while (fs::exists(staging / part_name(n) / "iamglass", ec)) {
        ++n;
    }
    return n;
}

// Written into the staging directory just before the merged database is swapped in: the
// merged database's UUID. A target with that UUID means the swap happened, so whatever is left
// in the staging directory is already in the target.
const char* const merged_marker = "merged.uuid";

// Articles per hand-over to a writer: as for the analysis threads, locking is then noise.
constexpr std::size_t articles_per_handover = 64;

} // namespace

namespace {

// The clean-up after a merge: renamed first, in one step, so that a clean-up killed half-way
// leaves a folder that plainly holds nothing to merge (PATH.bulk-done, which the next run
// removes: clear_old_generations), never a staging folder that looks unfinished.
void remove_staging(const std::string& db_path) {
    const fs::path done = sibling(db_path, ".bulk-done");
    std::error_code ec;
    fs::remove_all(done, ec);
    durable_rename(bulk_staging_path(db_path), done);
    remove_folder(done);
}

} // namespace

fs::path bulk_staging_path(const std::string& db_path) {
    fs::path p = fs::path(db_path).lexically_normal();
    if (!p.has_filename()) {
        p = p.parent_path(); // "news.db/" → "news.db"
    }
    return p.string() + ".bulk";
}

bool has_pending_bulk_run(const std::string& db_path) {
    std::error_code ec;
    return fs::is_directory(bulk_staging_path(db_path), ec);
}

bool clear_finished_bulk_run(const std::string& db_path, const Xapian::Database& target) {
    const fs::path staging = bulk_staging_path(db_path);
    std::error_code ec;
    if (!fs::is_directory(staging, ec)) {
        return true;
    }
    std::ifstream in(staging / merged_marker);
    std::string uuid;
    if (in >> uuid && uuid == target.get_uuid()) {
        remove_staging(db_path); // killed after the swap: all of it is in the target
        return true;
    }
    return false;
}

struct BulkIndexer::Part {
    explicit Part(std::unique_ptr<Indexer> i) : indexer(std::move(i)) {}
    std::unique_ptr<Indexer> indexer;
    fs::path path;
    BoundedQueue<std::vector<PreparedArticle>> queue{4};
    std::vector<PreparedArticle> buffer;
};

std::unique_ptr<ArticleSink> open_bulk(IndexOptions options, unsigned writers, bool* single_writer,
                                       std::shared_ptr<const analysis::EntityExtractor> extractor) {
    if (single_writer != nullptr) {
        *single_writer = false;
    }
    // The target is opened as it is, even under --overwrite: it is replaced only by the merge,
    // so searchers see the old database until then.
    IndexOptions lock_options = options;
    lock_options.overwrite = false;
    lock_options.open_flags = 0;
    Xapian::WritableDatabase target = open_writable(lock_options);
    const fs::path staging = bulk_staging_path(options.db_path);
    const bool pending = !clear_finished_bulk_run(options.db_path, target);
    if (target.get_doccount() > 0 && !options.overwrite) {
        if (pending) {
            // Parts of a killed --bulk --overwrite run: merging them would drop the articles
            // of the target, which this run (no --overwrite) must keep.
            throw Error("'" + options.db_path + "' holds articles and has an unfinished " +
                        "--bulk --overwrite run in '" + staging.string() +
                        "': run that command again (with --overwrite), or remove '" +
                        staging.string() + "'");
        }
        // Not empty: a later run adds with one writer, as without --bulk.
        target.close();
        if (single_writer != nullptr) {
            *single_writer = true;
        }
        return extractor ? std::make_unique<Indexer>(options, std::move(extractor))
                         : std::make_unique<Indexer>(options);
    }
    if (options.overwrite) {
        std::error_code ec;
        fs::remove_all(staging, ec); // start over: the target will be replaced whole
    }
    if (const unsigned parts = existing_parts(staging); parts > 0) {
        writers = parts; // the same id → part mapping as the run that wrote them
    } else if (writers == 0) {
        writers = std::clamp(std::thread::hardware_concurrency(), 2u, 8u);
    }
    return std::make_unique<BulkIndexer>(std::move(options), writers, std::move(target),
                                         std::move(extractor));
}

BulkIndexer::BulkIndexer(IndexOptions options, unsigned writers, Xapian::WritableDatabase target,
                         std::shared_ptr<const analysis::EntityExtractor> extractor)
    : m_options(std::move(options)),
      m_extractor(extractor || !m_options.entities
                      ? std::move(extractor)
                      : std::make_shared<const analysis::EntityExtractor>(
                            analysis::EntityExtractor::load_default())),
      m_target(std::move(target)), m_staging(bulk_staging_path(m_options.db_path)) {
    std::error_code ec;
    fs::create_directories(m_staging, ec);
    if (ec) {
        throw Error("cannot create '" + m_staging.string() + "': " + ec.message());
    }
    sync_directory(m_staging.parent_path().empty() ? fs::path(".") : m_staging.parent_path());
    fs::remove_all(m_staging / "merged", ec); // a merge killed half-way is done again
    fs::remove(m_staging / merged_marker, ec);
    if (!m_options.shared_duplicates) {
        m_options.shared_duplicates = std::make_shared<NearDuplicateIndex>();
    }
    writers = std::max(1u, writers);
    for (unsigned k = 0; k < writers; ++k) {
        IndexOptions o = m_options;
        o.db_path = (m_staging / part_name(k)).string();
        o.overwrite = false; // a pending part is taken up; --overwrite emptied the staging
        // Parts are temporary: a process crash keeps what they committed (the page cache
        // survives it), and only the merged database needs to survive a power cut.
        o.open_flags |= Xapian::DB_NO_SYNC;
        o.batch_size = std::max<std::size_t>(1, m_options.batch_size / writers);
        o.on_problem = [this](const Problem& p) {
            std::lock_guard<std::mutex> lock(m_problem_mutex);
            if (m_options.on_problem) {
                m_options.on_problem(p);
            }
        };
        auto part = std::make_unique<Part>(std::make_unique<Indexer>(o, m_extractor));
        part->path = o.db_path;
        m_parts.push_back(std::move(part));
    }
    for (auto& part : m_parts) {
        m_threads.emplace_back([this, p = part.get()] { writer_loop(*p); });
    }
}

BulkIndexer::~BulkIndexer() {
    // Not finished (an exception): the parts keep their committed batches for the next run.
    stop_writers();
}

void BulkIndexer::writer_loop(Part& part) {
    try {
        while (std::optional<std::vector<PreparedArticle>> batch = part.queue.pop()) {
            for (PreparedArticle& p : *batch) {
                part.indexer->add(std::move(p));
            }
        }
    } catch (...) {
        fail(std::current_exception());
    }
}

void BulkIndexer::fail(std::exception_ptr e) {
    {
        std::lock_guard<std::mutex> lock(m_failure_mutex);
        if (!m_failure) {
            m_failure = std::move(e);
        }
    }
    for (auto& part : m_parts) {
        part->queue.close(); // unblocks the hand-over; the other writers stop too
    }
}

void BulkIndexer::rethrow_failure() {
    std::lock_guard<std::mutex> lock(m_failure_mutex);
    if (m_failure) {
        std::rethrow_exception(m_failure);
    }
}

void BulkIndexer::hand_over(Part& part) {
    if (part.buffer.empty()) {
        return;
    }
    std::vector<PreparedArticle> batch;
    batch.swap(part.buffer);
    if (!part.queue.push(std::move(batch))) {
        rethrow_failure();
        throw Error("bulk writer stopped");
    }
    part.buffer.reserve(articles_per_handover);
}

namespace {

// Wall-clock time, as Indexer stamps an article it writes.
double seconds_since_epoch() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

void BulkIndexer::add(PreparedArticle&& p) {
    ++m_stats.read;
    if (p.doc) {
        // Here, in input order, not by the part's writer (see the file comment). The part
        // may still find the article unchanged; its signature in the index then only repeats
        // the stored one's.
        p.cluster = p.signature || p.headline
                        ? m_options.shared_duplicates->assign(p.signature, p.headline, p.article.id)
                        : p.article.id;
        if (!p.article.indexed_time) {
            p.article.indexed_time = seconds_since_epoch();
        }
    }
    Part& part = *m_parts[stable_hash(p.id_term) % m_parts.size()];
    part.buffer.push_back(std::move(p));
    if (part.buffer.size() >= articles_per_handover) {
        hand_over(part);
    }
}

void BulkIndexer::commit() {
    for (auto& part : m_parts) {
        hand_over(*part);
    }
}

void BulkIndexer::stop_writers() {
    for (auto& part : m_parts) {
        part->queue.close();
    }
    for (std::thread& t : m_threads) {
        if (t.joinable()) {
            t.join();
        }
    }
}

void BulkIndexer::finish() {
    if (m_finished) {
        return;
    }
    commit();
    stop_writers();
    rethrow_failure();
    for (auto& part : m_parts) {
        part->indexer->commit();
        const IndexStats& s = part->indexer->stats();
        m_stats.added += s.added;
        m_stats.replaced += s.replaced;
        m_stats.unchanged += s.unchanged;
        m_stats.deleted += s.deleted;
    }
    m_finished = true;
    if (m_stop != nullptr && m_stop->load()) {
        return; // the parts wait for the next run (keep_parts_when_stopped)
    }
    merge();
    m_merged = true;
}

Xapian::doccount BulkIndexer::document_count() const {
    if (m_merged) {
        return m_final_count;
    }
    Xapian::doccount n = 0;
    for (const auto& part : m_parts) {
        if (part->indexer) {
            n += part->indexer->document_count();
        }
    }
    return n;
}

void BulkIndexer::set_merged_metadata(const std::string& key, const std::string& value) {
    m_merged_metadata.emplace_back(key, value);
}

std::optional<Xapian::Database> BulkIndexer::snapshot() const {
    // Parts taken up from an interrupted run: the analysis threads skip what they hold.
    try {
        Xapian::Database all;
        bool any = false;
        for (const auto& part : m_parts) {
            Xapian::Database db(part->path.string());
            if (db.get_doccount() > 0) {
                all.add_database(db);
                any = true;
            }
        }
        return any ? std::optional<Xapian::Database>(all) : std::nullopt;
    } catch (const Xapian::Error&) {
        return std::nullopt; // only a shortcut: the writers check every article anyway
    }
}

namespace {

// Each part holds the entity registry of its own articles: the merge sums them. (Other keys
// hold the same value in every part; Xapian's default keeps the first.)
class RegistryMerger : public Xapian::Compactor {
public:
    std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                           const std::string tags[]) override {
        // Xapian 1.4 passes the key as its tables store it, behind an internal prefix.
        const std::size_t at = key.find(registry::registry_prefix);
        if (at == std::string::npos || !registry::is_registry_key(key.substr(at))) {
            return tags[0];
        }
        return registry::merge_metadata(key.substr(at),
                                        std::vector<std::string>(tags, tags + num_tags));
    }
};

} // namespace

void BulkIndexer::merge() {
    std::vector<fs::path> paths;
    for (auto& part : m_parts) {
        paths.push_back(part->path);
        part->indexer.reset(); // closes the part (and commits its schema metadata if new)
    }
    Xapian::Database all;
    for (const fs::path& p : paths) {
        all.add_database(Xapian::Database(p.string()));
    }
    const fs::path merged = m_staging / "merged";
    RegistryMerger merger;
    all.compact(merged.string(), 0, 0, merger);
    // Open (and so locked) across the swap: from the exchange on, it is the target's lock,
    // while m_target holds the old database's until then.
    Xapian::WritableDatabase out(merged.string(), Xapian::DB_OPEN);
    out.set_metadata(std::string(schema::version_key), std::to_string(schema::version));
    for (const auto& [key, value] : m_merged_metadata) {
        out.set_metadata(key, value);
    }
    out.commit();
    m_final_count = out.get_doccount();
    write_file_durably(m_staging / merged_marker, out.get_uuid() + "\n");
    const fs::path target = fs::path(m_options.db_path).lexically_normal();
    const fs::path old = swap_in(merged, target, sibling(target, ".before-overwrite"));
    m_target.close();
    if (old != merged) {
        remove_folder(old); // the two-rename fallback put the old database beside the target
    }
    remove_staging(m_options.db_path);
}

} // namespace newsdex::index
