#include "newsdex/search/entity_views.h"

#include <algorithm>

#include "newsdex/analysis/normalizer.h"
#include "newsdex/entity_registry.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/search/facets.h"

namespace newsdex::search {
namespace {

/// A search that only counts: no hits, every value of the facets asked.
SearchRequest counting(SearchRequest request, std::vector<std::string> facets) {
    request.facets = std::move(facets);
    request.facet_limit = 0;
    request.limit = 1;
    request.offset = 0;
    request.histogram.reset();
    request.collapse_duplicates = false; // articles, not stories: what the facets count
    return request;
}

const std::vector<FacetValueCount>* facet_values(const SearchResult& r, std::string_view name) {
    for (const FacetCounts& f : r.facets) {
        if (f.name == name) {
            return &f.values;
        }
    }
    return nullptr;
}

bool has_value(const SearchResult& r, std::string_view facet, const std::string& value) {
    const auto* values = facet_values(r, facet);
    return values != nullptr &&
           std::any_of(values->begin(), values->end(),
                       [&](const FacetValueCount& v) { return v.value == value; });
}

// How well a facet value names what was asked: 2 the same name ("Vienna" and "Vienna, AT"),
// 1 every word of it ("Lavrov" in "Sergei Lavrov"), 0 neither.
int naming(const std::string& value, std::string_view asked) {
    const std::string name = analysis::fold(schema::split_location_display(value).first);
    const std::string want = analysis::fold(asked);
    if (name == want) {
        return 2;
    }
    const auto words = [](const std::string& text) {
        std::vector<std::string> out;
        std::string word;
        for (const char c : text + " ") {
            if (c == ' ' || c == '-') {
                if (!word.empty()) {
                    out.push_back(word);
                }
                word.clear();
            } else {
                word += c;
            }
        }
        return out;
    };
    const std::vector<std::string> have = words(name);
    for (const std::string& w : words(want)) {
        if (std::find(have.begin(), have.end(), w) == have.end()) {
            return 0;
        }
    }
    return 1;
}

// Among the values in every match (the most frequent ones), the index of the one that best
// names `asked`, and how well (naming()) in `match`; the first value when none names it.
std::size_t best_named(const std::vector<FacetValueCount>& values, std::string_view asked,
                       int& match) {
    std::size_t best = 0;
    match = 0;
    for (std::size_t i = 0; i < values.size() && values[i].count == values.front().count; ++i) {
        const int m = naming(values[i].value, asked);
        if (m > match) {
            best = i;
            match = m;
        }
    }
    return best;
}

// One facet's answer to --entity NAME.
struct Candidate {
    std::string facet;
    SearchResult result;
    std::size_t value = 0; ///< index in the facet's values
    int match = 0;         ///< naming() of that value
};

std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c != '"') {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace

FacetValueList list_values(Searcher& searcher, SearchRequest request, const std::string& facet,
                           std::string_view prefix) {
    parse_facet_list(facet); // throws UsageError naming the known facets
    FacetValueList list;
    list.facet = facet;
    list.prefix = std::string(prefix);
    SearchResult result = searcher.search(counting(std::move(request), {facet}));
    list.matches = result.total_articles != 0 ? result.total_articles : result.total;
    list.warnings = std::move(result.warnings);
    const std::string want = analysis::fold(prefix);
    if (const auto* values = facet_values(result, facet)) {
        for (const FacetValueCount& v : *values) {
            const std::string key = analysis::fold(v.value);
            const bool match = want.empty() || key.compare(0, want.size(), want) == 0 ||
                               key.find(" " + want) != std::string::npos ||
                               key.find("-" + want) != std::string::npos;
            if (match) {
                list.values.push_back(v);
            }
        }
    }
    return list;
}

std::optional<EntityCard> entity_card(Searcher& searcher, const SearchRequest& base,
                                      std::string_view name, std::size_t named_with_limit) {
    EntityCard card;
    card.asked = std::string(name);
    // Each match holds the entity, but others may be named in every match too (Lavrov's two
    // articles both name Assad): the card is the value the name asked for, in the facet where
    // it is best named ("Vienna" is the city, not a club of that name).
    std::optional<Candidate> best;
    for (const char* field : {"actor", "location"}) {
        SearchRequest request = base;
        request.query = std::string(field) + ":" + quoted(name);
        request.mode = QueryMode::syntax;
        SearchRequest count = counting(request, {"actor", "person", "org", "location", "date"});
        count.date_granularity = DateGranularity::day;
        Candidate c{field, searcher.search(count), 0, 0};
        const auto* values = facet_values(c.result, field);
        if (c.result.total == 0 || values == nullptr || values->empty()) {
            continue;
        }
        c.value = best_named(*values, name, c.match);
        // Equally well named in both ("Sochi" a place, and once a person by a tagging slip):
        // the one in more articles.
        if (!best || c.match > best->match ||
            (c.match == best->match && c.result.total > best->result.total)) {
            best = std::move(c);
        }
    }
    if (!best) {
        return std::nullopt;
    }
    const std::string facet = best->facet;
    SearchResult& result = best->result;
    card.articles = result.total_articles != 0 ? result.total_articles : result.total;
    card.warnings = std::move(result.warnings);
    card.name = (*facet_values(result, facet))[best->value].value;
    if (facet == "location") {
        card.type = "LOC";
        auto [place, country] = schema::split_location_display(card.name);
        card.country = std::move(country);
    } else {
        card.type = has_value(result, "person", card.name) ? "PER" : "ORG";
    }
    if (const auto& rules = searcher.user_aliases()) {
        for (std::string& form : rules->forms_of(card.name)) {
            if (analysis::fold(form) != analysis::fold(card.name)) {
                card.forms.push_back(std::move(form));
            }
        }
    }
    registry::Reader registry(searcher.shard_handles());
    const registry::Kind kind = card.type == "PER"   ? registry::Kind::person
                                : card.type == "ORG" ? registry::Kind::organisation
                                                     : registry::Kind::place;
    if (const auto record = registry.find(kind, schema::facet_key(facet, card.name))) {
        for (const auto& [form, count] : record->forms) {
            card.name_forms.push_back({form, static_cast<std::uint64_t>(count)});
        }
        std::stable_sort(
            card.name_forms.begin(), card.name_forms.end(),
            [](const FacetValueCount& a, const FacetValueCount& b) { return a.count > b.count; });
    }
    // Publication days → first, last and articles by month.
    if (const auto* days = facet_values(result, "date")) {
        std::vector<FacetValueCount> months;
        for (const FacetValueCount& d : *days) {
            if (d.value.size() < 7) {
                continue;
            }
            const std::string month = d.value.substr(0, 7);
            auto it = std::find_if(months.begin(), months.end(),
                                   [&](const FacetValueCount& m) { return m.value == month; });
            if (it == months.end()) {
                months.push_back({month, d.count});
            } else {
                it->count += d.count;
            }
        }
        std::sort(
            months.begin(), months.end(),
            [](const FacetValueCount& a, const FacetValueCount& b) { return a.value < b.value; });
        for (const FacetValueCount& d : *days) {
            if (card.first_seen.empty() || d.value < card.first_seen) {
                card.first_seen = d.value;
            }
            if (d.value > card.last_seen) {
                card.last_seen = d.value;
            }
        }
        card.by_month = std::move(months);
    }
    // Entities named with it: actors and places, itself left out.
    std::vector<FacetValueCount> others;
    for (const char* f : {"actor", "location"}) {
        if (const auto* vs = facet_values(result, f)) {
            for (const FacetValueCount& v : *vs) {
                if (v.value != card.name) {
                    others.push_back(v);
                }
            }
        }
    }
    std::stable_sort(others.begin(), others.end(),
                     [](const FacetValueCount& a, const FacetValueCount& b) {
                         return a.count != b.count ? a.count > b.count : a.value < b.value;
                     });
    if (others.size() > named_with_limit) {
        others.resize(named_with_limit);
    }
    card.named_with = std::move(others);
    return card;
}

} // namespace newsdex::search
