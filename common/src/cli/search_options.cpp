// newsdex-search's command line: its options (one description rendered as --help, the man page
// and the bash completion) and their parsing into SearchOptions. What the options run is in
// search_command.cpp.

#include "newsdex/cli/search_command.h"

#include <algorithm>
#include <iomanip>
#include <iterator>
#include <sstream>

#include <boost/program_options.hpp>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/ascii.h"
#include "newsdex/cli/common_options.h"
#include "newsdex/cli/help_pages.h"
#include "newsdex/error.h"
#include "newsdex/output/text_output.h"
#include "newsdex/schema.h"
#include "newsdex/time/timestamp.h"

namespace po = boost::program_options;

namespace newsdex::cli {
namespace {

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
    page.program = search_program;
    page.arguments = "[OPTIONS] QUERY...";
    page.summary = "search a Newsdex news archive";
    page.description = "Search a Newsdex database: ranked (BM25) hits with highlighted snippets.";
    // The field names, wrapped under the descriptions as the lines above are (80 columns).
    constexpr std::size_t description_column = 25;
    constexpr std::size_t line_end = 79;
    std::string fields;
    std::size_t column = description_column + std::string_view("fields: ").size();
    for (const schema::Field& f : schema::fields) {
        const std::string_view name = f.name;
        if (!fields.empty() && column + 2 + name.size() > line_end) {
            fields += ",\n" + std::string(description_column, ' ');
            column = description_column;
        } else if (!fields.empty()) {
            fields += ", ";
            column += 2;
        }
        fields += name;
        column += name.size();
    }
    page.sections.emplace_back(
        "Query syntax",
        "  peace talks            both words (stemmed: talk, talks, talking)\n"
        "  \"de-escalation zones\"  the exact phrase\n"
        "  ceasefire OR truce     either; also AND, NOT, XOR, ( )\n"
        "  +Assad -Lavrov         must have / must not have\n"
        "  Sochi NEAR congress    within 10 words (NEAR/3: within 3)\n"
        "  actor:\"Le Drian\"       facet filters: actor, person, org, location, country\n"
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
    hints.facet_options = {"related", "values"};
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
    if (!o.entity_name.empty() && o.format == OutputFormat::csv) {
        throw UsageError("--entity prints text or JSON, not csv");
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

} // namespace newsdex::cli
