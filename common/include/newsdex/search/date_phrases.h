/// @file
/// @brief Dates as a query writes them → days: `2018-01-24`, `2018-01`, `2018`, `March 2017`,
///        `24 January 2018`, `January 24, 2018`, `today`, `yesterday`, `this|last
///        week|month|year`, and the ranges `A..B`, `A..`, `..B` of those.
///
/// The words are folded (lower case, no diacritics) and without trailing punctuation; a
/// plausible year has four digits and lies in 1800–2199. A week runs Monday to Sunday.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/time/calendar.h"

namespace newsdex::search {

/// An inclusive range of days; an unset end is open.
struct DayRange {
    std::optional<CivilDate> first;
    std::optional<CivilDate> last;
};

/// Whether both ends are set and the first day comes after the last (a range of no days).
bool is_reversed(const DayRange& range);

enum class Precision { day, month, year, span };

/// One date read from words: the days it covers.
struct DateUnit {
    CivilDate first;
    CivilDate last;
    Precision precision = Precision::day;
    bool relative = false;
    std::size_t words = 0; ///< how many words it took
};

/// 1..12 for a folded month name or its usual abbreviation ("sept", "jan."), else 0. With
/// full_names_only, abbreviations do not count ("mar" is no month then).
int month_number(std::string_view word, bool full_names_only = false);

/// A plausible year: four digits, 1800–2199 in running text (so that "1000 troops" stays a
/// number); with any_publication_year, every year the indexer keeps (time/timestamp.h), as a
/// date: filter may name any of them.
std::optional<int> year_word(std::string_view word, bool any_publication_year = false);

/// "24", "24th", "1st": 1..31, else 0.
int day_word(std::string_view word);

/// "2018-01-24", "2018-01", "2018" in one word (years as year_word reads them).
std::optional<DateUnit> iso_word(std::string_view word, bool any_publication_year = false);

/// An absolute date starting at words[pos]: an ISO word, "24 January 2018", "January 24,
/// 2018" (the comma stripped) or "January 2018".
std::optional<DateUnit> absolute_unit(const std::vector<std::string>& words, std::size_t pos);

/// "today", "yesterday", "this|last week|month|year" at words[pos], counted from `today`.
std::optional<DateUnit> relative_unit(const std::vector<std::string>& words, std::size_t pos,
                                      const CivilDate& today);

/// A relative date, else an absolute one, at words[pos].
std::optional<DateUnit> any_unit(const std::vector<std::string>& words, std::size_t pos,
                                 const CivilDate& today);

/// Reads a date value as `date:` accepts it (any unit, or a range `A..B`, `A..`, `..B` of
/// units), relative forms against `today`. @return nullopt if it is not such a date.
///
/// Example: `parse_date_filter("2017..2018-02", today)` → 2017-01-01 .. 2018-02-28.
std::optional<DayRange> parse_date_filter(std::string_view value, CivilDate today);

/// The range as the interpretation shows it: "2018", "2018-01", "2018-01-24",
/// "2018-01-01 .. 2018-02-28", "2017-03-01 ..", ".. 2016-12-31".
std::string describe_range(const DayRange& range);

} // namespace newsdex::search
