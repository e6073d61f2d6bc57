/// @file
/// @brief Natural phrasing → filters: "talks in Vienna", "Assad since March 2017", "… till
///        2018-01-26", "… last week". Owns the one list of the words that start such a phrase,
///        which Searcher also reads before it pays for loading the gazetteer.
///
/// The phrases (on plain words outside quotes and parentheses; see query_interpreter.h):
/// - `in <place>`, `in the <place>`, `in <place>, <country or state>`; `in <month> <year>`,
///   `in <year>`, `in <day>`;
/// - `since|from <date>`, `from <date> to|until|till <date>`, `after <date>`, `before <date>`,
///   `until|till <date>`, `on <day>`, `between <date> and <date>`;
/// - `today`, `yesterday`, `this|last week|month|year`, with a preposition before them
///   ("in the last year", "during this week").
/// - `by day|week|month|year` (also `, by month` and `per month`): no filter, but the counts
///   over time asked for (the histogram and the date facet grouped so); "Greek debt crisis by
///   month" never searches for the word "month".
/// - `everything about|on` at the start of the query asks for no words of its own ("everything
///   about Afrin, by month").
/// - `in <place> or <place>` (also `OR`, `or in`): one place filter with both values.
/// `NOT` right before a phrase negates it; a place joined to the other words by OR is an
/// alternative to them ("banks OR in Greece"); other phrases next to OR, and any next to XOR,
/// NEAR or ADJ, stay text.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "newsdex/search/date_phrases.h"
#include "newsdex/search/facet_resolver.h"
#include "newsdex/search/facets.h"
#include "newsdex/search/query_lexer.h"

namespace newsdex::search {

/// Whether QueryInterpreter may read anything in the query: a filter field, or a plain word
/// that starts a natural phrase ("in", "since", "till", "today" …). Searcher checks this first
/// so that plain queries never pay for loading the gazetteer (a tenth of a second).
bool may_need_interpretation(std::string_view query);

/// What one natural phrase means: a day range, a place, counts over time ("by month"), or
/// nothing at all (a lead-in such as "everything about": none of them set).
struct NaturalPhrase {
    std::size_t words = 0; ///< tokens taken from the first one on
    bool negated = false;  ///< written after NOT
    std::optional<DayRange> range;
    std::optional<ResolvedValue> place;
    std::optional<DateGranularity> grouping;
    bool alternative = false; ///< a place joined by OR to the other words: either may match
};

/// Reads natural phrases, with places from the resolver's gazetteer and database, and
/// relative dates counted from `today`.
class NaturalPhrasing {
public:
    NaturalPhrasing(FacetResolver& places, CivilDate today) : m_places(places), m_today(today) {}

    /// The phrase starting at tokens[i] (a plain word), if there is one; its tokens, a NOT
    /// before it and a preposition that goes with it are then marked removed.
    std::optional<NaturalPhrase> read(std::string_view text, std::vector<Token>& tokens,
                                      std::size_t i);

private:
    FacetResolver& m_places;
    CivilDate m_today;
};

} // namespace newsdex::search
