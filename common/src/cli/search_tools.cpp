#include "search_tools.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "newsdex/cli/common_options.h"
#include "newsdex/cli/saved_searches.h"
#include "newsdex/error.h"
#include "newsdex/output/json_output.h"
#include "newsdex/output/lookup_output.h"
#include "newsdex/schema.h"
#include "newsdex/search/related.h"

namespace newsdex::cli {
namespace {

constexpr std::size_t top_hits_per_name = 3;
constexpr Xapian::valueno indexed_time_slot = schema::slot(schema::Slot::indexed_time);

void report(std::ostream& err, const std::vector<std::string>& warnings) {
    for (const std::string& w : warnings) {
        warn(err, search_program, w);
    }
}

// One argument as a shell would need it: bare when safe, else in single quotes.
std::string shell_quoted(const std::string& arg) {
    const bool safe =
        !arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_=.,/:+@%") == std::string::npos;
    if (safe) {
        return arg;
    }
    std::string quoted = "'";
    for (char c : arg) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::string command_line(const std::vector<std::string>& args) {
    std::string line;
    for (const std::string& a : args) {
        line += (line.empty() ? "" : " ") + shell_quoted(a);
    }
    return line;
}

std::string iso_utc(double unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

// The newest indexing time any article of the database carries; 0 when none carries one.
double newest_indexed_time(const Xapian::Database& db) {
    const std::string bound = db.get_value_upper_bound(indexed_time_slot);
    return bound.empty() ? 0.0 : Xapian::sortable_unserialise(bound);
}

} // namespace

int run_names(const SearchOptions& o, search::Searcher& searcher,
              const std::vector<std::string>& database_warnings, std::ostream& out,
              std::ostream& err) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (o.names_file != "-") {
        file.open(o.names_file);
        if (!file) {
            throw Error("cannot read names from '" + o.names_file + "'");
        }
        in = &file;
    }
    // Text is one aligned table, so it waits for every answer; the formats for scripts write
    // each line as soon as it is answered.
    std::vector<search::NameAnswer> answers;
    if (o.format == OutputFormat::csv) {
        output::write_names_csv_header(out);
    }
    std::string line;
    while (std::getline(*in, line)) {
        const std::size_t comment = line.find('#');
        if (comment != std::string::npos) {
            line.erase(comment);
        }
        const std::size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) {
            continue;
        }
        line = line.substr(first, line.find_last_not_of(" \t\r") + 1 - first);
        search::NameAnswer a = search::look_up_name(searcher, o.request, line, top_hits_per_name);
        report(err, a.warnings);
        a.warnings.insert(a.warnings.end(), database_warnings.begin(), database_warnings.end());
        switch (o.format) {
        case OutputFormat::text:
            answers.push_back(std::move(a));
            break;
        case OutputFormat::csv:
            output::write_names_csv(out, a);
            break;
        case OutputFormat::json:
        case OutputFormat::jsonl:
            out << output::dump_json(output::to_json(a), false) << '\n';
            break;
        }
    }
    if (o.format == OutputFormat::text) {
        output::write_names_text(out, answers, output::stdout_style(o.color));
    }
    return exit_code::ok;
}

int run_related(const SearchOptions& o, search::Searcher& searcher,
                const std::vector<std::string>& database_warnings, std::ostream& out,
                std::ostream& err) {
    if (o.request.query.empty() && o.request.like_id.empty()) {
        throw UsageError("--related " + o.related_facet +
                         ": give the query whose matches to look at");
    }
    search::RelatedResult r = search::related_values(searcher, o.request, o.related_facet,
                                                     o.min_count, o.request.facet_limit);
    report(err, r.warnings);
    r.warnings.insert(r.warnings.end(), database_warnings.begin(), database_warnings.end());
    switch (o.format) {
    case OutputFormat::text:
        output::write_related_text(out, r, output::stdout_style(o.color));
        break;
    case OutputFormat::csv:
        output::write_related_csv(out, r);
        break;
    case OutputFormat::json:
        out << output::dump_json(output::to_json(r), o.pretty) << '\n';
        break;
    case OutputFormat::jsonl: {
        // Held here: a range-for over a member of the temporary would outlive the temporary.
        const nlohmann::json all = output::to_json(r);
        for (const nlohmann::json& v : all.at("related")) {
            out << output::dump_json(v, false) << '\n';
        }
        break;
    }
    }
    return exit_code::ok;
}

int run_save(const SearchOptions& o, std::ostream& out) {
    const std::string path = saved_searches_path(o.databases.front());
    std::vector<SavedSearch> searches = load_saved_searches(path);
    const auto same = std::find_if(searches.begin(), searches.end(),
                                   [&](const SavedSearch& s) { return s.name == o.save_name; });
    SavedSearch saved;
    saved.name = o.save_name;
    saved.args = o.saved_args;
    saved.saved = utc_now_iso();
    const bool replaced = same != searches.end();
    if (replaced) {
        *same = saved; // a new query starts afresh: --new shows everything on its first run
    } else {
        searches.push_back(saved);
    }
    store_saved_searches(path, searches);
    out << (replaced ? "replaced" : "saved") << " '" << saved.name
        << "': " << command_line(saved.args) << '\n';
    return exit_code::ok;
}

int run_list_saved(const SearchOptions& o, std::ostream& out) {
    const std::vector<SavedSearch> searches =
        load_saved_searches(saved_searches_path(o.databases.front()));
    if (o.format == OutputFormat::json || o.format == OutputFormat::jsonl) {
        for (const SavedSearch& s : searches) {
            out << output::dump_json({{"name", s.name},
                                      {"args", s.args},
                                      {"saved", s.saved},
                                      {"last_run", s.last_run ? nlohmann::json(iso_utc(*s.last_run))
                                                              : nlohmann::json(nullptr)}},
                                     false)
                << '\n';
        }
        return exit_code::ok;
    }
    if (searches.empty()) {
        out << "no saved searches (save one with --save NAME QUERY)\n";
        return exit_code::ok;
    }
    std::size_t width = 4;
    for (const SavedSearch& s : searches) {
        width = std::max(width, s.name.size());
    }
    out << "name" << std::string(width - 4 + 2, ' ') << "last run              search\n";
    for (const SavedSearch& s : searches) {
        const std::string last = s.last_run ? iso_utc(*s.last_run) : "never";
        out << s.name << std::string(width - s.name.size() + 2, ' ') << last
            << std::string(last.size() < 22 ? 22 - last.size() : 1, ' ') << command_line(s.args)
            << '\n';
    }
    return exit_code::ok;
}

int run_saved_searches(const SearchOptions& o, search::Searcher& searcher,
                       const std::vector<std::string>& database_warnings, std::ostream& out,
                       std::ostream& err) {
    if (o.format == OutputFormat::csv || o.format == OutputFormat::jsonl) {
        throw UsageError("--run-saved writes text or json (one JSON line per saved search)");
    }
    const std::string path = saved_searches_path(o.databases.front());
    std::vector<SavedSearch> searches = load_saved_searches(path);
    const std::string& wanted = *o.run_saved;
    if (!wanted.empty() && std::none_of(searches.begin(), searches.end(),
                                        [&](const SavedSearch& s) { return s.name == wanted; })) {
        throw UsageError("no saved search '" + wanted + "' (list them with --saved)");
    }
    bool first = true;
    for (SavedSearch& s : searches) {
        if (!wanted.empty() && s.name != wanted) {
            continue;
        }
        SearchOptions run = parse_search_args(s.args);
        run.databases = o.databases;
        run.allow_partial = run.allow_partial || o.allow_partial;
        run.color = o.color;
        if (o.format != OutputFormat::text) {
            run.format = o.format;
        }
        run.pretty = run.pretty || o.pretty;
        // Both taken before the search: what is committed while it runs is new next time
        // (or, committed before the search reads, shown twice: never missed).
        const double started = unix_now();
        const double newest_seen = newest_indexed_time(searcher.database());
        if (o.only_new && (s.seen_up_to || s.last_run)) {
            // After the newest stamp seen, not after the clock: the indexer stamps an article
            // when it adds it and commits it later, so a stamp older than the last run can be
            // new to this search (see saved_searches.h).
            const double after = s.seen_up_to ? std::nextafter(*s.seen_up_to, HUGE_VAL)
                                              : *s.last_run; // a file from before seen_up_to
            const Xapian::Query since(Xapian::Query::OP_VALUE_GE, indexed_time_slot,
                                      Xapian::sortable_serialise(after));
            run.request.filter =
                run.request.filter.empty()
                    ? since
                    : Xapian::Query(Xapian::Query::OP_AND, run.request.filter, since);
        }
        if (run.format == OutputFormat::text) {
            out << (first ? "" : "\n") << "== " << s.name << ": " << command_line(s.args);
            if (o.only_new) {
                out << (s.last_run ? "  (new since " + iso_utc(*s.last_run) + ")"
                                   : std::string("  (its first run: every match is new)"));
            }
            out << '\n';
        }
        first = false;
        run_one_search(run, searcher, database_warnings, out, err, s.name);
        s.last_run = started;
        s.seen_up_to = newest_seen;
    }
    store_saved_searches(path, searches);
    return exit_code::ok;
}

} // namespace newsdex::cli
