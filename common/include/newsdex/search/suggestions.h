/// @file
/// @brief Did-you-mean: for a facet value that names nothing, the closest value of the
///        database or the gazetteer; for free text, the database's spelling table.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "newsdex/search/facet_resolver.h"
#include "newsdex/search/query_lexer.h"

namespace newsdex::search {

/// Levenshtein distance over bytes, giving up (returning limit + 1) beyond `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// Suggests facet values for values that resolve to nothing. Keeps the gazetteer's place
/// keys once read; not thread-safe.
class ValueSuggester {
public:
    explicit ValueSuggester(FacetResolver& values) : m_values(values) {}

    /// The closest value of `field` to `raw` (edit distance ≤ 1 for up to four letters, else
    /// ≤ 2; ties go to the more frequent value), from the database's values and, for places
    /// and countries, the gazetteer's names; "" when none is that close.
    ///
    /// Example: `suggest(location, "Viena")` → "Vienna".
    std::string suggest(const schema::Field& field, std::string_view raw);

private:
    FacetResolver& m_values;
    std::vector<std::pair<std::string, const analysis::Place*>> m_place_keys;
};

/// A close word (one or two edits) that is much more frequent in `db` than `word` (a
/// normalised term), when `word` is rare or absent there; "" when there is none. Candidates
/// one edit away are looked up as terms (which remote shards answer too), those two edits away
/// in the spelling table the indexer fills (local databases; Xapian sums the shards' counts).
///
/// Example: with "bernanke" in 700 articles and "bernake" in one, `correct_word(db,
/// "bernake")` → "bernanke"; `correct_word(db, "bank")` → "" however frequent "banks" is.
std::string correct_word(const Xapian::Database& db, const std::string& word);

/// The query text with each word that correct_word() corrects replaced (in the case it was
/// written in: "Bernake" → "Bernanke"), and everything else as written, filters too; "" when
/// no word is corrected. Words inside quotes, numbers and words under three letters are kept.
///
/// Example: "banks in Grece" → "banks in Greece".
std::string spelling_suggestion(const Xapian::Database& db, std::string_view text);

} // namespace newsdex::search
