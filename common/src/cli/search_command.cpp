#include "newsdex/cli/search_command.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "newsdex/analysis/dates.h"
#include "newsdex/analysis/analyzer.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/cli/common_options.h"
#include "newsdex/error.h"
#include "newsdex/output/json_output.h"
#include "newsdex/output/text_output.h"
#include "newsdex/schema.h"

namespace po = boost::program_options;

namespace newsdex::cli {
namespace {

const char* const program = "newsdex-search";

po::options_description visible_options() {
    po::options_description db("Database");
    db.add_options()
        ("db", po::value<std::vector<std::string>>()->composing()->value_name("PATH|tcp://HOST:PORT"),
         ("database to search: a path, a stub file, a directory of shards, or a remote "
          "xapian-tcpsrv; repeat to search several as one (default: $NEWSDEX_DB, else " +
          default_db_path() + ")").c_str())
        ("allow-partial", "when a shard is missing or down, answer from the others (with a "
         "warning) instead of failing");
    po::options_description query("Query");
    query.add_options()
        ("literal", "no operators, no field prefixes: every word is a plain word (OR, ranked)")
        ("now", po::value<std::string>()->value_name("DATE"),
         "the day that 'last week', 'yesterday' … count from (default: today)")
        ("default-op", po::value<std::string>()->default_value("and")->value_name("and|or"),
         "operator between words when none is written")
        ("language", po::value<std::string>()->default_value("en")->value_name("LANG"),
         "stemming language of the query (as indexed)");
    po::options_description output("Output");
    output.add_options()
        ("limit,n", po::value<std::size_t>()->default_value(10)->value_name("N"), "hits to show")
        ("offset", po::value<std::size_t>()->default_value(0)->value_name("N"), "hits to skip")
        ("sort", po::value<std::string>()->value_name("ORDER"),
         "relevance, date (oldest first) or -date (newest first); default: relevance, but "
         "newest first for filters alone (there, relevance ranks by how much each article is "
         "about the people and places filtered for)")
        ("facets", po::value<std::string>()->value_name("LIST"),
         "count values over all matches: actor, person, org, location, country, author, "
         "source, date")
        ("facet-limit", po::value<std::size_t>()->default_value(10)->value_name("N"),
         "values shown per facet (0: all)")
        ("date-facet", po::value<std::string>()->default_value("month")->value_name("day|month|year"),
         "how the date facet groups")
        ("histogram", po::value<std::string>()->value_name("day|month|year"),
         "draw the matches over time")
        ("queries", po::value<std::string>()->value_name("FILE|-"),
         "answer one query a line from FILE (or stdin), one JSON line each")
        ("like", po::value<std::string>()->value_name("ID"),
         "articles related to this one (its own near-duplicates excluded)")
        ("all-copies", "show every near-duplicate copy, not one hit per story")
        ("recency", po::value<std::string>()->value_name("HALF_LIFE"),
         "blend freshness into relevance: the score halves every HALF_LIFE (7d, 12h, 2w)")
        ("json", "one JSON object (see README: JSON output)")
        ("pretty", "indent the JSON")
        ("explain", "print the parsed query (Xapian's description) first");
    po::options_description general("General");
    general.add_options()
        ("list-fields", "list the searchable fields and their index prefixes")
        ("help,h", "show this help")
        ("version", "show versions");
    po::options_description all;
    all.add(db).add(query).add(output).add(general);
    return all;
}

} // namespace

std::string fields_table() {
    std::ostringstream s;
    s << std::left << std::setw(10) << "field" << std::setw(10) << "prefix" << std::setw(16)
      << "kind" << "meaning\n";
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

std::string search_help() {
    std::ostringstream s;
    s << "Usage: newsdex-search [OPTIONS] QUERY...\n"
         "Search a Newsdex database: ranked (BM25) hits with highlighted snippets.\n\n"
      << visible_options()
      << "\nQuery syntax:\n"
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
         "  field:value            fields: ";
    const char* sep = "";
    for (const schema::Field& f : schema::fields) {
        s << sep << f.name;
        sep = ", ";
    }
    s << "\n\nExamples:\n"
         "  newsdex-search 'peace talks'\n"
         "  newsdex-search --json --limit 20 --sort date '\"de-escalation zones\" OR ceasefire'\n"
         "  newsdex-search 'title:coffee source:reuters'\n"
         "  newsdex-search --facets actor,location --facet-limit 15 ceasefire\n"
         "  newsdex-search 'talks in Vienna'\n"
         "  newsdex-search 'actor:\"Le Drian\" date:2018-01..2018-02'\n"
         "  newsdex-search --histogram month 'Assad since March 2017'\n"
         "  newsdex-search --like nw-2018-0004\n"
         "  newsdex-search --recency 3d 'Sochi congress'\n"
         "  newsdex-search --db a.db --db tcp://archive:7000 'crude oil'\n\n"
         "Exit codes: 0 ok (also when nothing matched), 1 failure, 2 usage or query syntax error.\n";
    return s.str();
}

SearchOptions parse_search_args(const std::vector<std::string>& args) {
    const po::variables_map vm = parse_command_line(args, visible_options(), "query");
    SearchOptions o;
    o.show_help = vm.count("help") != 0;
    o.show_version = vm.count("version") != 0;
    o.list_fields = vm.count("list-fields") != 0;
    o.allow_partial = vm.count("allow-partial") != 0;
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
        const std::optional<Timestamp> t = analysis::parse_date(now);
        if (!t) {
            throw UsageError("--now: cannot read the date '" + now + "' (try 2018-01-24)");
        }
        o.request.today = analysis::local_date(*t);
    }
    o.request.limit = vm["limit"].as<std::size_t>();
    o.request.offset = vm["offset"].as<std::size_t>();
    if (vm.count("sort")) {
        o.request.sort = search::parse_sort_order(vm["sort"].as<std::string>());
    }
    if (vm.count("facets")) {
        o.request.facets = search::parse_facet_list(vm["facets"].as<std::string>());
    }
    o.request.facet_limit = vm["facet-limit"].as<std::size_t>();
    o.request.date_granularity = search::parse_granularity(vm["date-facet"].as<std::string>());
    if (vm.count("histogram")) {
        o.request.histogram = search::parse_granularity(vm["histogram"].as<std::string>());
    }
    if (vm.count("like")) {
        o.request.like_id = vm["like"].as<std::string>();
    }
    o.request.collapse_duplicates = vm.count("all-copies") == 0;
    if (vm.count("recency")) {
        o.request.recency_half_life_days = search::parse_half_life_days(vm["recency"].as<std::string>());
    }
    if (vm.count("queries")) {
        o.queries_file = vm["queries"].as<std::string>();
    }
    o.json = vm.count("json") != 0 || !o.queries_file.empty();
    o.pretty = vm.count("pretty") != 0;
    o.explain = vm.count("explain") != 0;
    return o;
}

namespace {

search::SearchResult answer(search::Searcher& searcher, const search::SearchRequest& request) {
    return searcher.search(request);
}

// --queries: one open database, one JSON line per query line, so that scripts and benchmarks
// pay for opening once. A query that fails gives {"query", "error"} and the run goes on.
int run_batch(const SearchOptions& o, search::Searcher& searcher, std::ostream& out,
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
        search::SearchRequest request = o.request;
        request.query = line;
        try {
            output::write_json(out, answer(searcher, request), false);
        } catch (const Error& e) {
            nlohmann::json failed = {{"query", line}, {"error", e.what()}};
            out << failed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            err << program << ": error: " << e.what() << '\n';
            status = exit_code::failure;
        }
        out << '\n';
    }
    return status;
}

} // namespace

int run_search(const SearchOptions& o, std::ostream& out, std::ostream& err) {
    search::Searcher searcher(o.databases, o.language, o.allow_partial);
    if (!o.queries_file.empty()) {
        return run_batch(o, searcher, out, err);
    }
    const search::SearchResult result = answer(searcher, o.request);
    if (o.json) {
        output::write_json(out, result, o.pretty);
        out << '\n';
        return exit_code::ok;
    }
    if (o.explain) {
        out << "parsed as: " << result.parsed << '\n';
    }
    output::TextStyle style;
    style.color = output::stdout_wants_color();
    output::write_text(out, result, style);
    return exit_code::ok;
}

int search_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
    return run_guarded(program, err, [&] {
        const SearchOptions o = parse_search_args(arguments(argc, argv));
        if (o.show_help) {
            out << search_help();
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
