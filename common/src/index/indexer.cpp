#include "newsdex/index/indexer.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "bounded_queue.h"
#include "newsdex/analysis/fingerprint.h"
#include "newsdex/analysis/simhash.h"
#include "newsdex/database_location.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"

namespace fs = std::filesystem;

namespace newsdex::index {

namespace {

// Xapian buffers a writer's changes in memory (maps of terms to postings) until it has
// XAPIAN_FLUSH_THRESHOLD documents (default 10,000), also inside a transaction, where the
// flush writes to the tables without committing. Those maps grow large, and every new
// posting is a lookup in them that misses the cache: measured on Reuters-21578, flushing
// every 1,000 documents costs the writer 15-25 % less CPU than batches of 5,000 in memory,
// with the same commits (so the same crash safety) and less memory. Xapian 1.4 reads the
// setting only from the environment, when a database is opened; one the user set wins.
void tune_flush_threshold() {
    static std::once_flag once;
    std::call_once(once, [] { setenv("XAPIAN_FLUSH_THRESHOLD", "1000", 0); });
}

} // namespace

namespace {

// Opens `path` with `action`, waiting up to options.wait_lock_seconds for another writer.
Xapian::WritableDatabase open_waiting(const std::string& path, int action,
                                      const IndexOptions& options) {
    tune_flush_threshold();
    const auto give_up_at =
        std::chrono::steady_clock::now() +
        std::chrono::milliseconds(static_cast<long>(options.wait_lock_seconds * 1000));
    for (;;) {
        try {
            return Xapian::WritableDatabase(path, action);
        } catch (const Xapian::DatabaseLockError&) {
            if (std::chrono::steady_clock::now() >= give_up_at) {
                if (options.wait_lock_seconds > 0) {
                    char waited[32];
                    std::snprintf(waited, sizeof waited, "%g", options.wait_lock_seconds);
                    throw LockedError("database '" + options.db_path +
                                      "' is locked by another indexer (still, after waiting " +
                                      waited + " s: --wait-lock " + waited + ")");
                }
                throw LockedError("database '" + options.db_path +
                                  "' is locked by another indexer (wait for it with "
                                  "--wait-lock SECONDS)");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        } catch (const Xapian::DatabaseOpeningError& e) {
            throw Error("cannot open database '" + path + "': " + e.get_msg());
        }
    }
}

// A new database is made whole beside its path (`PATH.creating`: Xapian's files, the schema
// version, one commit) and then renamed into place, so that a crash never leaves a
// half-created database at the path. Another indexer creating the same one at the same time
// holds the lock of `PATH.creating` (LockedError) or wins the rename (then this one opens
// what it made).
void create_database(const fs::path& path, const IndexOptions& options) {
    const fs::path creating = sibling(path, ".creating");
    {
        Xapian::WritableDatabase fresh = open_waiting(
            creating.string(), Xapian::DB_CREATE_OR_OVERWRITE | options.open_flags, options);
        fresh.set_metadata(std::string(schema::version_key), std::to_string(schema::version));
        fresh.commit();
    }
    if (::rename(creating.c_str(), path.c_str()) != 0) {
        if (folder_state(path) != FolderState::database) {
            throw Error("cannot create database '" + path.string() + "': " + std::strerror(errno));
        }
        remove_folder(creating);
        return;
    }
    sync_directory(path.has_parent_path() ? path.parent_path() : fs::path("."));
}

// Where an Indexer writes. Under --overwrite, a new database beside the old one, whose lock
// (`replaced`) is held until finish() swaps the two.
Xapian::WritableDatabase open_destination(const IndexOptions& options,
                                          std::optional<Xapian::WritableDatabase>& replaced) {
    if (!options.overwrite) {
        return open_writable(options);
    }
    if (options.dry_run) {
        return Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    }
    if (folder_state(options.db_path) == FolderState::other) {
        // A stub file, or a folder that is not ours: Xapian overwrites what it names, in place.
        return open_waiting(options.db_path, Xapian::DB_CREATE_OR_OVERWRITE | options.open_flags,
                            options);
    }
    IndexOptions as_is = options;
    as_is.overwrite = false;
    replaced = open_writable(as_is); // also removes a killed overwrite's leftover
    return open_waiting(sibling(options.db_path, ".overwriting").string(),
                        Xapian::DB_CREATE_OR_OVERWRITE | options.open_flags, options);
}

} // namespace

Xapian::WritableDatabase open_writable(const IndexOptions& options) {
    // Before anything opens the path: a stub naming a program would be run, and a folder of
    // someone's files would get Xapian's tables among them.
    refuse_program_stubs(options.db_path);
    refuse_foreign_folder(options.db_path);
    const fs::path path = options.db_path;
    if (options.dry_run) {
        if (folder_state(path) == FolderState::missing) {
            return Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
        }
        return open_waiting(options.db_path, Xapian::DB_OPEN | options.open_flags, options);
    }
    recover_database_folder(path, options.on_notice);
    const FolderState state = folder_state(path);
    if (state == FolderState::missing) {
        create_database(path, options);
    } else if (state == FolderState::other && fs::is_directory(path) &&
               !fs::exists(path / "XAPIANDB")) {
        // Not a database, nor what a creation of one leaves: Xapian would create its tables
        // among someone's files.
        throw Error("'" + options.db_path + "' is not a Newsdex database (it holds other " +
                    "files): give --db a new or empty folder");
    }
    Xapian::WritableDatabase db =
        open_waiting(options.db_path, Xapian::DB_CREATE_OR_OPEN | options.open_flags, options);
    if (folder_state(path) == FolderState::database) {
        clear_old_generations(path, db, options.on_notice);
    }
    return db;
}

std::string summary_line(const IndexStats& s, const ProblemCounts& problems) {
    char timing[96];
    const double rate = s.seconds > 0 ? static_cast<double>(s.read) / s.seconds : 0.0;
    std::snprintf(timing, sizeof timing, " in %.2f s (%.0f articles/s)", s.seconds, rate);
    // "read" counts every record read, the ones rejected too: a 30,000-line file with one
    // bad line reads 30,000.
    std::string line = "read " + std::to_string(s.read + problems.rejected_records) + ", added " +
                       std::to_string(s.added) + ", replaced " + std::to_string(s.replaced) +
                       ", unchanged " + std::to_string(s.unchanged) + ", deleted " +
                       std::to_string(s.deleted) + ", rejected " +
                       std::to_string(problems.rejected);
    line += timing;
    if (!problems.by_kind.empty()) {
        line += "; problems:";
        const char* sep = " ";
        for (const auto& [kind, count] : problems.by_kind) {
            line += sep + to_string(kind) + " " + std::to_string(count);
            sep = ", ";
        }
    }
    return line;
}

Indexer::Indexer(const IndexOptions& options)
    : Indexer(options, options.entities ? std::make_shared<const analysis::EntityExtractor>(
                                              analysis::EntityExtractor::load_default())
                                        : nullptr) {}

Indexer::Indexer(IndexOptions options, std::shared_ptr<const analysis::EntityExtractor> extractor)
    : m_options(std::move(options)), m_extractor(std::move(extractor)),
      m_db(open_destination(m_options, m_replaced)),
      m_builder(m_options.default_language, m_extractor.get()) {
    const std::string stored = m_db.get_metadata(std::string(schema::version_key));
    const std::string ours = std::to_string(schema::version);
    if (stored.empty()) {
        if (m_db.get_doccount() > 0) {
            throw SchemaError("database '" + m_options.db_path +
                              "' was not written by newsdex (re-index with --overwrite)");
        }
        if (!m_options.dry_run) {
            m_db.set_metadata(std::string(schema::version_key), ours);
        }
    } else if (stored != ours) {
        throw SchemaError(schema::version_mismatch_message(m_options.db_path, stored));
    }
    if (!m_options.dry_run) {
        m_analysis_line = analysis::current_analysis(m_extractor != nullptr).line();
    }
    if (m_options.shared_duplicates) {
        // Shared with other shards: every shard's signatures must be in it before any writes,
        // not only those of the shards that receive articles.
        m_duplicates = m_options.shared_duplicates;
        load_signatures();
    }
}

Indexer::~Indexer() {
    if (m_replaced) {
        try {
            m_db.close();
            std::error_code ignored;
            fs::remove_all(sibling(m_options.db_path, ".overwriting"), ignored);
        } catch (const Xapian::Error&) {
            // The next run removes it (clear_old_generations).
        }
    }
}

void Indexer::finish() {
    commit();
    if (!m_replaced) {
        return;
    }
    // m_db keeps the new database's lock through the swap: no other writer gets in between.
    const fs::path path = m_options.db_path;
    const fs::path old =
        swap_in(sibling(path, ".overwriting"), path, sibling(path, ".before-overwrite"));
    m_replaced->close();
    m_replaced.reset();
    remove_folder(old);
}

Xapian::doccount Indexer::document_count() const { return m_db.get_doccount(); }

bool Indexer::holds(const std::string& id_term) const {
    return m_db.postlist_begin(id_term) != m_db.postlist_end(id_term);
}

bool Indexer::remove(const std::string& id_term) {
    if (!holds(id_term)) {
        return false;
    }
    if (!m_options.dry_run) {
        if (!m_in_batch) {
            m_db.begin_transaction();
            m_in_batch = true;
        }
        m_registry.remove_document(m_db.get_document(*m_db.postlist_begin(id_term)));
        count_spelling(spelling_words_of(*m_db.postlist_begin(id_term)), -1);
        m_db.delete_document(id_term);
    }
    return true;
}

PreparedArticle prepare_article(Article article, DocumentBuilder& builder,
                                Xapian::Database* snapshot) {
    PreparedArticle p;
    p.id_term = schema::id_term(article.id);
    if (!article.deleted) {
        p.hash = content_hash(article);
        bool unchanged = false;
        if (snapshot != nullptr) {
            try {
                Xapian::PostingIterator it = snapshot->postlist_begin(p.id_term);
                unchanged = it != snapshot->postlist_end(p.id_term) &&
                            snapshot->get_document(*it).get_value(
                                schema::slot(schema::Slot::content_hash)) == p.hash;
            } catch (const Xapian::DatabaseModifiedError&) {
                // The writer has committed twice since this view was opened: catch up. The
                // writer checks again anyway, so skipping the shortcut is always safe.
                snapshot->reopen();
            }
        }
        if (!unchanged) {
            BuiltDocument built = builder.build(article, p.hash);
            p.doc = std::move(built.doc);
            p.signature = built.signature;
            p.names = std::move(built.names);
            p.spelling_words = std::move(built.spelling_words);
            p.headline = built.headline;
        }
    }
    p.article = std::move(article);
    return p;
}

std::optional<std::string> NearDuplicateIndex::find(std::uint64_t bits) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return find_locked(bits);
}

void NearDuplicateIndex::insert(std::uint64_t bits, const std::string& cluster) {
    std::lock_guard<std::mutex> lock(m_mutex);
    insert_locked(bits, cluster);
}

std::string NearDuplicateIndex::assign(std::uint64_t bits, const std::string& own) {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::string cluster = find_locked(bits).value_or(own);
    insert_locked(bits, cluster);
    return cluster;
}

std::string NearDuplicateIndex::assign(std::optional<std::uint64_t> bits,
                                       const std::optional<schema::HeadlineValue>& headline,
                                       const std::string& own) {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::optional<std::string> cluster = bits ? find_locked(*bits) : std::nullopt;
    if (!cluster && headline) {
        const auto found = m_headlines.find(headline->key);
        if (found != m_headlines.end()) {
            std::int64_t nearest = analysis::headline_window_days + 1;
            for (const auto& [day, named] : found->second) {
                const std::int64_t apart =
                    day > headline->day ? day - headline->day : headline->day - day;
                if (apart < nearest) { // the nearest in time; ties: the earliest recorded
                    nearest = apart;
                    cluster = named;
                }
            }
        }
    }
    std::string chosen = cluster.value_or(own);
    if (bits) {
        insert_locked(*bits, chosen);
    }
    if (headline) {
        m_headlines[headline->key].emplace_back(headline->day, chosen);
    }
    return chosen;
}

void NearDuplicateIndex::insert_headline(const schema::HeadlineValue& headline,
                                         const std::string& cluster) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_headlines[headline.key].emplace_back(headline.day, cluster);
}

std::size_t NearDuplicateIndex::size() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_entries.size();
}

std::optional<std::string> NearDuplicateIndex::find_locked(std::uint64_t bits) const {
    int best_distance = analysis::simhash_max_distance + 1;
    const Entry* best = nullptr;
    for (const std::uint64_t key : analysis::band_keys(bits)) {
        const auto found = m_bands.find(key);
        if (found == m_bands.end()) {
            continue;
        }
        for (std::uint32_t i : found->second) {
            const int d = analysis::hamming(bits, m_entries[i].bits);
            if (d < best_distance) {
                best_distance = d;
                best = &m_entries[i];
            }
        }
    }
    return best != nullptr ? std::optional<std::string>(best->cluster) : std::nullopt;
}

void NearDuplicateIndex::insert_locked(std::uint64_t bits, const std::string& cluster) {
    const auto index = static_cast<std::uint32_t>(m_entries.size());
    m_entries.push_back(Entry{bits, cluster});
    for (const std::uint64_t key : analysis::band_keys(bits)) {
        m_bands[key].push_back(index);
    }
}

void load_signatures(const Xapian::Database& db, NearDuplicateIndex& into) {
    const auto slot = schema::slot(schema::Slot::simhash);
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        if (const auto stored = schema::parse_signature_value(*it)) {
            into.insert(stored->signature, stored->cluster);
        }
    }
    // Headline keys with the cluster of their document: two value streams in docid order.
    const auto headline_slot = schema::slot(schema::Slot::headline);
    const auto cluster_slot = schema::slot(schema::Slot::cluster);
    auto clusters = db.valuestream_begin(cluster_slot);
    for (auto it = db.valuestream_begin(headline_slot); it != db.valuestream_end(headline_slot);
         ++it) {
        const auto headline = schema::parse_headline_value(*it);
        if (!headline) {
            continue;
        }
        clusters.skip_to(it.get_docid());
        if (clusters == db.valuestream_end(cluster_slot)) {
            break;
        }
        if (clusters.get_docid() == it.get_docid()) {
            into.insert_headline(*headline, *clusters);
        }
    }
}

void Indexer::load_signatures() {
    if (!m_duplicates) {
        m_duplicates = std::make_shared<NearDuplicateIndex>();
    }
    index::load_signatures(m_db, *m_duplicates);
    m_signatures_loaded = true;
}

// Gives a new or changed article its near-duplicate cluster: that of the nearest earlier
// article within the SimHash distance, else its own id. Runs on the writer thread, in input
// order, so that the first copy of a story names the cluster.
void Indexer::assign_cluster(PreparedArticle& p) {
    Xapian::Document& doc = *p.doc;
    std::string cluster = p.article.id;
    if (!m_signatures_loaded) {
        load_signatures();
    }
    if (p.cluster) {
        cluster = *p.cluster;
    } else if (p.signature || p.headline) {
        cluster = m_duplicates->assign(p.signature, p.headline, cluster);
    }
    if (p.signature) {
        doc.add_value(schema::slot(schema::Slot::simhash),
                      schema::signature_value(*p.signature, cluster));
    }
    if (p.headline) {
        doc.add_value(schema::slot(schema::Slot::headline), schema::headline_value(*p.headline));
    }
    doc.add_value(schema::slot(schema::Slot::cluster), cluster);
    doc.add_boolean_term(schema::cluster_term(cluster));
}

namespace {

// Wall-clock time, for the indexing-time stamp that saved searches compare against.
double seconds_since_epoch() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

void Indexer::add(const Article& article) { add(prepare_article(article, m_builder, nullptr)); }

void Indexer::add(PreparedArticle&& p) {
    ++m_stats.read;
    if (!m_in_batch && !m_options.dry_run) {
        // A transaction per batch: Xapian then never flushes part of a batch on its own, so a
        // crash leaves whole batches or nothing.
        m_db.begin_transaction();
        m_in_batch = true;
    }
    Xapian::PostingIterator existing = m_db.postlist_begin(p.id_term);
    const bool exists = existing != m_db.postlist_end(p.id_term);
    if (p.article.deleted) {
        if (exists) {
            ++m_stats.deleted;
            if (!m_options.dry_run) {
                m_registry.remove_document(m_db.get_document(*existing));
                count_spelling(spelling_words_of(*existing), -1);
                m_db.delete_document(p.id_term);
            }
        }
    } else if (exists && m_db.get_document(*existing).get_value(
                             schema::slot(schema::Slot::content_hash)) == p.hash) {
        ++m_stats.unchanged; // a nightly re-run of the same dump writes nothing
        return;
    } else {
        ++(exists ? m_stats.replaced : m_stats.added);
        if (!m_options.dry_run) {
            if (!p.doc) { // the analysis thread's snapshot was older than this database
                BuiltDocument built = m_builder.build(p.article, p.hash);
                p.doc = std::move(built.doc);
                p.signature = built.signature;
                p.names = std::move(built.names);
                p.spelling_words = std::move(built.spelling_words);
                p.headline = built.headline;
            }
            assign_cluster(p);
            p.doc->add_value(
                schema::slot(schema::Slot::indexed_time),
                Xapian::sortable_serialise(p.article.indexed_time.value_or(seconds_since_epoch())));
            record_analysis();
            registry::BatchWriter change; // applied only once Xapian has taken the document
            if (exists) {
                change.remove_document(m_db.get_document(*existing));
            }
            change.add_article(p.names,
                               p.doc->get_value(schema::slot(schema::Slot::published_day)));
            try {
                // New: add_document, or Xapian would look the id term up a second time.
                std::vector<std::string> replaced_words;
                if (exists) {
                    replaced_words = spelling_words_of(*existing);
                    m_db.replace_document(p.id_term, *p.doc);
                } else {
                    m_db.add_document(*p.doc);
                }
                m_registry.absorb(std::move(change));
                count_spelling(replaced_words, -1);
                count_spelling(p.spelling_words, +1);
            } catch (const Xapian::InvalidArgumentError& e) {
                // One document Xapian refuses (a term over its length limit …) must not end
                // a nightly run: report it like a bad record and go on.
                --(exists ? m_stats.replaced : m_stats.added);
                if (m_options.on_problem) {
                    m_options.on_problem(Problem{ProblemKind::malformed_record, p.article.origin,
                                                 "article '" + p.article.id +
                                                     "' cannot be indexed: " + e.get_msg()});
                }
                return;
            }
        }
    }
    if (++m_pending >= m_options.batch_size) {
        commit();
    }
}

// The analysis that wrote a document is recorded in the same batch as the document.
void Indexer::record_analysis() {
    if (m_analysis_recorded) {
        return;
    }
    const std::string key(schema::analysis_key);
    const std::string stored = m_db.get_metadata(key);
    const std::string updated = schema::with_analysis_line(stored, m_analysis_line);
    if (updated != stored) {
        m_db.set_metadata(key, updated);
    }
    m_analysis_recorded = true;
}

void Indexer::count_spelling(const std::vector<std::string>& words, int sign) {
    for (const std::string& w : words) {
        m_spelling[w] += sign;
    }
}

// The words a replaced or deleted article brought into the spelling table go with it (those
// of its text; a word only its entities' names had stays counted), read back from its terms
// while the database still holds it: a replace is rare next to an add, so this costs little.
std::vector<std::string> Indexer::spelling_words_of(Xapian::docid stored) const {
    std::vector<std::string> words;
    for (auto t = m_db.termlist_begin(stored); t != m_db.termlist_end(stored); ++t) {
        std::string term = *t;
        if (spelling_word(term)) {
            words.push_back(std::move(term));
        }
    }
    return words;
}

void Indexer::write_spelling() {
    for (const auto& [word, count] : m_spelling) {
        if (count > 0) {
            m_db.add_spelling(word, static_cast<Xapian::termcount>(count));
        } else if (count < 0) {
            m_db.remove_spelling(word, static_cast<Xapian::termcount>(-count));
        }
    }
    m_spelling.clear();
}

void Indexer::commit() {
    if (m_in_batch) {
        m_registry.flush(m_db);
        write_spelling();
        m_db.commit_transaction();
        m_in_batch = false;
    }
    m_pending = 0;
}

namespace {

struct ArticleBatch {
    std::size_t sequence = 0;
    std::vector<Article> articles;
};

struct PreparedBatch {
    std::size_t sequence = 0;
    std::vector<PreparedArticle> articles;
};

// Articles per hand-over between threads: large enough that locking is noise, small enough
// that the queues hold little.
constexpr std::size_t articles_per_batch = 64;

std::optional<Xapian::Database> open_snapshot(const std::string& path) {
    try {
        return Xapian::Database(path);
    } catch (const Xapian::Error&) {
        return std::nullopt; // a new database: nothing to compare with
    }
}

} // namespace

std::optional<Xapian::Database> Indexer::snapshot() const {
    return m_options.overwrite ? std::nullopt : open_snapshot(m_options.db_path);
}

IndexStats index_all(ArticleSource& source, ArticleSink& indexer, const std::atomic<bool>& stop,
                     const RunCallbacks& callbacks) {
    using clock = std::chrono::steady_clock;
    const auto started = clock::now();
    auto last_progress = started;
    auto elapsed = [&started] {
        return std::chrono::duration<double>(clock::now() - started).count();
    };
    unsigned threads = indexer.options().threads;
    if (threads == 0) {
        threads = std::max(1u, std::thread::hardware_concurrency());
    }

    BoundedQueue<ArticleBatch> to_analyse(2 * threads + 2);
    BoundedQueue<PreparedBatch> to_write(2 * threads + 2);
    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            try {
                DocumentBuilder builder(indexer.options().default_language, indexer.extractor(),
                                        indexer.options().user_aliases.get());
                std::optional<Xapian::Database> snapshot = indexer.snapshot();
                while (std::optional<ArticleBatch> batch = to_analyse.pop()) {
                    PreparedBatch prepared{batch->sequence, {}};
                    prepared.articles.reserve(batch->articles.size());
                    for (Article& a : batch->articles) {
                        prepared.articles.push_back(prepare_article(
                            std::move(a), builder, snapshot ? &*snapshot : nullptr));
                    }
                    if (!to_write.push(std::move(prepared))) {
                        return;
                    }
                }
            } catch (...) {
                std::lock_guard<std::mutex> lock(failure_mutex);
                failure = std::current_exception();
                to_analyse.close();
                to_write.close();
            }
        });
    }

    // The reader runs on its own thread so that this one can write; batches are numbered and
    // written in input order, so that the last version of an id in a dump wins.
    std::atomic<bool> reading_done{false};
    std::atomic<std::uint64_t> articles_taken{0};
    std::thread reader([&] {
        try {
            std::size_t sequence = 0;
            ArticleBatch batch;
            bool queue_open = true; // closed when a thread failed: nothing more is wanted
            while (queue_open && !stop.load()) {
                std::optional<Article> article = source.next();
                // A reader reports a bad record from inside next() and then returns the record
                // after it; with --strict that one must not be indexed.
                if (!article || stop.load()) {
                    break;
                }
                batch.articles.push_back(std::move(*article));
                articles_taken.fetch_add(1);
                if (batch.articles.size() == articles_per_batch) {
                    batch.sequence = sequence++;
                    queue_open = to_analyse.push(std::exchange(batch, ArticleBatch{}));
                }
            }
            if (queue_open && !batch.articles.empty()) {
                batch.sequence = sequence++;
                to_analyse.push(std::move(batch));
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            failure = std::current_exception();
            to_write.close();
        }
        reading_done.store(true);
        to_analyse.close();
    });

    std::thread closer; // closes to_write once every worker has finished
    closer = std::thread([&] {
        for (std::thread& w : workers) {
            w.join();
        }
        to_write.close();
    });

    std::map<std::size_t, PreparedBatch> waiting; // batches that arrived out of order
    std::size_t next_sequence = 0;
    try {
        while (std::optional<PreparedBatch> batch = to_write.pop()) {
            waiting.emplace(batch->sequence, std::move(*batch));
            for (auto it = waiting.find(next_sequence); it != waiting.end();
                 it = waiting.find(++next_sequence)) {
                for (PreparedArticle& p : it->second.articles) {
                    indexer.add(std::move(p));
                }
                waiting.erase(it);
            }
            if (callbacks.on_progress &&
                clock::now() - last_progress > std::chrono::milliseconds(250)) {
                last_progress = clock::now();
                indexer.stats().seconds = elapsed();
                // The reader runs ahead of the writer (queues, read buffers): scale the share
                // of input read by the share of the articles read so far that are written.
                std::optional<double> done = source.fraction_read();
                const std::uint64_t taken = articles_taken.load();
                if (done && taken > 0) {
                    *done *= static_cast<double>(indexer.stats().read) / static_cast<double>(taken);
                }
                callbacks.on_progress(indexer.stats(), done);
            }
        }
    } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        failure = std::current_exception();
        to_analyse.close();
        to_write.close();
    }
    reader.join();
    closer.join();
    if (failure) {
        std::rethrow_exception(failure);
    }
    indexer.finish();
    indexer.stats().seconds = elapsed();
    return indexer.stats();
}

} // namespace newsdex::index
