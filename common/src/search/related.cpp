#include "newsdex/search/related.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/error.h"
#include "newsdex/search/facets.h"

namespace newsdex::search {
namespace {

// "Vienna, AT" and "Vienna, Austria" name the same place: compare the part before the comma,
// folded (case, accents).
std::string comparable(std::string_view name) {
    return analysis::fold(name.substr(0, std::min(name.find(", "), name.size())));
}

} // namespace

std::vector<std::string> filtered_names(const std::vector<std::string>& interpretation) {
    std::vector<std::string> names;
    for (const std::string& part : interpretation) {
        const std::size_t colon = part.find(": ");
        if (colon == std::string::npos || part.compare(0, 4, "not ") == 0) {
            continue;
        }
        std::string_view rest = std::string_view(part).substr(colon + 2);
        for (;;) {
            const std::size_t or_at = rest.find(" or ");
            names.emplace_back(rest.substr(0, std::min(or_at, rest.size())));
            if (or_at == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(or_at + 4);
        }
    }
    return names;
}

std::vector<RelatedValue> rank_related(const std::vector<FacetValueCount>& in_matches,
                                       const std::vector<FacetValueCount>& overall,
                                       std::uint64_t matches, std::uint64_t documents,
                                       std::uint64_t min_count,
                                       const std::vector<std::string>& exclude, std::size_t limit) {
    std::unordered_map<std::string, std::uint64_t> totals;
    for (const FacetValueCount& v : overall) {
        totals[v.value] = v.count;
    }
    std::unordered_set<std::string> excluded;
    for (const std::string& e : exclude) {
        excluded.insert(comparable(e));
    }
    std::vector<RelatedValue> ranked;
    if (matches == 0 || documents == 0) {
        return ranked;
    }
    for (const FacetValueCount& v : in_matches) {
        if (v.count < std::max<std::uint64_t>(min_count, 1) ||
            excluded.count(comparable(v.value))) {
            continue;
        }
        RelatedValue r;
        r.value = v.value;
        r.count = v.count;
        const auto t = totals.find(v.value);
        r.total = std::max(v.count, t == totals.end() ? 0 : t->second);
        r.expected = static_cast<double>(matches) * static_cast<double>(r.total) /
                     static_cast<double>(documents);
        r.lift = static_cast<double>(r.count) / r.expected;
        r.pmi = std::log2(r.lift);
        ranked.push_back(std::move(r));
    }
    std::sort(ranked.begin(), ranked.end(), [](const RelatedValue& a, const RelatedValue& b) {
        if (a.lift != b.lift) {
            return a.lift > b.lift;
        }
        if (a.count != b.count) {
            return a.count > b.count;
        }
        return a.value < b.value;
    });
    if (limit != 0 && ranked.size() > limit) {
        ranked.resize(limit);
    }
    return ranked;
}

RelatedResult related_values(Searcher& searcher, const SearchRequest& request,
                             std::string_view facet, std::uint64_t min_count, std::size_t limit) {
    const std::vector<std::string> facets = parse_facet_list(facet); // throws for unknown ones
    if (facets.size() != 1) {
        throw UsageError("--related takes one facet, not '" + std::string(facet) + "'");
    }
    SearchRequest matching = request;
    matching.limit = 0;
    matching.offset = 0;
    matching.facets = facets;
    matching.facet_limit = 0;
    matching.histogram.reset();
    matching.snippets = false;
    const SearchResult in_matches = searcher.search(matching);
    // The archive's own counts: every document, the same way (exact, also on remote shards).
    SearchRequest everything = matching;
    everything.query.clear();
    everything.filter = Xapian::Query();
    everything.like_id.clear();
    const SearchResult overall = searcher.search(everything);

    RelatedResult r;
    r.query = request.query;
    r.facet = facets.front();
    r.matches = in_matches.total_articles;
    r.documents = overall.total_articles;
    r.min_count = min_count;
    r.interpretation = in_matches.interpretation;
    r.warnings = in_matches.warnings;
    if (!in_matches.facets.empty() && !overall.facets.empty()) {
        r.values =
            rank_related(in_matches.facets.front().values, overall.facets.front().values, r.matches,
                         r.documents, min_count, filtered_names(in_matches.interpretation), limit);
    }
    r.elapsed_ms = in_matches.elapsed_ms + overall.elapsed_ms;
    return r;
}

const char* to_string(NameMatch how) {
    switch (how) {
    case NameMatch::actor:
        return "actor";
    case NameMatch::phrase:
        return "phrase";
    case NameMatch::query:
        return "query";
    }
    return "query";
}

namespace {

// A line with a field, quotes, parentheses or an operator is a query, run as written.
bool is_query(std::string_view line) {
    if (line.find_first_of(":\"()") != std::string_view::npos) {
        return true;
    }
    std::size_t from = 0;
    while (from < line.size()) {
        const std::size_t to = std::min(line.find(' ', from), line.size());
        const std::string_view word = line.substr(from, to - from);
        if (word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" ||
            (!word.empty() && (word[0] == '+' || word[0] == '-'))) {
            return true;
        }
        from = to + 1;
    }
    return false;
}

} // namespace

NameAnswer look_up_name(Searcher& searcher, const SearchRequest& request, std::string_view line,
                        std::size_t top) {
    SearchRequest r = request;
    r.limit = top;
    r.offset = 0;
    r.facets = {"date"};
    r.date_granularity = DateGranularity::day;
    r.facet_limit = 0;
    r.histogram.reset();
    r.sort = SortOrder::relevance; // a name alone: the articles most about it first
    r.collapse_duplicates = true;
    r.collapse_listings = true;
    r.snippets = false;
    r.mode = QueryMode::syntax;

    NameAnswer a;
    a.line = std::string(line);
    SearchResult result;
    if (is_query(line)) {
        a.how = NameMatch::query;
        r.query = a.line;
        result = searcher.search(r);
        a.elapsed_ms = result.elapsed_ms;
    } else {
        a.how = NameMatch::actor;
        r.query = "actor:\"" + a.line + "\"";
        result = searcher.search(r);
        a.elapsed_ms = result.elapsed_ms;
        if (!result.warnings.empty() || result.interpretation.empty()) {
            a.how = NameMatch::phrase;
            r.query = "\"" + a.line + "\"";
            result = searcher.search(r);
            a.elapsed_ms += result.elapsed_ms;
        }
    }
    a.query = r.query;
    if (!result.interpretation.empty()) {
        for (const std::string& part : result.interpretation) {
            a.resolved += (a.resolved.empty() ? "" : "; ") + part;
        }
    }
    a.articles = result.total_articles;
    a.stories = result.total;
    if (!result.facets.empty()) {
        for (const FacetValueCount& day : result.facets.front().values) {
            if (a.first.empty() || day.value < a.first) {
                a.first = day.value;
            }
            if (a.last.empty() || day.value > a.last) {
                a.last = day.value;
            }
        }
    }
    a.top = std::move(result.hits);
    a.warnings = std::move(result.warnings);
    return a;
}

} // namespace newsdex::search
