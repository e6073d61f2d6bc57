#include "newsdex/cli/index_command.h"

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/analysis/entities.h"
#include "newsdex/analysis/fingerprint.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/cli/common_options.h"
#include "newsdex/cli/help_pages.h"
#include "newsdex/cli/problem_report.h"
#include "newsdex/corpus/delete_ids_source.h"
#include "newsdex/database_location.h"
#include "newsdex/error.h"
#include "newsdex/index/maintenance.h"
#include "newsdex/index/reanalyse.h"
#include "newsdex/output/entities_json.h"
#include "newsdex/output/text_output.h"
#include "newsdex/schema.h"
#include "newsdex/search/searcher.h"
#include "newsdex/user_aliases.h"

namespace po = boost::program_options;

namespace newsdex::cli {
namespace {

const char* const program = "newsdex-index";

// Signal handlers may only touch lock-free atomics; index_all polls this between articles.
std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int) { g_stop_requested.store(true); }

OptionGroups option_groups() {
    po::options_description db("Database");
    db.add_options()(
        "db", po::value<std::string>()->value_name("PATH"),
        "database to write (default: $NEWSDEX_DB, else $XDG_DATA_HOME/newsdex/news.db, else "
        "~/.local/share/newsdex/news.db)")(
        "shard-by", po::value<std::string>()->value_name("month|year"),
        "write one database per month or year under the --db directory, with a stub file "
        "listing them (newsdex.stub)")(
        "overwrite", "replace the database with what this run reads (built beside it and "
                     "swapped in at the end: searchers keep the old one until then)")(
        "bulk", "first import: write one part database per core in parallel and merge them "
                "at the end (only for a new or empty database, or with --overwrite; else "
                "ignored). Killed, the target is untouched and the next --bulk run resumes "
                "from the parts' committed batches in PATH.bulk/")(
        "batch", po::value<std::size_t>()->default_value(5000)->value_name("N"),
        "articles per atomic commit")("dry-run", "report what would change; write nothing")(
        "wait-lock", po::value<double>()->default_value(0)->value_name("SECONDS"),
        "wait for another indexer to finish instead of failing")(
        "threads", po::value<unsigned>()->default_value(0)->value_name("N"),
        "analysis threads (0: one per core)");
    po::options_description input("Input");
    input.add_options()(
        "format",
        po::value<std::string>()->default_value("auto")->value_name("auto|jsonl|text|reuters"),
        "jsonl, text or reuters (auto: from the file name and contents)")(
        "include", po::value<std::vector<std::string>>()->composing()->value_name("GLOB"),
        "read only the files of a directory that match GLOB (a name, or a path under the "
        "directory when it has a '/'; repeatable)")(
        "exclude", po::value<std::vector<std::string>>()->composing()->value_name("GLOB"),
        "leave out the files and folders of a directory that match GLOB (repeatable)")(
        "field", po::value<std::vector<std::string>>()->composing()->value_name("NAME=SOURCE"),
        "map a JSON field to an article field, e.g. --field published=when (repeatable)")(
        "source", po::value<std::string>()->value_name("NAME"),
        "the publisher of articles whose input names none (e.g. --source BBC): their source, "
        "and so not an actor of its own stories")(
        "language", po::value<std::string>()->default_value("en")->value_name("LANG"),
        "stemming language when an article gives none (en, fr, de … or none)")(
        "max-article-bytes",
        po::value<std::size_t>()->default_value(corpus::default_max_article_bytes)->value_name("N"),
        "reject articles with more than N bytes of title and body (default: 8 MiB; 0: no "
        "limit, and no bound on memory)")(
        "follow", "follow symbolic links inside input directories (by default they are "
                  "skipped, as by find and rg; a path named here is always read)")(
        "strict", "stop at the first rejected record");
    po::options_description entities("Entities");
    entities.add_options()(
        "no-entities", "skip entity extraction (no actor, location, country or mention facets)")(
        "entities-only", "print each article's entities as one JSON line; write no database")(
        "aliases", po::value<std::string>()->value_name("FILE"),
        "your rules for entity values (merge:, never:, type:; see README); default: "
        "<db>.aliases when it exists");
    po::options_description maintenance("Maintenance");
    maintenance.add_options()(
        "delete-ids", po::value<std::string>()->value_name("FILE"),
        "remove the articles whose ids are listed in FILE (one a line; - for stdin)")(
        "compact", "rewrite the database compactly (Xapian compaction); no input needed")(
        "reanalyse", "rebuild every article from what the database stores, with today's "
                     "analysis and schema (no dumps needed): after an upgrade, a new model, "
                     "gazetteer or alias file. Built beside the archive and swapped in at "
                     "the end; killed, the same command resumes")(
        "stats", "print documents, date range, size on disk and top facets; no input needed");
    po::options_description general("General");
    general.add_options()("quiet,q", "print only errors")(
        "verbose,v", "report every problem, even repaired ones")("help,h", "show this help")(
        "version", "show versions");
    return {{"Database", db},
            {"Input", input},
            {"Entities", entities},
            {"Maintenance", maintenance},
            {"General", general}};
}

po::options_description visible_options() { return combined(option_groups()); }

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

// Every file and directory named on the command line must be there before anything is
// created: a mistyped dump name must not leave an empty database behind.
void check_inputs_exist(const IndexJob& job) {
    std::vector<std::string> named = job.inputs;
    if (!job.delete_ids_file.empty()) {
        named.push_back(job.delete_ids_file);
    }
    for (const std::string& path : named) {
        std::error_code ec;
        if (path != "-" && !std::filesystem::exists(path, ec)) {
            const std::string why = ec ? ec.message() : "No such file or directory";
            throw Error("cannot read '" + path + "': " + why + " (nothing was indexed)");
        }
    }
}

// The progress line on a terminal: a bar of the input read and the time left at the pace so
// far, when the share read is known.
void print_progress(std::ostream& err, const index::IndexStats& s, std::optional<double> done) {
    const double rate = s.seconds > 0 ? static_cast<double>(s.read) / s.seconds : 0.0;
    char line[200];
    if (done && *done > 0.001) {
        constexpr int width = 24;
        const int filled = static_cast<int>(std::lround(*done * width));
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(width, '.');
        const double left = s.seconds * (1.0 - *done) / *done;
        std::snprintf(line, sizeof line,
                      "\r%s: [%s] %3.0f%%  %llu articles, %.0f/s, ETA %dm%02ds   ", program,
                      bar.c_str(), *done * 100.0, static_cast<unsigned long long>(s.read), rate,
                      static_cast<int>(left) / 60, static_cast<int>(left) % 60);
    } else {
        std::snprintf(line, sizeof line, "\r%s: %llu articles, %.0f/s   ", program,
                      static_cast<unsigned long long>(s.read), rate);
    }
    err << line << std::flush;
}

} // namespace

namespace {

HelpPage index_page() {
    HelpPage page;
    page.program = program;
    page.arguments = "[OPTIONS] FILE|DIR|- ...";
    page.summary = "index news articles into a Newsdex database";
    page.description =
        "Index news articles (JSON Lines, plain text, Reuters-21578 SGML; gzip or not) into a\n"
        "Newsdex database. Re-indexing the same input changes nothing; a changed article\n"
        "(same id) replaces the old one.";
    page.examples = {
        "newsdex-index --db news.db dump-2018-01-24.jsonl.gz articles/ reuters/*.sgm",
        "zcat dump.jsonl.gz | newsdex-index --db news.db -",
        "newsdex-index --db news.db --field published=when --field body=story dump.jsonl",
        "newsdex-index --db news.db --bulk --overwrite archive/*.jsonl.gz",
        "newsdex-index --db shards/ --shard-by month dump.jsonl.gz",
        "newsdex-index --db news.db --delete-ids withdrawn.txt",
        "newsdex-index --db news.db --reanalyse",
        "newsdex-index --db news.db --stats",
        "newsdex-index --db news.db --include '*.jsonl.gz' --exclude 'drafts/*' archive/",
    };
    page.exit_codes =
        "0 ok, 1 failure, 2 usage error, 3 finished but some input was bad\n"
        "(records rejected or repaired, empty or unreadable files; an unreadable date alone\n"
        "is only a warning), 4 database locked by another indexer, 130 interrupted (what\n"
        "was committed stays).";
    page.see_also = "newsdex-search(1)";
    return page;
}

} // namespace

std::string index_help() { return render_help(index_page(), option_groups()); }

std::string index_man_page() { return render_man(index_page(), option_groups()); }

std::string index_bash_completion() {
    CompletionHints hints;
    hints.positional_files = true;
    return render_bash_completion(index_page(), option_groups(), hints);
}

IndexJob parse_index_args(const std::vector<std::string>& args) {
    const po::variables_map vm = parse_command_line(args, visible_options(), "input");
    IndexJob job;
    job.show_help = vm.count("help") != 0;
    job.show_version = vm.count("version") != 0;
    job.show_man_page = vm.count("help-man") != 0;
    job.show_bash_completion = vm.count("help-bash-completion") != 0;
    if (job.show_help || job.show_version || job.show_man_page || job.show_bash_completion) {
        return job;
    }
    job.index.db_path = vm.count("db") ? vm["db"].as<std::string>() : default_db_path();
    job.index.overwrite = vm.count("overwrite") != 0;
    if (vm.count("shard-by")) {
        job.shard_by = index::parse_shard_by(vm["shard-by"].as<std::string>());
    }
    job.index.dry_run = vm.count("dry-run") != 0;
    job.bulk = vm.count("bulk") != 0;
    if (job.bulk && job.shard_by) {
        throw UsageError("--bulk and --shard-by cannot be combined");
    }
    job.index.batch_size = vm["batch"].as<std::size_t>();
    if (job.index.batch_size == 0) {
        throw UsageError("--batch must be at least 1");
    }
    job.index.default_language = vm["language"].as<std::string>();
    if (analysis::snowball_language(job.index.default_language).empty() &&
        analysis::fold(job.index.default_language) != "none") {
        throw UsageError("unknown language '" + job.index.default_language +
                         "' (try en, fr, de … or none)");
    }
    job.index.threads = vm["threads"].as<unsigned>();
    check_at_most("--threads", job.index.threads, 1024, "one per core is the most that helps");
    job.index.wait_lock_seconds = vm["wait-lock"].as<double>();
    check_at_most("--wait-lock", job.index.wait_lock_seconds, 30 * 86400, "thirty days");
    job.index.entities = vm.count("no-entities") == 0;
    job.entities_only = vm.count("entities-only") != 0;
    job.index.user_aliases = UserAliases::for_database(
        vm.count("aliases") ? vm["aliases"].as<std::string>() : std::string(), job.index.db_path);
    job.reader.format = corpus::parse_format(vm["format"].as<std::string>());
    job.reader.max_article_bytes = vm["max-article-bytes"].as<std::size_t>();
    // The readers allow a few times this for a record's raw text: keep that a real size.
    check_at_most("--max-article-bytes", static_cast<double>(job.reader.max_article_bytes),
                  static_cast<double>(std::size_t{1} << 40), "1 TiB; 0 is no limit");
    if (vm.count("source")) {
        job.reader.default_source = vm["source"].as<std::string>();
    }
    if (vm.count("field")) {
        for (const std::string& f : vm["field"].as<std::vector<std::string>>()) {
            corpus::add_field_mapping(job.reader, f);
        }
    }
    job.reader.follow_symlinks = vm.count("follow") != 0;
    if (vm.count("include")) {
        job.reader.include = vm["include"].as<std::vector<std::string>>();
    }
    if (vm.count("exclude")) {
        job.reader.exclude = vm["exclude"].as<std::vector<std::string>>();
    }
    job.strict = vm.count("strict") != 0;
    job.quiet = vm.count("quiet") != 0;
    job.verbose = vm.count("verbose") != 0;
    if (vm.count("input")) {
        job.inputs = vm["input"].as<std::vector<std::string>>();
    }
    if (vm.count("delete-ids")) {
        job.delete_ids_file = vm["delete-ids"].as<std::string>();
    }
    job.compact = vm.count("compact") != 0;
    job.stats = vm.count("stats") != 0;
    job.reanalyse = vm.count("reanalyse") != 0;
    if (job.reanalyse) {
        for (const char* other :
             {"overwrite", "bulk", "dry-run", "delete-ids", "compact", "stats", "entities-only"}) {
            if (vm.count(other)) {
                throw UsageError(std::string("--reanalyse cannot be combined with --") + other);
            }
        }
        if (!job.inputs.empty()) {
            throw UsageError("--reanalyse reads the articles the database stores: give no input");
        }
    }
    if (job.inputs.empty() && job.delete_ids_file.empty() && !job.compact && !job.stats &&
        !job.reanalyse) {
        throw UsageError("no input given (name files, directories, or - for stdin)");
    }
    return job;
}

namespace {

std::string megabytes(std::uintmax_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return buf;
}

// --compact: the work is index::compact_database; this only reports it.
int run_compact(const IndexJob& job, std::ostream& err) {
    ProblemReport report(program, err, job.quiet);
    index::IndexOptions options = job.index;
    options.on_notice = report.notice_sink();
    const index::CompactResult result = index::compact_database(job.index.db_path, options);
    if (!job.quiet) {
        err << program << ": compacted '" << job.index.db_path
            << "': " << megabytes(result.bytes_before) << " -> " << megabytes(result.bytes_after)
            << '\n';
    }
    return exit_code::ok;
}

// A day key as people write it ("2018-01-24"); the key itself when it is not one.
std::string shown_day(const std::string& key) {
    const std::optional<CivilDate> day = schema::parse_day_key(key);
    return day ? iso_day(*day) : key;
}

// The databases an archive is made of: its shards, or itself.
std::vector<std::string> archive_parts(const std::string& path) {
    if (!index::is_shard_directory(path)) {
        return {path};
    }
    std::vector<std::string> parts;
    for (const std::string& name : index::list_shards(path)) {
        parts.push_back((std::filesystem::path(path) / name).string());
    }
    return parts;
}

// --stats, for each part: its schema version and the analyses its articles were written
// with; then what a re-analysis would change.
void write_analysis_stats(const std::string& path, const std::vector<std::string>& parts,
                          bool entities, std::ostream& out) {
    const std::string current = analysis::current_analysis(entities).line();
    const std::string ours = std::to_string(schema::version);
    std::vector<std::string> changes;
    auto note_change = [&changes](const std::string& change) {
        if (std::find(changes.begin(), changes.end(), change) == changes.end()) {
            changes.push_back(change);
        }
    };
    for (const std::string& part : parts) {
        const Xapian::Database db(part);
        const std::string version = db.get_metadata(std::string(schema::version_key));
        const std::vector<std::string> lines =
            schema::analysis_lines(db.get_metadata(std::string(schema::analysis_key)));
        if (parts.size() > 1) {
            out << "part         " << std::filesystem::path(part).filename().string() << ": "
                << db.get_doccount() << " documents\n";
        }
        out << "schema       " << (version.empty() ? "(none)" : version) << '\n';
        if (db.get_doccount() == 0) {
            continue;
        }
        if (version != ours) {
            note_change("schema " + version + " -> " + ours);
        }
        if (lines.empty()) {
            out << "analysis     (not recorded: written before newsdex recorded it)\n";
            note_change("analysis not recorded");
        }
        for (const std::string& line : lines) {
            out << "analysis     " << line << '\n';
            const std::optional<analysis::AnalysisFingerprint> f =
                analysis::AnalysisFingerprint::parse(line);
            const std::optional<analysis::AnalysisFingerprint> now =
                analysis::AnalysisFingerprint::parse(current);
            if (f && now) {
                for (const std::string& d : f->differences(*now)) {
                    note_change(d);
                }
            }
        }
        if (lines.size() > 1) {
            note_change("articles of " + std::to_string(lines.size()) + " analyses");
        }
    }
    out << "this build   " << current << '\n';
    if (changes.empty()) {
        out << "re-analysis  nothing to change: built by this schema and analysis\n";
        return;
    }
    std::string list;
    for (const std::string& c : changes) {
        list += (list.empty() ? "" : ", ") + c;
    }
    out << "re-analysis  would change: " << list << " (newsdex-index --db " << path
        << " --reanalyse; no dumps needed)\n";
}

// --stats: what is in the database, for people.
int run_stats(const IndexJob& job, std::ostream& out) {
    const std::string& path = job.index.db_path;
    const std::vector<std::string> parts = archive_parts(path);
    Xapian::Database db;
    try {
        for (const std::string& part : parts) {
            db.add_database(Xapian::Database(part));
        }
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open database '" + path + "': " + e.get_msg());
    }
    const index::DatabaseStats stats = index::database_stats(db, path);
    out << "database     " << path << '\n'
        << "documents    " << stats.documents << '\n'
        << "dated        " << stats.dated << '\n';
    if (!stats.first_day.empty()) {
        out << "date range   " << shown_day(stats.first_day) << " .. " << shown_day(stats.last_day)
            << '\n';
    }
    out << "size on disk " << megabytes(stats.bytes_on_disk) << '\n';
    write_analysis_stats(path, parts, job.index.entities, out);
    std::optional<search::Searcher> searcher;
    try {
        searcher.emplace(std::vector<std::string>{path}, job.index.default_language);
    } catch (const SchemaError&) {
        return exit_code::ok; // no facet counts from a schema searches cannot read
    }
    search::SearchRequest request;
    request.limit = 0;
    request.snippets = false;
    request.facets = {"source", "country", "location", "actor", "date"};
    request.date_granularity = search::DateGranularity::year;
    request.facet_limit = 5;
    output::TextStyle style;
    style.color = output::stdout_wants_color();
    search::SearchResult result = searcher->search(request);
    result.elapsed_ms = 0;
    result.warnings.clear(); // the schema notice: said above
    std::ostringstream facets;
    output::write_text(facets, result, style);
    // Only the facet blocks: the match line would repeat the document count.
    const std::string text = facets.str();
    const auto blank = text.find("\n\n");
    out << (blank == std::string::npos ? text : text.substr(blank + 1));
    return exit_code::ok;
}

// The files of input directories that are not articles (pictures, archives, .DS_Store …):
// one line at the end of the run, not a message each.
class NotArticles {
public:
    corpus::ReaderOptions watching(corpus::ReaderOptions options) {
        options.on_not_an_article = [this](const std::string& file) {
            ++m_count;
            if (m_examples.size() < 3) {
                m_examples.push_back(file);
            }
        };
        return options;
    }
    void report(std::ostream& err, bool quiet) const {
        if (m_count == 0 || quiet) {
            return;
        }
        err << program << ": skipped " << m_count
            << (m_count == 1 ? " file that is not an article" : " files that are not articles")
            << " (images, archives, binaries, hidden and documentation files): ";
        for (std::size_t i = 0; i < m_examples.size(); ++i) {
            err << (i > 0 ? ", " : "") << m_examples[i];
        }
        err << (m_count > m_examples.size() ? ", …" : "") << '\n';
    }

private:
    std::uint64_t m_count = 0;
    std::vector<std::string> m_examples;
};

// --entities-only: the extractor's view of each article, one JSON line each; no database.
int run_entities_only(const IndexJob& job, std::ostream& out, std::ostream& err) {
    const analysis::EntityExtractor extractor = analysis::EntityExtractor::load_default();
    ProblemReport problems(program, err, job.quiet);
    NotArticles not_articles;
    std::unique_ptr<ArticleSource> source =
        corpus::open_inputs(job.inputs, not_articles.watching(job.reader), problems.sink());
    std::string line;
    while (std::optional<Article> article = source->next()) {
        if (article->deleted) {
            continue;
        }
        analysis::ArticleEntities entities = extractor.extract(*article);
        if (job.index.user_aliases) {
            job.index.user_aliases->apply(entities);
        }
        line.clear();
        output::append_entities_json(line, *article, entities);
        line += '\n';
        out << line;
    }
    not_articles.report(err, job.quiet);
    return problems.counts().rejected > 0 ? exit_code::rejected_records : exit_code::ok;
}

// Where the articles go: period shards, a bulk run, or one writer.
std::unique_ptr<index::ArticleSink>
open_sink(const IndexJob& job, const index::IndexOptions& options, std::ostream& err) {
    if (job.shard_by) {
        return std::make_unique<index::ShardedIndexer>(options, *job.shard_by);
    }
    if (index::is_shard_directory(options.db_path)) {
        throw UsageError("'" + options.db_path +
                         "' holds period shards: index into it with --shard-by month|year");
    }
    if (job.bulk && !options.dry_run) {
        bool single_writer = false;
        std::unique_ptr<index::ArticleSink> sink = index::open_bulk(options, 0, &single_writer);
        if (single_writer && job.verbose) {
            err << program << ": note: '" << options.db_path
                << "' already holds articles: --bulk applies to a new or empty database; "
                   "indexing with one writer\n";
        }
        return sink;
    }
    if (!options.dry_run && index::has_pending_bulk_run(options.db_path)) {
        // A bulk run still going holds the target's lock: that is "locked" (exit code 4).
        index::IndexOptions probe = options;
        probe.overwrite = false;
        Xapian::WritableDatabase lock = index::open_writable(probe);
        if (!index::clear_finished_bulk_run(options.db_path, lock)) {
            throw Error("'" + options.db_path +
                        "' has an unfinished --bulk run (its parts are in '" +
                        index::bulk_staging_path(options.db_path).string() +
                        "'): run the same command with --bulk to complete it");
        }
        lock.close();
    }
    return std::make_unique<index::Indexer>(options);
}

// The inputs, after the ids of --delete-ids.
std::unique_ptr<ArticleSource> open_source(const IndexJob& job, const corpus::ReaderOptions& reader,
                                           const ProblemSink& problems) {
    std::unique_ptr<ArticleSource> source = corpus::open_inputs(job.inputs, reader, problems);
    if (!job.delete_ids_file.empty()) {
        source = std::make_unique<corpus::ChainedSource>(
            std::make_unique<corpus::DeleteIdsSource>(job.delete_ids_file), std::move(source));
    }
    return source;
}

// SIGINT and SIGTERM ask index_all to stop after a commit, for as long as this lives.
class StopOnSignals {
public:
    StopOnSignals() {
        struct sigaction action {};
        action.sa_handler = request_stop;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &m_old_int);
        sigaction(SIGTERM, &action, &m_old_term);
    }
    ~StopOnSignals() {
        sigaction(SIGINT, &m_old_int, nullptr);
        sigaction(SIGTERM, &m_old_term, nullptr);
    }
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;

private:
    struct sigaction m_old_int {};
    struct sigaction m_old_term {};
};

// --reanalyse: the archive rebuilt from its stored articles (index/reanalyse.h).
int run_reanalyse(const IndexJob& job, std::ostream& err) {
    index::IndexOptions options = job.index;
    const bool show_progress = !job.quiet && stderr_is_terminal();
    ProblemReport problems(program, err, job.quiet);
    problems.clear_progress_line(show_progress);
    options.on_problem = problems.sink();
    options.on_notice = problems.notice_sink();
    index::RunCallbacks callbacks;
    if (show_progress) {
        callbacks.on_progress = [&err](const index::IndexStats& s, std::optional<double> done) {
            print_progress(err, s, done);
        };
    }
    g_stop_requested.store(false);
    index::ReanalyseResult result;
    {
        const StopOnSignals stop_on_signals;
        try {
            result = index::reanalyse(options, g_stop_requested, callbacks, options.on_notice);
        } catch (...) {
            if (show_progress) {
                err << "\r\x1b[K";
            }
            throw;
        }
    }
    if (show_progress) {
        err << "\r\x1b[K";
    }
    if (!job.quiet || !result.swapped) {
        err << program << ": re-analysed '" << job.index.db_path
            << "': " << index::summary_line(result.stats, problems.counts()) << "; "
            << result.documents << " documents"
            << (result.parts > 1 ? " in " + std::to_string(result.parts) + " shards" : "")
            << (result.swapped ? ", schema " + std::to_string(schema::version)
                               : " (interrupted; the archive is as it was: the same command "
                                 "resumes)")
            << '\n';
    }
    return result.swapped ? exit_code::ok : exit_code::interrupted;
}

} // namespace

int run_index(const IndexJob& job, std::ostream& out, std::ostream& err) {
    check_inputs_exist(job);
    if (job.entities_only) {
        return run_entities_only(job, out, err);
    }
    // Before anything is loaded, opened or created: these are the user's files, not ours to
    // touch, and a stub naming a program would be run by Xapian.
    refuse_program_stubs(job.index.db_path);
    refuse_foreign_folder(job.index.db_path);
    if (job.stats) {
        return run_stats(job, out);
    }
    if (job.compact) {
        return run_compact(job, err);
    }
    if (job.reanalyse) {
        return run_reanalyse(job, err);
    }
    const std::filesystem::path parent = std::filesystem::path(job.index.db_path).parent_path();
    if (!parent.empty() && !job.index.dry_run) {
        std::error_code ignored;
        std::filesystem::create_directories(parent, ignored);
    }
    g_stop_requested.store(false);
    const bool show_progress = !job.quiet && stderr_is_terminal();
    ProblemReport problems(program, err, job.quiet);
    problems.clear_progress_line(show_progress);
    if (job.strict) {
        problems.stop_at_first_rejection(g_stop_requested);
    }
    NotArticles not_articles;
    index::IndexOptions index_options = job.index;
    index_options.on_problem = problems.sink();
    index_options.on_notice = problems.notice_sink();
    const std::unique_ptr<index::ArticleSink> sink = open_sink(job, index_options, err);
    const std::unique_ptr<ArticleSource> source =
        open_source(job, not_articles.watching(job.reader), problems.sink());

    index::RunCallbacks callbacks;
    if (show_progress) {
        callbacks.on_progress = [&err](const index::IndexStats& s, std::optional<double> done) {
            print_progress(err, s, done);
        };
    }
    index::IndexStats stats;
    {
        const StopOnSignals stop_on_signals;
        stats = index::index_all(*source, *sink, g_stop_requested, callbacks);
    }
    if (show_progress) {
        err << "\r\x1b[K";
    }
    const ProblemCounts counts = problems.counts();
    const bool stopped_by_strict = problems.stopped_at_rejection();
    const bool interrupted = g_stop_requested.load() && !stopped_by_strict;
    not_articles.report(err, job.quiet);
    if (!job.quiet || counts.rejected > 0 || interrupted) {
        err << program << ": " << (job.index.dry_run ? "dry run: " : "")
            << index::summary_line(stats, counts) << "; " << sink->document_count()
            << " documents in '" << job.index.db_path << "'"
            << (interrupted ? " (interrupted; committed what was read)" : "")
            << (stopped_by_strict ? " (stopped at the first rejected record: --strict)" : "")
            << '\n';
    }
    if (interrupted) {
        return exit_code::interrupted;
    }
    // Cron must notice any damage in a dump, repaired or not.
    return problems.input_damaged() ? exit_code::rejected_records : exit_code::ok;
}

int index_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
    return run_guarded(program, err, [&] {
        const IndexJob job = parse_index_args(arguments(argc, argv));
        if (job.show_help) {
            out << index_help();
            return exit_code::ok;
        }
        if (job.show_man_page) {
            out << index_man_page();
            return exit_code::ok;
        }
        if (job.show_bash_completion) {
            out << index_bash_completion();
            return exit_code::ok;
        }
        if (job.show_version) {
            out << version_line(program) << '\n';
            return exit_code::ok;
        }
        return run_index(job, out, err);
    });
}

} // namespace newsdex::cli
