/// @file
/// @brief Publication dates: reading them in the many shapes news dumps use, and writing them
///        as ISO 8601.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/article.h"
#include "newsdex/time/calendar.h"

namespace newsdex {

/// Parses a publication date: ISO 8601 (`2018-01-24`, `2018-01-24T10:15:00Z`, with offset),
/// RFC 2822 (`Wed, 24 Jan 2018 10:15:00 +0100`), `Fri Oct 20, 2006 6:15pm EDT`,
/// `26-FEB-1987 15:01:01.79`, `January 24, 2018`, a Unix epoch number, and more (see the
/// pattern table in timestamp.cpp). A time without a zone is taken as UTC.
///
/// Zones: numeric (`+01:00`, `+0100`, `Z`, `GMT+1`) or a common abbreviation (UTC GMT EST EDT
/// CST CDT MST MDT PST PDT BST CET CEST EET EEST MSK IST JST HKT SGT AEST AEDT …; CST is US
/// Central, IST is India). The offset is kept in Timestamp::utc_offset_minutes.
/// Numbers: 8 digits read as `YYYYMMDD` when valid, 9–14 digits as Unix seconds (milliseconds
/// above 1e11); shorter numbers are rejected. Fractions of a second are dropped.
/// Leading and trailing whitespace is ignored; anything else left over makes the parse fail.
/// Thread-safe (ICU formatters are per thread).
/// @throw ResourceError when ICU cannot build its date formats (broken ICU data).
/// @return nullopt when the text is not a date we can read, or its year is not a plausible
///         publication year (is_plausible_publication_year).
std::optional<Timestamp> parse_date(std::string_view text);

/// Publication years Newsdex keeps: the one rule of the indexer and the searcher. A year outside
/// them is a placeholder (`0001-01-01`, the zero time many dumps carry; `9999-12-31`) or a
/// typo, not a publication date: parse_date() refuses it, so the indexer warns ("bad date") and
/// indexes the article undated, and --now refuses it. Inside them every year has four digits,
/// so that date keys, shard names and histogram labels sort and read as dates.
inline constexpr int earliest_publication_year = 1000;
inline constexpr int latest_publication_year = 2999;
[[nodiscard]] constexpr bool is_plausible_publication_year(int year) {
    return year >= earliest_publication_year && year <= latest_publication_year;
}

/// parse_date() without the year check: tells a placeholder date from text that is no date.
std::optional<Timestamp> parse_date_any_year(std::string_view text);

/// `2018-01-24T10:15:00+01:00` (in the timestamp's own offset; `Z` for UTC).
std::string format_iso8601(const Timestamp& t);

/// The calendar day of the timestamp in its own UTC offset (the day the paper printed).
CivilDate local_date(const Timestamp& t);

} // namespace newsdex
