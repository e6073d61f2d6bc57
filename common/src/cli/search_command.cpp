// What newsdex-search's options run: a search, a batch of queries, --show, --values, --entity
// (the --names, --related and saved-search runs are in search_tools.cpp). The options themselves
// and their parsing are in search_options.cpp.

#include "newsdex/cli/search_command.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "newsdex/ascii.h"
#include "newsdex/cli/common_options.h"
#include "newsdex/database_location.h"
#include "newsdex/error.h"
#include "newsdex/index/bulk.h"
#include "newsdex/output/csv_output.h"
#include "newsdex/output/json_output.h"
#include "newsdex/output/text_output.h"
#include "newsdex/search/article_lookup.h"
#include "newsdex/search/entity_views.h"
#include "newsdex/user_aliases.h"
#include "search_tools.h"

namespace newsdex::cli {
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
        warn(err, search_program, w);
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
            err << search_program << ": error: " << e.what() << '\n';
            status = exit_code::failure;
        }
        // Each answer as soon as it is known: a program may be waiting for it on a pipe.
        out << '\n' << std::flush;
    }
    return status;
}

} // namespace

namespace {

// The warnings of an answer for its JSON: its own (reported on stderr as found) and the
// databases' (reported before the run).
nlohmann::json json_warnings(std::vector<std::string> own,
                             const std::vector<std::string>& database_warnings) {
    own.insert(own.end(), database_warnings.begin(), database_warnings.end());
    return own;
}

// --show ID: the whole article, for reading (text) or for scripts (JSON).
int run_show(const SearchOptions& o, search::Searcher& searcher,
             const std::vector<std::string>& database_warnings, std::ostream& out,
             std::ostream& err) {
    // No search runs, so nothing else says that a shard was left out (--allow-partial).
    const std::vector<std::string> own = searcher.database_warnings();
    for (const std::string& w : own) {
        warn(err, search_program, w);
    }
    const std::optional<search::FullArticle> article =
        search::find_article(searcher.database(), o.show_id);
    if (!article) {
        throw Error("no article with id '" + o.show_id + "'");
    }
    if (o.format == OutputFormat::text) {
        output::write_article(out, *article, output::stdout_style(o.color));
    } else {
        nlohmann::json j = output::to_json(*article);
        j["warnings"] = json_warnings(own, database_warnings);
        out << output::dump_json(j, o.pretty && o.format == OutputFormat::json) << '\n';
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
int run_values(const SearchOptions& o, search::Searcher& searcher,
               const std::vector<std::string>& database_warnings, std::ostream& out,
               std::ostream& err) {
    const search::FacetValueList list =
        search::list_values(searcher, o.request, o.values_facet, o.values_prefix);
    for (const std::string& w : list.warnings) {
        warn(err, search_program, w);
    }
    // csv and jsonl: the table --facets writes (facet, value, count), header row always.
    if (o.format == OutputFormat::csv) {
        output::write_csv_row(out, {"facet", "value", "count"});
        for (const search::FacetValueCount& v : list.values) {
            output::write_csv_row(out, {list.facet, v.value, std::to_string(v.count)});
        }
        return exit_code::ok;
    }
    if (o.format == OutputFormat::jsonl) {
        for (const search::FacetValueCount& v : list.values) {
            out << output::dump_json(
                       {{"facet", list.facet}, {"value", v.value}, {"count", v.count}}, false)
                << '\n';
        }
        return exit_code::ok;
    }
    if (o.format == OutputFormat::json) {
        nlohmann::json values = nlohmann::json::array();
        for (const search::FacetValueCount& v : list.values) {
            values.push_back({{"value", v.value}, {"count", v.count}});
        }
        out << output::dump_json({{"facet", list.facet},
                                  {"prefix", list.prefix},
                                  {"matches", list.matches},
                                  {"values", values},
                                  {"warnings", json_warnings(list.warnings, database_warnings)}},
                                 o.pretty)
            << '\n';
        return exit_code::ok;
    }
    out << list.values.size() << " " << list.facet << " values"
        << (list.prefix.empty() ? "" : " matching '" + output::printable(list.prefix) + "'")
        << " over " << list.matches << " articles\n";
    // Values come from articles: printable(), and aligned by columns, not bytes.
    std::vector<std::string> shown;
    std::size_t width = 0;
    for (const search::FacetValueCount& v : list.values) {
        shown.push_back(output::printable(v.value));
        width = std::max(width, output::display_width(shown.back()));
    }
    for (std::size_t i = 0; i < shown.size(); ++i) {
        out << "  " << shown[i] << std::string(width + 2 - output::display_width(shown[i]), ' ')
            << list.values[i].count << '\n';
    }
    return exit_code::ok;
}

// --entity NAME: what the archive knows of one actor or place.
int run_entity(const SearchOptions& o, search::Searcher& searcher,
               const std::vector<std::string>& database_warnings, std::ostream& out,
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
        warn(err, search_program, w);
    }
    const auto counts_json = [](const std::vector<search::FacetValueCount>& counts,
                                const char* key) {
        nlohmann::json list = nlohmann::json::array();
        for (const search::FacetValueCount& v : counts) {
            list.push_back({{key, v.value}, {"count", v.count}});
        }
        return list;
    };
    if (o.format != OutputFormat::text) { // json, or jsonl: the same object on one line
        out << output::dump_json({{"name", card->name},
                                  {"type", card->type},
                                  {"country", card->country},
                                  {"forms", card->forms},
                                  {"name_forms", counts_json(card->name_forms, "form")},
                                  {"articles", card->articles},
                                  {"first_seen", card->first_seen},
                                  {"last_seen", card->last_seen},
                                  {"by_month", counts_json(card->by_month, "month")},
                                  {"named_with", counts_json(card->named_with, "value")},
                                  {"warnings", json_warnings(card->warnings, database_warnings)}},
                                 o.pretty && o.format == OutputFormat::json)
            << '\n';
        return exit_code::ok;
    }
    out << output::printable(card->name) << " (" << card->type
        << (card->country.empty() ? "" : ", " + card->country) << ")\n";
    out << "  articles:   " << card->articles << ", first " << card->first_seen << ", last "
        << card->last_seen << '\n';
    if (!card->forms.empty()) {
        out << "  also as:   ";
        for (const std::string& f : card->forms) {
            out << ' ' << output::printable(f) << (&f == &card->forms.back() ? "" : ",");
        }
        out << '\n';
    }
    if (!card->name_forms.empty()) {
        out << "  written as:";
        for (const search::FacetValueCount& f : card->name_forms) {
            out << ' ' << output::printable(f.value) << " (" << f.count << ")"
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
        out << ' ' << output::printable(v.value) << " (" << v.count << ")"
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
        warn(err, search_program, w);
    }
    search::Searcher searcher(o.databases, o.language, o.allow_partial);
    searcher.set_user_aliases(
        UserAliases::for_database(o.aliases_file, o.databases.empty() ? "" : o.databases.front()));
    if (!o.show_id.empty()) {
        return run_show(o, searcher, database_warnings, out, err);
    }
    if (!o.entity_name.empty()) {
        return run_entity(o, searcher, database_warnings, out, err);
    }
    if (!o.values_facet.empty()) {
        return run_values(o, searcher, database_warnings, out, err);
    }
    if (!o.queries_file.empty()) {
        return run_batch(o, searcher, database_warnings, out, err);
    }
    if (!o.names_file.empty()) {
        return run_names(o, searcher, database_warnings, out, err);
    }
    if (!o.related_facet.empty()) {
        return run_related(o, searcher, database_warnings, out, err);
    }
    if (o.run_saved) {
        return run_saved_searches(o, searcher, database_warnings, out, err);
    }
    return run_one_search(o, searcher, database_warnings, out, err, "");
}

int search_main(int argc, char** argv, std::ostream& out, std::ostream& err) {
    return run_guarded(search_program, err, [&] {
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
            out << version_line(search_program) << '\n';
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
