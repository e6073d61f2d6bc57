/// @file
/// @brief Internal to EntityExtractor: the evidence of which countries an article is about,
/// how it picks one reading of an ambiguous place name, and the salience tally that orders
/// the document-level facets. Not installed; not part of the public API.
#pragma once
#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsdex/analysis/gazetteer.h"

namespace newsdex::analysis::detail {

/// Evidence of the countries and subdivisions an article is about (weights add up).
struct Evidence {
    std::unordered_map<std::string, double> country;
    std::unordered_map<std::string, double> subdivision;
    double total = 0;

    void add(const Place& p, double w);
    /// The share of the evidence that points to this country, 0 to 1.
    double share(const std::string& code) const;
    bool has_subdivision(const std::string& code) const;
};

/// The subdivision whose capital an institution's name points to, as a name_key(): "white
/// house", "federal reserve", "congress" → "US-DC", so that "Washington" in their stories is
/// the capital, not the state. Empty when the name is no such institution.
std::string_view seat_of(std::string_view key);

/// The country code that all candidates share, whichever is meant; nullptr if they differ
/// or lie in no country.
const std::string* single_country(const std::vector<const Place*>& list);

/// Population, then the article's evidence. Logs keep population from swamping evidence: a
/// named subdivision beats any population gap, a country's full share beats about 30-fold.
const Place* pick_place(const std::vector<const Place*>& list, const Evidence& ev);

/// Salience bookkeeping for one facet value: the weights of its mentions, and where it was
/// first mentioned (the tie-breaker).
struct Tally {
    static constexpr std::size_t never = static_cast<std::size_t>(-1);
    double score = 0;
    std::size_t first = never;
    void add(double w, std::size_t pos) {
        score += w;
        first = std::min(first, pos);
    }
};

/// Facet values in a small vector, in order of first tally (few per article: no map).
template <typename Key>
using Tallies = std::vector<std::pair<Key, Tally>>;

/// The tally of `key`, new if it has none yet.
template <typename Key>
Tally& tally(Tallies<Key>& items, const Key& key) {
    for (auto& item : items) {
        if (item.first == key) {
            return item.second;
        }
    }
    items.emplace_back(key, Tally{});
    return items.back().second;
}

/// The keys, highest score first; equal scores by first mention.
template <typename Key>
std::vector<Key> by_salience(const Tallies<Key>& items) {
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Tally& x = items[a].second;
        const Tally& y = items[b].second;
        return x.score != y.score ? x.score > y.score : x.first < y.first;
    });
    std::vector<Key> out;
    out.reserve(items.size());
    for (std::size_t i : order) {
        out.push_back(items[i].first);
    }
    return out;
}

} // namespace newsdex::analysis::detail
