/// @file
/// @brief Reading filters out of a query: `actor:`, `location:`, `date:` … and natural phrasing
///        ("talks in Vienna", "Assad since March 2017") → free text + one filter query.
///
/// The steps, each in a header of its own: query_lexer (tokens), facet_resolver (field values
/// → terms), date_phrases and date_filters (dates → days → terms), natural_phrasing (phrases →
/// places and days), suggestions (did-you-mean); this file combines them.
///
/// The query language (field names from schema::fields, Kind::facet and Kind::date_range):
/// - `actor:V`, `person:V`, `org:V`: V is folded (case, diacritics); an alias resolves through
///   the gazetteer (`actor:UN` → United Nations, `actor:Daesh` → Islamic State); a value that is
///   no exact canonical name in the database matches the names that end with its words
///   (`actor:"Le Drian"` → Jean-Yves Le Drian), else those containing its words as whole words
///   (hyphens split words: `person:Assad` → Bashar al-Assad).
/// - `location:V`: the gazetteer's best reading ("Vienna" → Vienna, AT; "USA" → the country,
///   which becomes a country filter); `location:"Vienna, US"` or `"Vienna, Virginia"` picks a
///   country or state; a name the gazetteer does not know matches the database's locations of
///   that name.
/// - `country:V`: ISO code, name or alias (`country:SY`, `country:Syria`, `country:USA`); the
///   index gives every place its country as well, so this also matches the country's cities.
/// - `date:D` (publication day) and `mentions:D` (dates the text mentions), where D is a day
///   `2018-01-24`, a month `2018-01`, a year `2018`, `March 2017`, `24 January 2018`, `today`,
///   `yesterday`, or a range `A..B`, `..B`, `A..` of those. A `mentions:` range becomes the OR
///   of the year, month and day terms that exactly cover it; its open ends stop at the earliest
///   and latest year any document mentions.
/// - Values with spaces are quoted: `actor:"Le Drian"`. `-field:V` and `NOT field:V` negate.
///   Several values of one field are OR'ed, different fields AND'ed; negated values are taken
///   out of the result (AND_NOT).
/// - A value that resolves to nothing adds a warning with a did-you-mean (edit distance ≤ 2
///   over the database's values of that field and the gazetteer's names), and its filter
///   matches nothing: a typo never silently widens or empties the result without saying so.
///   An unreadable date (`date:2008-13`) is a UsageError instead: a mistake in the query.
/// - A filter joined to the free text by OR (upper or lower case) is an alternative to it
///   (InterpretedQuery::alternative): `refugees OR location:Lesbos` finds either. `f:A OR f:B`
///   is one filter with two values. A filter inside parentheses, or joined by XOR, NEAR or ADJ,
///   cannot be taken out of the text without changing the query's meaning: it stays in the
///   text (QueryBuilder then reads it as an exact folded term) and a warning says so.
///
/// Natural phrasing (Phrasing::natural), only on plain words outside quotes and parentheses:
/// - `in <place>`, optionally `in the <place>`: the longest run of words the gazetteer knows
///   ("in Eastern Ghouta", "in the Black Sea"), not crossing punctuation. A place name that is
///   also a common word ("Nice", "Chad") must be capitalised; other names may be in any case;
///   a month name is never a place. A country or state after a comma picks the place there and
///   is taken too ("in Vienna, Virginia"). A country becomes a country filter, any other place
///   a location filter; a place missing from the archive falls back to the archive's places of
///   that name, as `location:` does.
/// - `in <month> <year>`, `in <year>`, `in <day>`; `since`/`from <date>` (from its first day),
///   `from <date> to|until|till <date>`, `after <date>` (from the day after it), `before <date>`
///   (to the day before it), `until`/`till <date>` (to its last day), `on <day>` (a full day
///   only: "on 24 January 2018", so "report on 2017" stays text), `between <date> and <date>`;
///   `today`, `yesterday` ("USA Today" is a name), `this week|month|year`,
///   `last week|month|year` (a week is Monday–Sunday, as in the indexer's mention rules); a
///   preposition before those goes with them ("in the last year").
///   A month without a year ("news in May") is NOT a date: it stays text, because the user may
///   mean any May.
/// - `by day|week|month|year` ends a query or a clause: counts over time (time_grouping), not
///   a word to search for ("Greek debt crisis by month"); `everything about` at the start
///   asks for no word ("everything about Afrin, by month").
/// - `NOT` right before a phrase negates it ("talks NOT in Vienna").
/// Each natural date phrase is its own filter (AND'ed), so "since 2017 before 2018" narrows.
/// Everything not interpreted is kept byte for byte (operators, quotes, `title:` …); only the
/// interpreted words, and operators they leave dangling, are removed (gaps become one space).
///
/// Did-you-mean for free text is the Searcher's (suggestions.h): it corrects every query, also
/// those with nothing to interpret.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "newsdex/analysis/gazetteer.h"
#include "newsdex/search/facets.h"
#include "newsdex/time/calendar.h"
#include "newsdex/user_aliases.h"

namespace newsdex::search {

/// What QueryInterpreter made of a query.
struct InterpretedQuery {
    /// The free text left for QueryBuilder, with operators, quotes and other fields as written.
    std::string text;
    /// All filters combined; Xapian::Query() (empty) when there are none. Apply with OP_FILTER
    /// (a pure negation is MatchAll AND_NOT …, so it also works with an empty text).
    Xapian::Query filter;
    /// Filters joined to the free text by OR ("refugees OR location:Lesbos", "banks OR in
    /// Greece"), OR'ed: a match has the free text or one of these. Empty when there are none.
    /// The interpretation shows them as "OR location: Lesbos, Greece".
    Xapian::Query alternative;
    /// One human-readable part per filter group, in query order: "location: Vienna, Austria",
    /// "date: 2017-03-01 ..", "not location: Idlib, Syria", "actor: Jean-Yves Le Drian".
    std::vector<std::string> interpretation;
    /// Problems worth telling the user: "no location 'Viena' (did you mean Vienna?)".
    std::vector<std::string> warnings;

    /// "by month" and the like: the counts over time the query asks for (Searcher then counts
    /// the histogram and groups the date facet so); nullopt when it asks for none.
    std::optional<DateGranularity> time_grouping;

    /// The words of the people, organisations and places the filters ask for ("alan
    /// greenspan vienna"): a listing by filters alone can be ranked by how much each article
    /// is about them (see Searcher, --sort relevance).
    std::string name_words;

    /// True if `text` holds anything to search for (not just spaces).
    bool has_free_text() const;
};

/// Whether plain words may be read as filters ("in Vienna", "since 2017").
enum class Phrasing {
    natural,        ///< field filters and natural phrasing
    operators_only, ///< field filters only; every plain word stays text
};

/// Interprets queries against one database. Caches the database's facet values (one pass over
/// the term list per field, on first use), so keep one per open database and reuse it; not
/// thread-safe (the caches; each call keeps its own state). For `--literal`, do not call it
/// at all: every word is then plain.
class QueryInterpreter {
public:
    /// @param db the database searched (values for partial names and did-you-mean); may be empty
    /// @param gazetteer places, countries and aliases (the same tables the indexer used)
    /// @param today the day "today", "last week" … are relative to (local calendar day)
    /// @param user_aliases the user's rules for facet values (never, merge); may be null
    QueryInterpreter(Xapian::Database db, std::shared_ptr<const analysis::Gazetteer> gazetteer,
                     CivilDate today, std::shared_ptr<const UserAliases> user_aliases = nullptr);
    ~QueryInterpreter();
    QueryInterpreter(const QueryInterpreter&) = delete;
    QueryInterpreter& operator=(const QueryInterpreter&) = delete;

    /// The shards whose entity registries resolve bare surnames (FacetResolver); by default
    /// the database given, which is right unless it combines several.
    void set_registry_shards(std::vector<Xapian::Database> shards);

    /// Splits a query into free text and filters. Problems go to `warnings`, except a date
    /// value that cannot be read: UsageError. May throw Xapian::Error from the database.
    ///
    /// Example: `interpret("talks in Vienna")` → text "talks", filter
    /// `Query(XLOCvienna~at)`, interpretation {"location: Vienna, Austria"}.
    [[nodiscard]] InterpretedQuery interpret(std::string_view query_text,
                                             Phrasing phrasing = Phrasing::natural);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace newsdex::search
