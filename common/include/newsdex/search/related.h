/// @file
/// @brief "Who appears with whom" (--related FACET QUERY): the values of a facet that occur
///        with a query's matches more often than chance predicts, and batch look-ups of names
///        (--names FILE).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/search/result.h"
#include "newsdex/search/searcher.h"

namespace newsdex::search {

/// One value of the facet, with its co-occurrence figures.
struct RelatedValue {
    std::string value;
    std::uint64_t count = 0; ///< matching articles that have the value
    std::uint64_t total = 0; ///< articles of the archive that have it
    double expected = 0;     ///< count if the value were independent of the query: M·total/N
    double lift = 0;         ///< count / expected
    double pmi = 0;          ///< log2(lift): pointwise mutual information, in bits
};

struct RelatedResult {
    std::string query;
    std::string facet;
    std::uint64_t matches = 0;   ///< M: matching articles (every copy), exact
    std::uint64_t documents = 0; ///< N: articles of the archive, exact
    std::uint64_t min_count = 0;
    std::vector<RelatedValue> values; ///< by lift (so by PMI), then count, then value
    std::vector<std::string> interpretation;
    std::vector<std::string> warnings;
    double elapsed_ms = 0;
};

/// Ranks a facet's values by lift. `in_matches` and `overall` are exact facet counts over
/// the matches (M articles) and over the archive (N articles); values counted fewer than
/// min_count times with the matches are left out (rare values have unreliable lifts), as are
/// those in `exclude` (what the query filters for: an actor always "co-occurs" with itself).
/// At most `limit` values (0 = all).
std::vector<RelatedValue> rank_related(const std::vector<FacetValueCount>& in_matches,
                                       const std::vector<FacetValueCount>& overall,
                                       std::uint64_t matches, std::uint64_t documents,
                                       std::uint64_t min_count,
                                       const std::vector<std::string>& exclude, std::size_t limit);

/// Counts `facet` exactly over the matches of `request` and over the whole archive (two
/// faceted searches: on one database, shards and remote shards alike) and ranks the values.
/// Throws UsageError for an unknown facet.
RelatedResult related_values(Searcher& searcher, const SearchRequest& request,
                             std::string_view facet, std::uint64_t min_count, std::size_t limit);

/// The names (or values) a query's interpretation filters for: "actor: A or B" gives A and B
/// (negated filters give none).
std::vector<std::string> filtered_names(const std::vector<std::string>& interpretation);

/// How a line of a --names file was matched.
enum class NameMatch {
    actor,  ///< it resolves to an entity: `actor:"LINE"`
    phrase, ///< it does not: the phrase `"LINE"`
    query,  ///< it is a query already (a field, quotes, parentheses or an operator): as written
};

const char* to_string(NameMatch how);

/// The answer for one line of a --names file.
struct NameAnswer {
    std::string line; ///< as written
    NameMatch how = NameMatch::phrase;
    std::string query;          ///< the query run
    std::string resolved;       ///< what it resolved to ("actor: Jean-Yves Le Drian"), or empty
    std::uint64_t articles = 0; ///< matching articles, every copy
    std::uint64_t stories = 0;  ///< the same with copies of a story counted once
    std::string first;          ///< the first and last publication day ("2018-01-19"), or empty
    std::string last;
    std::vector<Hit> top; ///< the best hits, one per story
    std::vector<std::string> warnings;
    double elapsed_ms = 0; ///< the searches this answer took (the phrase retry included)
};

/// Looks one name (or query) up: as an actor when `actor:"LINE"` resolves, else as a phrase;
/// a line that is a query is run as written. Counts are exact. `request` gives the options
/// (language, --now …); its query, limit and facets are replaced.
NameAnswer look_up_name(Searcher& searcher, const SearchRequest& request, std::string_view line,
                        std::size_t top);

} // namespace newsdex::search
