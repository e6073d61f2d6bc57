/// @file
/// @brief What the archive holds about entities, for a person finding their way: every value of
///        a facet with its count (`--values`), and one entity's card (`--entity`).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/search/searcher.h"

namespace newsdex::search {

/// Every value of one facet over the matches of a query, most frequent first.
struct FacetValueList {
    std::string facet;
    std::string prefix;        ///< as given; empty: every value
    std::uint64_t matches = 0; ///< articles the counts cover
    std::vector<FacetValueCount> values;
    std::vector<std::string> warnings;
};

/// The values of `facet` over the matches of `request` (its query; empty: the whole archive)
/// whose folded form starts with the folded `prefix`, or whose words do ("dalby" finds
/// "Henrik Dalby"). Throws UsageError for an unknown facet.
FacetValueList list_values(Searcher& searcher, SearchRequest request, const std::string& facet,
                           std::string_view prefix);

/// One entity as the archive knows it.
struct EntityCard {
    std::string asked;              ///< the name as given
    std::string name;               ///< canonical: the value the facets show
    std::string type;               ///< "PER", "ORG" or "LOC"
    std::string country;            ///< ISO code for a place, else empty
    std::vector<std::string> forms; ///< other values counted as this one (the alias file)
    /// How its articles wrote it, with the articles of each form (the entity registry), most
    /// used first; empty for an archive without a registry.
    std::vector<FacetValueCount> name_forms;
    std::uint64_t articles = 0;
    std::string first_seen; ///< publication day of the first article, or empty
    std::string last_seen;
    std::vector<FacetValueCount> by_month;   ///< "YYYY-MM" → articles, in date order
    std::vector<FacetValueCount> named_with; ///< actors and places most often named with it
    std::vector<std::string> warnings;
};

/// The card of the actor (else the place) `name` names, as `actor:"name"` (else
/// `location:"name"`) resolves it; nullopt when it names nothing in the archive.
std::optional<EntityCard> entity_card(Searcher& searcher, const SearchRequest& base,
                                      std::string_view name, std::size_t named_with_limit = 10);

} // namespace newsdex::search
