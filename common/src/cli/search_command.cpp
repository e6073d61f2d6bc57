#include "newsdex/cli/search_command.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <sstream>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/ascii.h"
#include "newsdex/cli/common_options.h"
#include "newsdex/cli/help_pages.h"
#include "newsdex/database_location.h"
#include "newsdex/error.h"
#include "newsdex/index/bulk.h"
#include "newsdex/output/csv_output.h"
#include "newsdex/output/json_output.h"
#include "newsdex/output/text_output.h"
#include "newsdex/schema.h"
#include "newsdex/search/article_lookup.h"
#include "newsdex/search/entity_views.h"
#include "newsdex/time/timestamp.h"
#include "newsdex/user_aliases.h"
#include "search_tools.h"

namespace po = boost::program_options;

namespace newsdex::cli {
namespace {

const char* const program = "newsdex-search";

OptionGroups option_groups() {
    po::options_description db("Database");
    db.add_options()(
        "db",
        po::value<std::vector<std::string>>()->composing()->value_name("PATH|tcp://HOST:PORT"),
        "database to search: a path, a stub file, a directory of shards, or a remote "
        "xapian-tcpsrv; repeat to search several as one (default: $NEWSDEX_DB, else "
        "$XDG_DATA_HOME/newsdex/news.db, else ~/.local/share/newsdex/news.db)")(
        "allow-partial", "when a shard is missing or down, answer from the others (with a "
                         "warning) instead of failing")(
        "aliases", po::value<std::string>()->value_name("FILE"),
        "your rules for entity values (merge:, never:, type:; see README), applied to this "
        "search without re-indexing; default: <db>.aliases when it exists");
    po::options_description query("Query");
    query.add_options()("literal",
                        "no operators, no field prefixes: every word is a plain word (OR, ranked)")(
        "now", po::value<std::string>()->value_name("DATE"),
        "the day that 'last week', 'yesterday' … count from (default: today)")(
        "default-op", po::value<std::string>()->default_value("and")->value_name("and|or"),
        "operator between words when none is written")(
        "language", po::value<std::string>()->default_value("en")->value_name("LANG"),
        "stemming language of the query (as indexed)");
    po::options_description output("Output");
    output.add_options()("limit,n", po::value<std::size_t>()->default_value(10)->value_name("N"),
                         "hits to show (0: all, as --all)")(
        "all", "every match, in order, written as it is found (no cap)")(
        "offset", po::value<std::size_t>()->default_value(0)->value_name("N"), "hits to skip")(
        "sort", po::value<std::string>()->value_name("relevance|date|-date"),
        "relevance, date (oldest first) or -date (newest first); default: relevance (for "
        "filters alone, how much each article is about the people and places filtered for; "
        "newest first when they name none)")(
        "facets", po::value<std::string>()->value_name("LIST"),
        "count values over all matches: actor, person, org, location, country, author, "
        "source, date")("facet-limit", po::value<std::size_t>()->default_value(10)->value_name("N"),
                        "values shown per facet (0: all)")(
        "date-facet",
        po::value<std::string>()->default_value("month")->value_name("day|week|month|year"),
        "how the date facet groups")("histogram",
                                     po::value<std::string>()->value_name("day|week|month|year"),
                                     "draw the matches over time")(
        "queries", po::value<std::string>()->value_name("FILE|-"),
        "answer one query a line from FILE (or stdin), one JSON line each")(
        "like", po::value<std::string>()->value_name("ID"),
        "articles related to this one (its own near-duplicates excluded)")(
        "all-copies", "show every near-duplicate copy, not one hit per story")(
        "auto-correct", "when nothing matches and a word looks misspelt, search for the "
                        "corrected query instead (did you mean) and say so")(
        "estimate", "estimate the number of matches from the first ones instead of counting "
                    "them (faster for queries matching tens of thousands of articles)")(
        "recency", po::value<std::string>()->value_name("HALF_LIFE"),
        "blend freshness into relevance: the score halves every HALF_LIFE (7d, 12h, 2w)")(
        "format",
        po::value<std::string>()->default_value("text")->value_name("text|json|jsonl|csv"),
        "text for people; json (one object), jsonl (one object per hit) or csv (one row per "
        "hit, a header row first) for scripts; with --facets or --histogram, jsonl and csv "
        "write that table instead of the hits")(
        "values", po::value<std::string>()->value_name("FACET"),
        "list every value of a facet with its count, over the matches of the query (none: "
        "the whole archive): how the archive spells a name")(
        "prefix", po::value<std::string>()->value_name("TEXT"),
        "with --values: only values starting with TEXT (or with a word that does)")(
        "entity", po::value<std::string>()->value_name("NAME"),
        "print an entity's card: canonical name, type, country, other forms, articles, first "
        "and last seen, articles by month, the actors and places most often named with it")(
        "show", po::value<std::string>()->value_name("ID"),
        "print the whole article: title, date, source, author, URL, facets and full body")(
        "json", "the same as --format json (see README: JSON output)")(
        "color", po::value<std::string>()->default_value("auto")->value_name("auto|always|never"),
        "colour the text output: auto does on a terminal unless NO_COLOR is set")(
        "pretty", "indent the JSON")("explain",
                                     "print the parsed query (Xapian's description) first");
    po::options_description tools("Names, co-occurrence and saved searches");
    tools.add_options()(
        "names", po::value<std::string>()->value_name("FILE|-"),
        "look up one name or query a line (# comments): articles, stories, first and last "
        "day and top hits of each, as an actor when the name resolves to one, else as a phrase")(
        "related", po::value<std::string>()->value_name("FACET"),
        "values of FACET that occur with the matches more than chance predicts (lift and "
        "PMI, with the counts), e.g. --related actor 'actor:\"Le Drian\"'")(
        "min-count", po::value<std::size_t>()->default_value(3)->value_name("N"),
        "--related: leave out values seen with fewer than N matches")(
        "save", po::value<std::string>()->value_name("NAME"),
        "save the query and its options as NAME, beside the database")("saved",
                                                                       "list the saved searches")(
        "run-saved", po::value<std::string>()->implicit_value("")->value_name("[NAME]"),
        "run the saved search NAME, or every saved search")(
        "new", "with --run-saved: only articles indexed since that search last ran");
    po::options_description general("General");
    general.add_options()("list-fields", "list the searchable fields and their index prefixes")(
        "help,h", "show this help")("version", "show versions");
    return {{"Database", db},
            {"Query", query},
            {"Output", output},
            {"Names, co-occurrence and saved searches", tools},
            {"General", general}};
}

po::options_description visible_options() { return combined(option_groups()); }

} // namespace

std::string fields_table() {
    std::ostringstream s;
    s << std::left << std::setw(10) << "field" << std::setw(10) << "prefix" << std::setw(16)
      << "kind"
      << "meaning\n";
    for (const schema::Field& f : schema::fields) {
        const char* kind = f.kind == schema::Kind::free_text    ? "free text"
                           : f.kind == schema::Kind::identifier ? "identifier"
                           : f.kind == schema::Kind::facet      ? "facet"
                           : f.kind == schema::Kind::date_range ? "date range"
                                                                : "boolean filter";
        s << std::setw(10) << std::string(f.name) << std::setw(10) << std::string(f.prefix)
          << std::setw(16) << kind << f.description << '\n';
    }
    return s.str();
}

namespace {

HelpPage search_page() {
    HelpPage page;
    page.program = program;
    page.arguments = "[OPTIONS] QUERY...";
    page.summary = "search a Newsdex news archive";
    page.description = "Search a Newsdex database: ranked (BM25) hits with highlighted snippets.";
    std::string fields;
    for (const schema::Field& f : schema::fields) {
        fields += (fields.empty() ? "" : ", ") + std::string(f.name);
    }
    page.sections.emplace_back(
        "Query syntax",
        "  peace talks            both words (stemmed: talk, talks, talking)\n"
        "  \"de-escalation zones\"  the exact phrase\n"
        "  ceasefire OR truce     either; also AND, NOT, XOR, ( )\n"
        "  +Assad -Lavrov         must have / must not have\n"
        "  Sochi NEAR congress    within 10 words (NEAR/3: within 3)\n"
        "  actor:\"Le Drian\"      facet filters: actor, person, org, location, country\n"
        "  date:2018-01..2018-02  publication date (a day, month, year, A..B, ..B, A..);\n"
        "                         mentions: the same for dates the text mentions\n"
        "  talks in Vienna        natural phrasing: in <place>, since/before/on <date>,\n"
        "                         last week … (--literal turns all of this off)\n"
        "  negotiat*              any word starting so\n"
        "  field:value            fields: " +
            fields + "\n");
    page.examples = {
        "newsdex-search 'peace talks'",
        "newsdex-search --json --limit 20 --sort date '\"de-escalation zones\" OR ceasefire'",
        "newsdex-search 'title:coffee source:reuters'",
        "newsdex-search --facets actor,location --facet-limit 15 ceasefire",
        "newsdex-search 'talks in Vienna'",
        "newsdex-search 'actor:\"Le Drian\" date:2018-01..2018-02'",
        "newsdex-search --histogram month 'Assad since March 2017'",
        "newsdex-search --like nw-2018-0004",
        "newsdex-search --recency 3d 'Sochi congress'",
        "newsdex-search --db a.db --db tcp://archive:7000 'crude oil'",
        "newsdex-search --show nw-2018-0031",
        "newsdex-search --format csv --all 'peace talks' > hits.csv",
        "newsdex-search --names people.txt",
        "newsdex-search --related actor 'actor:\"Le Drian\"'",
        "newsdex-search --save vienna 'talks in Vienna' && newsdex-search --run-saved --new",
    };
    page.exit_codes = "0 ok (also when nothing matched), 1 failure, 2 usage or query syntax error.";
    page.see_also = "newsdex-index(1)";
    return page;
}

} // namespace

std::string search_help() { return render_help(search_page(), option_groups()); }

std::string search_man_page() { return render_man(search_page(), option_groups()); }

std::string search_bash_completion() {
    CompletionHints hints;
    hints.facet_list_options = {"facets"};
    hints.facet_options = {"related"};
    for (const schema::Facet& f : schema::facets) {
        hints.facet_names.emplace_back(f.name);
    }
    for (const schema::Field& f : schema::fields) {
        hints.word_prefixes.push_back(std::string(f.name) + ":");
    }
    return render_bash_completion(search_page(), option_groups(), hints);
}

namespace {

// --names, --related, --save, --saved, --run-saved, --new.
void parse_tool_options(const po::variables_map& vm, const std::vector<GivenOption>& given,
                        SearchOptions& o) {
    if (vm.count("names")) {
        o.names_file = vm["names"].as<std::string>();
    }
    if (vm.count("related")) {
        o.related_facet = vm["related"].as<std::string>();
    }
    o.min_count = vm["min-count"].as<std::size_t>();
    o.list_saved = vm.count("saved") != 0;
    o.only_new = vm.count("new") != 0;
    if (vm.count("run-saved")) {
        o.run_saved = vm["run-saved"].as<std::string>();
        // "--run-saved NAME": Boost leaves NAME to the query words (an optional value binds
        // only as --run-saved=NAME); a saved search takes no words of its own, so it is the name.
        if (o.run_saved->empty() && !o.request.query.empty()) {
            if (o.request.query.find(' ') != std::string::npos) {
                throw UsageError("--run-saved takes one name, not '" + o.request.query + "'");
            }
            o.run_saved = o.request.query;
            o.request.query.clear();
        }
    }
    if (o.only_new && !o.run_saved) {
        throw UsageError("--new goes with --run-saved (it shows what is new since a saved "
                         "search last ran)");
    }
    if (vm.count("save")) {
        o.save_name = vm["save"].as<std::string>();
        const bool bad_name = o.save_name.empty() || o.save_name[0] == '-' ||
                              std::any_of(o.save_name.begin(), o.save_name.end(), [](char c) {
                                  return static_cast<unsigned char>(c) <= ' ';
                              });
        if (bad_name) {
            throw UsageError("--save needs a name without spaces, not '" + o.save_name + "'");
        }
        if (o.request.query.empty() && o.request.like_id.empty()) {
            throw UsageError("--save " + o.save_name + ": give the query to save");
        }
        // What is stored is what the user wrote, minus where and what to do with it.
        static const char* const not_saved[] = {
            "save", "db", "saved", "run-saved", "new", "help", "version", "list-fields", "show"};
        for (const GivenOption& g : given) {
            if (std::find(std::begin(not_saved), std::end(not_saved), g.name) ==
                std::end(not_saved)) {
                o.saved_args.insert(o.saved_args.end(), g.tokens.begin(), g.tokens.end());
            }
        }
    }
    const int modes = (o.names_file.empty() ? 0 : 1) + (o.related_facet.empty() ? 0 : 1) +
                      (o.save_name.empty() ? 0 : 1) + (o.list_saved ? 1 : 0) +
                      (o.run_saved ? 1 : 0) + (o.queries_file.empty() ? 0 : 1);
    if (modes > 1) {
        throw UsageError("--names, --related, --save, --saved, --run-saved and --queries "
                         "each do a run of their own: give one");
    }
}

} // namespace

OutputFormat parse_output_format(const std::string& name) {
    if (name == "text") {
        return OutputFormat::text;
    }
    if (name == "json") {
        return OutputFormat::json;
    }
    if (name == "jsonl") {
        return OutputFormat::jsonl;
    }
    if (name == "csv") {
        return OutputFormat::csv;
    }
    throw UsageError("unknown --format '" + name + "' (use text, json, jsonl or csv)");
}

SearchOptions parse_search_args(const std::vector<std::string>& args) {
    std::vector<GivenOption> given;
    const po::variables_map vm = parse_command_line(args, visible_options(), "query", &given);
    SearchOptions o;
    o.show_help = vm.count("help") != 0;
    o.show_man_page = vm.count("help-man") != 0;
    o.show_bash_completion = vm.count("help-bash-completion") != 0;
    o.show_version = vm.count("version") != 0;
    o.list_fields = vm.count("list-fields") != 0;
    o.allow_partial = vm.count("allow-partial") != 0;
    if (vm.count("aliases")) {
        o.aliases_file = vm["aliases"].as<std::string>();
    }
    if (vm.count("db")) {
        o.databases = vm["db"].as<std::vector<std::string>>();
    } else {
        o.databases.push_back(default_db_path());
    }
    if (vm.count("query")) {
        std::string text;
        for (const std::string& word : vm["query"].as<std::vector<std::string>>()) {
            text += (text.empty() ? "" : " ") + word;
        }
        o.request.query = text;
    }
    o.request.mode = vm.count("literal") ? search::QueryMode::literal : search::QueryMode::syntax;
    const std::string op = vm["default-op"].as<std::string>();
    if (op == "and" || op == "AND") {
        o.request.default_op = search::DefaultOperator::and_;
    } else if (op == "or" || op == "OR") {
        o.request.default_op = search::DefaultOperator::or_;
    } else {
        throw UsageError("--default-op must be 'and' or 'or', not '" + op + "'");
    }
    o.language = vm["language"].as<std::string>();
    if (analysis::snowball_language(o.language).empty() && analysis::fold(o.language) != "none") {
        throw UsageError("unknown language '" + o.language + "' (try en, fr, de … or none)");
    }
    if (vm.count("now")) {
        const std::string now = vm["now"].as<std::string>();
        const std::optional<Timestamp> t = parse_date(now);
        if (!t) {
            throw UsageError("--now: cannot read the date '" + now + "' (try 2018-01-24)");
        }
        o.request.today = local_date(*t);
    }
    o.request.limit = vm["limit"].as<std::size_t>();
    o.request.offset = vm["offset"].as<std::size_t>();
    // Xapian counts documents in 32 bits: a larger page would wrap around.
    constexpr double most_hits = 1e9;
    check_at_most("--limit", static_cast<double>(o.request.limit), most_hits,
                  "Xapian's document count");
    check_at_most("--offset", static_cast<double>(o.request.offset), most_hits,
                  "Xapian's document count");
    if (vm.count("sort")) {
        o.request.sort = search::parse_sort_order(vm["sort"].as<std::string>());
    }
    if (vm.count("facets")) {
        o.request.facets = search::parse_facet_list(vm["facets"].as<std::string>());
    }
    o.request.facet_limit = vm["facet-limit"].as<std::size_t>();
    check_at_most("--facet-limit", static_cast<double>(o.request.facet_limit), most_hits,
                  "0 shows them all");
    o.request.date_granularity = search::parse_granularity(vm["date-facet"].as<std::string>());
    if (vm.count("histogram")) {
        o.request.histogram = search::parse_granularity(vm["histogram"].as<std::string>());
    }
    if (vm.count("like")) {
        o.request.like_id = vm["like"].as<std::string>();
    }
    o.request.collapse_duplicates = vm.count("all-copies") == 0;
    o.request.auto_correct = vm.count("auto-correct") != 0;
    if (vm.count("estimate") != 0) {
        o.request.exact_count_limit = 0;
    }
    if (vm.count("recency")) {
        o.request.recency_half_life_days =
            search::parse_half_life_days(vm["recency"].as<std::string>());
    }
    if (vm.count("queries")) {
        o.queries_file = vm["queries"].as<std::string>();
    }
    o.format = parse_output_format(vm["format"].as<std::string>());
    if (vm.count("json") != 0 || !o.queries_file.empty()) {
        o.format = OutputFormat::json;
    }
    o.all = vm.count("all") != 0 || o.request.limit == 0;
    if (vm.count("show")) {
        o.show_id = vm["show"].as<std::string>();
    }
    if (vm.count("values")) {
        o.values_facet = vm["values"].as<std::string>();
        search::parse_facet_list(o.values_facet); // an unknown facet is a usage error now
    }
    if (vm.count("prefix")) {
        if (o.values_facet.empty()) {
            throw UsageError("--prefix goes with --values FACET");
        }
        o.values_prefix = vm["prefix"].as<std::string>();
    }
    if (vm.count("entity")) {
        o.entity_name = vm["entity"].as<std::string>();
        if (trim(o.entity_name).empty()) {
            throw UsageError("--entity needs a name");
        }
    }
    if (!o.show_id.empty() && o.format == OutputFormat::csv) {
        throw UsageError("--show prints text or JSON, not csv");
    }
    parse_tool_options(vm, given, o);
    const bool tables = o.format == OutputFormat::csv || o.format == OutputFormat::jsonl;
    if (tables && !o.request.facets.empty() && o.request.histogram) {
        throw UsageError("--format " + vm["format"].as<std::string>() +
                         " writes one table: ask for --facets or --histogram, not both");
    }
    o.color = output::parse_color_mode(vm["color"].as<std::string>());
    o.pretty = vm.count("pretty") != 0;
    o.explain = vm.count("explain") != 0;
    return o;
}

namespace {

search::SearchResult answer(search::Searcher& searcher, const search::SearchRequest& request) {
    return searcher.search(request);
}

// Every match, asked for page after page: one request for all of them would make Xapian
// prepare room for as many hits as the database has documents, for every query.
constexpr std::size_t all_page = 1000;

search::SearchResult answer_all(search::Searcher& searcher, search::SearchRequest request) {
    request.limit = all_page;
    search::SearchResult result = searcher.search(request);
    request.facets.clear(); // counted once, with the first page
    request.histogram.reset();
    request.exact_count_limit = 0;
    for (std::size_t got = result.hits.size(); got == all_page;) {
        request.offset += all_page;
        search::SearchResult next = searcher.search(request);
        got = next.hits.size();
        std::move(next.hits.begin(), next.hits.end(), std::back_inserter(result.hits));
    }
    result.limit = 0;
    return result;
}

// Warnings are diagnostics: on stderr in the programs' one shape, whatever the output format
// (JSON carries them in "warnings" as well).
void report_warnings(std::ostream& err, const search::SearchResult& result) {
    for (const std::string& w : result.warnings) {
        warn(err, program, w);
    }
}

// A --bulk import writes its parts beside the database and merges them at the end: until then
// an empty target would answer "0 matches", which is not the truth. Throws when nothing is
// searchable yet; returns a warning per database that still shows its state before the import.
std::vector<std::string> unfinished_imports(const std::vector<std::string>& databases) {
    std::vector<std::string> warnings;
    for (const std::string& location : databases) {
        if (is_remote_location(location) || !index::has_pending_bulk_run(location)) {
            continue;
        }
        const std::string parts = index::bulk_staging_path(location).string();
        Xapian::doccount documents = 0;
        try {
            documents = Xapian::Database(location).get_doccount();
        } catch (const Xapian::Error&) {
            // not a database yet: nothing to search either
        }
        if (documents == 0) {
            throw Error("'" + location + "' has an unfinished --bulk import (its parts are in '" +
                        parts +
                        "'): nothing is searchable until it completes (if it was "
                        "interrupted, the same newsdex-index --bulk command completes it)");
        }
        warnings.push_back("'" + location +
                           "' has an unfinished --bulk import (its parts are in '" + parts +
                           "'): these results are from the database as it was before");
    }
    return warnings;
}

// --queries: one open database, one JSON line per query line, so that scripts and benchmarks
// pay for opening once. A query that fails gives {"query", "error"} and the run goes on.
int run_batch(const SearchOptions& o, search::Searcher& searcher,
              const std::vector<std::string>& database_warnings, std::ostream& out,
              std::ostream& err) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (o.queries_file != "-") {
        file.open(o.queries_file);
        if (!file) {
            throw Error("cannot read queries from '" + o.queries_file + "'");
        }
        in = &file;
    }
    std::string line;
    int status = exit_code::ok;
    while (std::getline(*in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (trim(line).empty()) {
            continue; // a blank line asks nothing (as a query it would match everything)
        }
        search::SearchRequest request = o.request;
        request.query = line;
        try {
            search::SearchResult result =
                o.all ? answer_all(searcher, request) : answer(searcher, request);
            report_warnings(err, result);
            result.warnings.insert(result.warnings.end(), database_warnings.begin(),
                                   database_warnings.end());
            output::write_json(out, result, false);
        } catch (const Error& e) {
            nlohmann::json failed = {{"query", line}, {"error", e.what()}};
            out << output::dump_json(failed, false);
            err << program << ": error: " << e.what() << '\n';
            status = exit_code::failure;
        }
        // Each answer as soon as it is known: a program may be waiting for it on a pipe.
        out << '\n' << std::flush;
    }
    return status;
}

} // namespace

namespace {

// --show ID: the whole article, for reading (text) or for scripts (JSON).
int run_show(const SearchOptions& o, search::Searcher& searcher, std::ostream& out) {
    const std::optional<search::FullArticle> article =
        search::find_article(searcher.database(), o.show_id);
    if (!article) {
        throw Error("no article with id '" + o.show_id + "'");
    }
    if (o.format == OutputFormat::text) {
        output::write_article(out, *article, output::stdout_style(o.color));
    } else {
        out << output::dump_json(output::to_json(*article),
                                 o.pretty && o.format == OutputFormat::json)
            << '\n';
    }
    return exit_code::ok;
}

// What the formats for scripts write: the facet table or the histogram when asked for (one
// table per output), else the hits.
enum class Table { hits, facets, histogram };

Table table_of(const search::SearchRequest& request) {
    return !request.facets.empty() ? Table::facets
           : request.histogram     ? Table::histogram
                                   : Table::hits;
}

void write_table_start(const SearchOptions& o, const search::SearchResult& r, std::ostream& out) {
    const Table table = table_of(o.request);
    if (o.format == OutputFormat::csv) {
        if (table == Table::facets) {
            output::write_csv_facets(out, r);
        } else if (table == Table::histogram) {
            output::write_csv_histogram(out, r);
        } else {
            output::write_csv_hits_header(out);
        }
        return;
    }
    if (table == Table::facets) {
        for (const search::FacetCounts& f : r.facets) {
            for (const search::FacetValueCount& v : f.values) {
                out << output::dump_json(
                           {{"facet", f.name}, {"value", v.value}, {"count", v.count}}, false)
                    << '\n';
            }
        }
    } else if (table == Table::histogram) {
        for (const search::FacetValueCount& b : r.histogram) {
            out << output::dump_json({{"period", b.value}, {"count", b.count}}, false) << '\n';
        }
    }
}

void write_hits(const SearchOptions& o, const std::vector<search::Hit>& hits, std::size_t last_rank,
                const output::TextStyle& style, std::ostream& out) {
    switch (o.format) {
    case OutputFormat::text:
        output::write_text_hits(out, hits, last_rank, style);
        break;
    case OutputFormat::csv:
        if (table_of(o.request) == Table::hits) {
            output::write_csv_hits(out, hits);
        }
        break;
    case OutputFormat::jsonl:
        if (table_of(o.request) == Table::hits) {
            for (const search::Hit& h : hits) {
                out << output::dump_json(output::to_json(h), false) << '\n';
            }
        }
        break;
    case OutputFormat::json:
        break; // written whole at the end
    }
}

// --values FACET [--prefix TEXT]: every value and its count, most frequent first.
int run_values(const SearchOptions& o, search::Searcher& searcher, std::ostream& out,
               std::ostream& err) {
    const search::FacetValueList list =
        search::list_values(searcher, o.request, o.values_facet, o.values_prefix);
    for (const std::string& w : list.warnings) {
        warn(err, program, w);
    }
    if (o.format == OutputFormat::json) {
        nlohmann::json values = nlohmann::json::array();
        for (const search::FacetValueCount& v : list.values) {
            values.push_back({{"value", v.value}, {"count", v.count}});
        }
        out << output::dump_json({{"facet", list.facet},
                                  {"prefix", list.prefix},
                                  {"matches", list.matches},
                                  {"values", values}},
                                 o.pretty)
            << '\n';
        return exit_code::ok;
    }
    out << list.values.size() << " " << list.facet << " values"
        << (list.prefix.empty() ? "" : " matching '" + list.prefix + "'") << " over "
        << list.matches << " articles\n";
    std::size_t width = 0;
    for (const search::FacetValueCount& v : list.values) {
        width = std::max(width, v.value.size());
    }
    for (const search::FacetValueCount& v : list.values) {
        out << "  " << std::left << std::setw(static_cast<int>(width + 2)) << v.value << v.count
            << '\n';
    }
    return exit_code::ok;
}

// --entity NAME: what the archive knows of one actor or place.
int run_entity(const SearchOptions& o, search::Searcher& searcher, std::ostream& out,
               std::ostream& err) {
    const std::optional<search::EntityCard> card =
        search::entity_card(searcher, o.request, o.entity_name);
    if (!card) {
        throw Error("no actor or place '" + o.entity_name +
                    "' in the archive (try --values "
                    "actor --prefix " +
                    o.entity_name + ")");
    }
    for (const std::string& w : card->warnings) {
        warn(err, program, w);
    }
    const auto counts_json = [](const std::vector<search::FacetValueCount>& counts,
                                const char* key) {
        nlohmann::json list = nlohmann::json::array();
        for (const search::FacetValueCount& v : counts) {
            list.push_back({{key, v.value}, {"count", v.count}});
        }
        return list;
    };
    if (o.format == OutputFormat::json) {
        out << output::dump_json({{"name", card->name},
                                  {"type", card->type},
                                  {"country", card->country},
                                  {"forms", card->forms},
                                  {"name_forms", counts_json(card->name_forms, "form")},
                                  {"articles", card->articles},
                                  {"first_seen", card->first_seen},
                                  {"last_seen", card->last_seen},
                                  {"by_month", counts_json(card->by_month, "month")},
                                  {"named_with", counts_json(card->named_with, "value")}},
                                 o.pretty)
            << '\n';
        return exit_code::ok;
    }
    out << card->name << " (" << card->type << (card->country.empty() ? "" : ", " + card->country)
        << ")\n";
    out << "  articles:   " << card->articles << ", first " << card->first_seen << ", last "
        << card->last_seen << '\n';
    if (!card->forms.empty()) {
        out << "  also as:   ";
        for (const std::string& f : card->forms) {
            out << ' ' << f << (&f == &card->forms.back() ? "" : ",");
        }
        out << '\n';
    }
    if (!card->name_forms.empty()) {
        out << "  written as:";
        for (const search::FacetValueCount& f : card->name_forms) {
            out << ' ' << f.value << " (" << f.count << ")"
                << (&f == &card->name_forms.back() ? "" : ",");
        }
        out << '\n';
    }
    out << "  by month:  ";
    for (const search::FacetValueCount& m : card->by_month) {
        out << ' ' << m.value << ' ' << m.count << (&m == &card->by_month.back() ? "" : ",");
    }
    out << "\n  named with:";
    for (const search::FacetValueCount& v : card->named_with) {
        out << ' ' << v.value << " (" << v.count << ")"
            << (&v == &card->named_with.back() ? "" : ",");
    }
    out << '\n';
    return exit_code::ok;
}

} // namespace

int run_one_search(const SearchOptions& o, search::Searcher& searcher,
                   const std::vector<std::string>& database_warnings, std::ostream& out,
                   std::ostream& err, const std::string& saved_name) {
    // --all: page after page, each written as it comes, so that the first hits show at once
    // and memory stays flat (except for --format json, one object written at the end).
    constexpr std::size_t page = all_page;
    search::SearchRequest request = o.request;
    if (o.all) {
        request.limit = page;
    }
    search::SearchResult result = answer(searcher, request);
    report_warnings(err, result);
    result.warnings.insert(result.warnings.end(), database_warnings.begin(),
                           database_warnings.end());
    const output::TextStyle style = output::stdout_style(o.color);
    const bool tables_only = o.format != OutputFormat::text && o.format != OutputFormat::json &&
                             table_of(o.request) != Table::hits;
    if (o.format == OutputFormat::text) {
        if (o.explain) {
            out << "parsed as: " << output::printable(result.parsed) << '\n';
        }
        output::write_text_header(out, result, o.all);
    } else if (o.format != OutputFormat::json) {
        write_table_start(o, result, out);
    }
    const std::size_t last_rank =
        o.all ? std::max(result.total_upper, result.total) : result.offset + result.hits.size();
    write_hits(o, result.hits, last_rank, style, out);
    bool more = o.all && !tables_only && result.hits.size() == page;
    request.facets.clear(); // counted once, with the first page
    request.histogram.reset();
    request.exact_count_limit = 0;
    while (more) {
        request.offset += page;
        search::SearchResult next = answer(searcher, request);
        write_hits(o, next.hits, last_rank, style, out);
        out.flush();
        more = next.hits.size() == page;
        if (o.format == OutputFormat::json) {
            std::move(next.hits.begin(), next.hits.end(), std::back_inserter(result.hits));
        }
    }
    if (o.format == OutputFormat::json) {
        if (o.all) {
            result.limit = 0;
        }
        nlohmann::json j = output::to_json(result);
        if (!saved_name.empty()) {
            j["saved"] = saved_name;
        }
        out << output::dump_json(j, o.pretty) << '\n';
    } else if (o.format == OutputFormat::text) {
        output::write_text_tables(out, result, style);
    }
    return exit_code::ok;
}

int run_search(const SearchOptions& o, std::ostream& out, std::ostream& err) {
    if (o.list_saved) {
        return run_list_saved(o, out);
    }
    if (!o.save_name.empty()) {
        return run_save(o, out);
    }
    const std::vector<std::string> database_warnings = unfinished_imports(o.databases);
    for (const std::string& w : database_warnings) {
        warn(err, program, w);
    }
    search::Searcher searcher(o.databases, o.language, o.allow_partial);
    searcher.set_user_aliases(
        UserAliases::for_database(o.aliases_file, o.databases.empty() ? "" : o.databases.front()));
    if (!o.show_id.empty()) {
        return run_show(o, searcher, out);
    }
    if (!o.entity_name.empty()) {
        return run_entity(o, searcher, out, err);
    }
    if (!o.values_facet.empty()) {
        return run_values(o, searcher, out, err);
    }
    if (!o.queries_file.empty()) {
        return run_batch(o, searcher, database_warnings, out, err);
    }
    if (!o.names_file.empty()) {
        return run_names(o, searcher, out, err);
    }
    if (!o.related_facet.empty()) {
        return run_related(o, searcher, out, err);
    }
    if (o.run_saved) {
        return run_saved_searches(o, searcher, database_warnings, out, err);
    }
    return run_one_search(o, searcher, database_warnings, out, err, "");
}

int search_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
    return run_guarded(program, err, [&] {
        const SearchOptions o = parse_search_args(arguments(argc, argv));
        if (o.show_help) {
            out << search_help();
            return exit_code::ok;
        }
        if (o.show_man_page) {
            out << search_man_page();
            return exit_code::ok;
        }
        if (o.show_bash_completion) {
            out << search_bash_completion();
            return exit_code::ok;
        }
        if (o.show_version) {
            out << version_line(program) << '\n';
            return exit_code::ok;
        }
        if (o.list_fields) {
            out << fields_table();
            return exit_code::ok;
        }
        return run_search(o, out, err);
    });
}

} // namespace newsdex::cli
