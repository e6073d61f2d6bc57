#include "newsdex/index/reanalyse.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <system_error>
#include <unistd.h>

#include "newsdex/analysis/entities.h"
#include "newsdex/analysis/fingerprint.h"
#include "newsdex/error.h"
#include "newsdex/hash.h"
#include "newsdex/index/bulk.h"
#include "newsdex/index/database_folder.h"
#include "newsdex/index/shards.h"
#include "newsdex/schema.h"
#include "newsdex/stored_article.h"

namespace fs = std::filesystem;

namespace newsdex::index {
namespace {

// Metadata of a database a re-analysis writes: the UUID of the archive it copies (also
// after the swap: it tells the old generation left beside it by a kill), and for shards the
// run it belongs to.
const std::string source_key = "newsdex.reanalysis.source";
const std::string run_key = "newsdex.reanalysis.run";

constexpr const char* fresh_suffix = ".reanalysing";
constexpr const char* old_suffix = ".before-reanalyse";
constexpr std::string_view run_file_name = "newsdex.reanalysing";

bool is_database(const fs::path& path) {
    std::error_code ec;
    return fs::exists(path / "iamglass", ec) || fs::exists(path / "iamchert", ec);
}

// A document's indexing time (sortable_serialise, empty when not stored) and its number.
using Written = std::pair<std::string, Xapian::docid>;

// The documents of a database in the order they were written: by indexing time, then by
// document number. That is the order in which an index of the dumps met the articles (a
// replaced one at its replacement), which decides who names a near-duplicate cluster; document
// numbers alone are not, since a bulk run (index/bulk.h) numbers them part after part.
std::vector<Written> written_order(const Xapian::Database& db) {
    const Xapian::valueno slot = schema::slot(schema::Slot::indexed_time);
    std::vector<Written> order;
    order.reserve(db.get_doccount());
    Xapian::ValueIterator time = db.valuestream_begin(slot);
    const Xapian::ValueIterator no_more_times = db.valuestream_end(slot);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::docid id = *it;
        if (time != no_more_times && time.get_docid() < id) {
            time.skip_to(id);
        }
        const bool timed = time != no_more_times && time.get_docid() == id;
        order.emplace_back(timed ? *time : std::string(), id);
    }
    // sortable_serialise keeps the order of numbers in the order of bytes.
    std::sort(order.begin(), order.end());
    return order;
}

// Every document of a database in the order it was written (written_order), as the stored
// article gives it back.
class StoredArticles : public ArticleSource {
public:
    StoredArticles(const fs::path& path, ProblemSink on_problem)
        : m_path(path.string()), m_db(m_path), m_order(written_order(m_db)),
          m_on_problem(std::move(on_problem)) {}

    std::optional<Article> next() override {
        while (m_next < m_order.size()) {
            const auto& [indexed, id] = m_order[m_next++];
            m_read.fetch_add(1);
            std::optional<Article> a = stored_input(m_db.get_document(id).get_data());
            if (!a) {
                ++m_unreadable;
                report(ProblemKind::malformed_record, id,
                       "document " + std::to_string(id) + ": its stored article cannot be read");
                continue;
            }
            a->origin = SourceLocation{m_path, id};
            if (!indexed.empty()) { // kept: a re-analysis makes no article "new"
                a->indexed_time = Xapian::sortable_unserialise(indexed);
            }
            return a;
        }
        return std::nullopt;
    }

    std::optional<double> fraction_read() const override {
        return m_order.empty()
                   ? 1.0
                   : static_cast<double>(m_read.load()) / static_cast<double>(m_order.size());
    }

    std::uint64_t unreadable() const { return m_unreadable; }

private:
    void report(ProblemKind kind, Xapian::docid id, std::string message) {
        if (m_on_problem) {
            m_on_problem(Problem{kind, SourceLocation{m_path, id}, std::move(message)});
        }
    }

    std::string m_path;
    Xapian::Database m_db;
    std::vector<Written> m_order;
    std::size_t m_next = 0;
    ProblemSink m_on_problem;
    std::atomic<std::uint64_t> m_read{0};
    std::uint64_t m_unreadable = 0;
};

// Deletes the documents of `fresh` whose ids `old` no longer holds: articles deleted from
// the old archive between a killed run and its resumption. Both id lists are walked in order.
std::uint64_t delete_missing_ids(Xapian::WritableDatabase& fresh, const Xapian::Database& old) {
    const std::string prefix(schema::field("id").prefix);
    std::vector<std::string> gone;
    Xapian::TermIterator in_old = old.allterms_begin(prefix);
    const Xapian::TermIterator old_end = old.allterms_end(prefix);
    for (auto it = fresh.allterms_begin(prefix); it != fresh.allterms_end(prefix); ++it) {
        in_old.skip_to(*it);
        if (in_old == old_end || *in_old != *it) {
            gone.push_back(*it);
        }
    }
    if (!gone.empty()) {
        fresh.begin_transaction();
        for (const std::string& term : gone) {
            fresh.delete_document(term);
        }
        fresh.commit_transaction();
    }
    return gone.size();
}

std::string current_line(const IndexOptions& options) {
    return analysis::current_analysis(options.entities).line();
}

// Whether the database at `path` already is what a re-analysis with today's analysis makes.
bool is_current(const Xapian::Database& db, const IndexOptions& options) {
    const std::vector<std::string> lines =
        schema::analysis_lines(db.get_metadata(std::string(schema::analysis_key)));
    return db.get_metadata(std::string(schema::version_key)) == std::to_string(schema::version) &&
           (db.get_doccount() == 0 || (lines.size() == 1 && lines[0] == current_line(options)));
}

enum class Leftover { none, resume, finished };

// The articles a killed re-analysis committed: in the new database, or still in its bulk parts.
Xapian::doccount articles_done(const fs::path& fresh, const Xapian::Database& database) {
    Xapian::doccount n = database.get_doccount();
    std::error_code ec;
    for (fs::directory_iterator it(bulk_staging_path(fresh.string()), ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->path().filename().string().rfind("part-", 0) == 0 && is_database(it->path())) {
            n += Xapian::Database(it->path().string()).get_doccount();
        }
    }
    return n;
}

// The new database of a re-analysis with what its bulk run (index/bulk.h) keeps beside it.
void remove_new_database(const fs::path& fresh) {
    for (const fs::path& folder :
         {fresh, bulk_staging_path(fresh.string()), sibling(fresh, ".bulk-done")}) {
        std::error_code ec;
        if (fs::exists(folder, ec)) {
            remove_folder(folder);
        }
    }
}

// Whether the parts a killed bulk run left for `fresh` were written as this run would write
// them (the new database itself stays empty until they are merged into it).
bool parts_are_current(const fs::path& fresh, const IndexOptions& options) {
    std::error_code ec;
    for (fs::directory_iterator it(bulk_staging_path(fresh.string()), ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind("part-", 0) == 0 && is_database(it->path()) &&
            !is_current(Xapian::Database(it->path().string()), options)) {
            return false;
        }
    }
    return true;
}

// What a killed run left beside `path` (`locked`, whose lock we hold), cleared or kept.
Leftover clear_leftovers(const fs::path& path, const Xapian::Database& locked,
                         const IndexOptions& options, const ReanalyseNotice& notice) {
    const auto tell = [&notice](const std::string& message) {
        if (notice) {
            notice(message);
        }
    };
    const fs::path fresh = sibling(path, fresh_suffix);
    const fs::path old = sibling(path, old_suffix);
    Leftover found = Leftover::none;
    std::error_code ec;
    if (fs::exists(old, ec)) {
        // Renamed there only after the exchange: the generation a finished run replaced.
        remove_folder(old);
        tell("removed '" + old.string() + "', the archive a finished re-analysis replaced");
        found = Leftover::finished;
    }
    if (!fs::exists(fresh, ec)) {
        if (fs::exists(bulk_staging_path(fresh.string()), ec)) {
            // Parts without the database they were written for: nothing says what they copy.
            remove_new_database(fresh);
            tell("removed '" + bulk_staging_path(fresh.string()).string() +
                 "', left by a re-analysis: starting over");
        }
        return found;
    }
    std::optional<Xapian::Database> partial;
    try {
        partial = Xapian::Database(fresh.string());
    } catch (const Xapian::Error&) {
        // Killed while Xapian created it: no committed revision, nothing to keep.
    }
    if (partial && partial->get_uuid() == locked.get_metadata(source_key)) {
        // The exchange happened: `fresh` holds the archive that was replaced.
        partial.reset();
        remove_new_database(fresh);
        tell("removed '" + fresh.string() + "', the archive a finished re-analysis replaced");
        return Leftover::finished;
    }
    if (partial && partial->get_metadata(source_key) == locked.get_uuid() &&
        is_current(*partial, options) && parts_are_current(fresh, options)) {
        tell("taking up the re-analysis of '" + path.string() + "' left in '" + fresh.string() +
             "' (" + std::to_string(articles_done(fresh, *partial)) + " articles done)");
        return Leftover::resume;
    }
    partial.reset();
    remove_new_database(fresh);
    tell("removed '" + fresh.string() + "', left by a re-analysis of another archive or with " +
         "another analysis: starting over");
    return found;
}

struct PartRun {
    IndexStats stats;
    Xapian::doccount documents = 0;
    bool swapped = false;
};

// One database: see the file comment of reanalyse.h.
PartRun reanalyse_database(const fs::path& path, IndexOptions options,
                           const std::shared_ptr<const analysis::EntityExtractor>& extractor,
                           const std::string& run_id, const std::atomic<bool>& stop,
                           const RunCallbacks& callbacks, const ReanalyseNotice& notice) {
    if (!is_database(path) && is_database(sibling(path, old_suffix))) {
        // Killed between the two renames of a swap without the exchange: the archive back.
        durable_rename(sibling(path, old_suffix), path);
        if (notice) {
            notice("no database at '" + path.string() + "' but its previous generation (a swap " +
                   "was interrupted): restored it");
        }
    }
    if (!is_database(path)) {
        throw Error("no database to re-analyse at '" + path.string() + "'");
    }
    // The archive, opened for writing only to hold its lock while it is copied.
    IndexOptions as_is = options;
    as_is.db_path = path.string();
    as_is.overwrite = false;
    as_is.dry_run = false;
    Xapian::WritableDatabase locked = open_writable(as_is);
    const std::string stored = locked.get_metadata(std::string(schema::version_key));
    const std::optional<int> version = schema::parse_version(stored);
    if (version && *version > schema::version) {
        throw SchemaError(schema::version_mismatch_message(options.db_path, stored));
    }
    if ((!version && locked.get_doccount() > 0) ||
        (version && *version < schema::oldest_reanalysable_version)) {
        throw SchemaError("database '" + path.string() + "' has schema version '" + stored +
                          "', whose stored articles this newsdex cannot read");
    }
    const Leftover leftover = clear_leftovers(path, locked, options, notice);
    PartRun run;
    if (leftover == Leftover::finished && is_current(locked, options)) {
        run.documents = locked.get_doccount();
        run.swapped = true;
        return run; // the same command again after a kill that came after the swap
    }

    const fs::path fresh = sibling(path, fresh_suffix);
    options.db_path = fresh.string();
    options.overwrite = false;
    options.dry_run = false;
    {
        Xapian::WritableDatabase created = open_writable(options);
        if (created.get_metadata(source_key).empty()) {
            created.set_metadata(source_key, locked.get_uuid());
            created.commit(); // before any article: a resumed run must know what it copies
        }
    }
    // The new database is empty (unless a killed run merged into it): bulk part writers
    // (index/bulk.h) write it, so that Xapian's one writer per database is not the bottleneck.
    // A stopped run keeps its parts for the same command to take up.
    std::unique_ptr<ArticleSink> sink = open_bulk(options, 0, nullptr, extractor);
    if (auto* bulk = dynamic_cast<BulkIndexer*>(sink.get())) {
        bulk->keep_parts_when_stopped(stop);
        bulk->set_merged_metadata(source_key, locked.get_uuid());
    }

    StoredArticles source(path, options.on_problem);
    run.stats = index_all(source, *sink, stop, callbacks);
    if (stop.load()) {
        run.documents = sink->document_count();
        return run;
    }
    sink.reset(); // a bulk run's parts are merged into `fresh` by now
    if (source.unreadable() > 0) {
        throw Error(std::to_string(source.unreadable()) + " stored article(s) of '" +
                    path.string() + "' cannot be read (their document numbers are above), " +
                    "so it was left as it was: remove them with --delete-ids and run " +
                    "--reanalyse again");
    }
    Xapian::WritableDatabase db = open_writable(options);
    run.stats.deleted += delete_missing_ids(db, Xapian::Database(path.string()));
    if (!run_id.empty()) {
        db.set_metadata(run_key, run_id);
    }
    db.commit();
    if (db.get_doccount() != locked.get_doccount()) {
        throw Error("the re-analysis of '" + path.string() + "' holds " +
                    std::to_string(db.get_doccount()) + " articles, the archive " +
                    std::to_string(locked.get_doccount()) + ": '" + fresh.string() +
                    "' was not swapped in");
    }
    run.documents = db.get_doccount();
    // Both locks are held across the exchange: no writer gets into either folder meanwhile.
    const fs::path replaced = swap_in(fresh, path, sibling(path, old_suffix));
    locked.close();
    if (replaced != sibling(path, old_suffix)) {
        durable_rename(replaced, sibling(path, old_suffix));
    }
    remove_folder(sibling(path, old_suffix));
    run.swapped = true;
    return run;
}

void add_counts(IndexStats& into, const IndexStats& s) {
    into.read += s.read;
    into.added += s.added;
    into.replaced += s.replaced;
    into.unchanged += s.unchanged;
    into.deleted += s.deleted;
}

std::string new_run_id() {
    std::random_device random;
    const auto now = std::chrono::system_clock::now().time_since_epoch().count();
    return hex16(mix64(static_cast<std::uint64_t>(now) ^
                       (static_cast<std::uint64_t>(random()) << 32U) ^
                       static_cast<std::uint64_t>(::getpid())));
}

std::string read_run_id(const fs::path& file) {
    std::ifstream in(file);
    std::string id;
    in >> id;
    return id;
}

void write_run_id(const fs::path& file, const std::string& id) {
    const fs::path temporary = file.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << id << '\n';
        out.flush();
        if (!out) {
            throw Error("cannot write '" + temporary.string() + "'");
        }
    }
    durable_rename(temporary, file);
}

// A shard this run has already swapped in: what the swap may have left beside it (killed
// before its removal) is the generation it replaced.
void clear_replaced_generation(const fs::path& shard, const ReanalyseNotice& notice) {
    for (const char* suffix : {fresh_suffix, old_suffix}) {
        const fs::path old = sibling(shard, suffix);
        std::error_code ec;
        if (fs::exists(old, ec)) {
            remove_folder(old);
            notice("removed '" + old.string() + "', the shard a finished re-analysis replaced");
        }
    }
}

} // namespace

ReanalyseResult reanalyse(const IndexOptions& options, const std::atomic<bool>& stop,
                          const RunCallbacks& callbacks, const ReanalyseNotice& notice) {
    ReanalyseResult result;
    const auto started = std::chrono::steady_clock::now();
    const auto finish = [&] {
        result.stats.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return result;
    };
    const ReanalyseNotice tell = [&notice](const std::string& message) {
        if (notice) {
            notice(message);
        }
    };
    // Loaded once for every shard.
    const std::shared_ptr<const analysis::EntityExtractor> extractor =
        options.entities ? std::make_shared<const analysis::EntityExtractor>(
                               analysis::EntityExtractor::load_default())
                         : nullptr;
    const fs::path path = options.db_path;
    if (!is_shard_directory(path)) {
        PartRun run = reanalyse_database(path, options, extractor, "", stop, callbacks, tell);
        add_counts(result.stats, run.stats);
        result.documents = run.documents;
        result.swapped = run.swapped;
        return finish();
    }

    const std::vector<std::string> shards = list_shards(path);
    result.parts = shards.size();
    const fs::path run_file = path / run_file_name;
    std::string run_id = read_run_id(run_file);
    if (run_id.empty()) {
        run_id = new_run_id();
        write_run_id(run_file, run_id);
    }
    // One signature index across the periods, as when the shards were written together.
    IndexOptions shard_options = options;
    shard_options.shared_duplicates = std::make_shared<NearDuplicateIndex>();
    double total = 0;
    for (const std::string& name : shards) {
        total += Xapian::Database((path / name).string()).get_doccount();
    }
    double done_before = 0;
    for (const std::string& name : shards) {
        const fs::path shard = path / name;
        Xapian::doccount size = 0;
        {
            const Xapian::Database db(shard.string());
            size = db.get_doccount();
            if (db.get_metadata(run_key) == run_id) {
                load_signatures(db, *shard_options.shared_duplicates);
                clear_replaced_generation(shard, tell);
                tell("'" + shard.string() + "' was re-analysed before the run stopped");
                result.documents += size;
                done_before += size;
                continue;
            }
        }
        // Progress over the whole directory, not the shard.
        RunCallbacks shard_callbacks;
        if (callbacks.on_progress) {
            shard_callbacks.on_progress = [&](const IndexStats& s, std::optional<double> done) {
                IndexStats all = result.stats;
                add_counts(all, s);
                all.seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                        .count();
                std::optional<double> overall;
                if (done && total > 0) {
                    overall = (done_before + *done * size) / total;
                }
                callbacks.on_progress(all, overall);
            };
        }
        shard_options.db_path = shard.string();
        PartRun run = reanalyse_database(shard, shard_options, extractor, run_id, stop,
                                         shard_callbacks, tell);
        add_counts(result.stats, run.stats);
        result.documents += run.documents;
        done_before += size;
        if (!run.swapped) {
            return finish(); // interrupted: the same command goes on from this shard
        }
    }
    std::error_code ec;
    fs::remove(run_file, ec);
    sync_directory(path);
    result.swapped = true;
    return finish();
}

} // namespace newsdex::index
