/// @file
/// @brief Reading publication dates in the many shapes news dumps use, and finding the dates
///        an article's text mentions.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/article.h"

namespace newsdex::analysis {

/// A calendar day (proleptic Gregorian).
struct CivilDate {
    int year = 0;
    int month = 0; ///< 1..12
    int day = 0;   ///< 1..31
    friend bool operator==(const CivilDate& a, const CivilDate& b) {
        return a.year == b.year && a.month == b.month && a.day == b.day;
    }
};

/// Parses a publication date: ISO 8601 (`2018-01-24`, `2018-01-24T10:15:00Z`, with offset),
/// RFC 2822 (`Wed, 24 Jan 2018 10:15:00 +0100`), `Fri Oct 20, 2006 6:15pm EDT`,
/// `26-FEB-1987 15:01:01.79`, `January 24, 2018`, a Unix epoch number, and more (see the
/// pattern table in dates.cpp). A time without a zone is taken as UTC.
///
/// Zones: numeric (`+01:00`, `+0100`, `Z`, `GMT+1`) or a common abbreviation (UTC GMT EST EDT
/// CST CDT MST MDT PST PDT BST CET CEST EET EEST MSK IST JST HKT SGT AEST AEDT …; CST is US
/// Central, IST is India). The offset is kept in Timestamp::utc_offset_minutes.
/// Numbers: 8 digits read as `YYYYMMDD` when valid, 9–14 digits as Unix seconds (milliseconds
/// above 1e11); shorter numbers are rejected. Fractions of a second are dropped.
/// Leading and trailing whitespace is ignored; anything else left over makes the parse fail.
/// Thread-safe (ICU formatters are per thread).
/// @throw ResourceError when ICU cannot build its date formats (broken ICU data).
/// @return nullopt when the text is not a date we can read.
std::optional<Timestamp> parse_date(std::string_view text);

/// `2018-01-24T10:15:00+01:00` (in the timestamp's own offset; `Z` for UTC).
std::string format_iso8601(const Timestamp& t);

/// The calendar day of the timestamp in its own UTC offset (the day the paper printed).
CivilDate local_date(const Timestamp& t);

/// `YYYYMMDD`, zero padded.
std::string day_key(const CivilDate& d);

/// Days since 1970-01-01 of a day, and the day of such a count (H. Hinnant's algorithms).
std::int64_t days_from_civil(const CivilDate& d);
CivilDate civil_from_days(std::int64_t days);

/// 28 to 31.
int days_in_month(int year, int month);

/// How precise a mentioned date is.
enum class DatePrecision { day, month, year };

/// A date the text mentions, resolved against the publication date.
struct DateMention {
    std::size_t start = 0; ///< byte offset of the mention in the text
    std::size_t end = 0;   ///< one past its last byte
    CivilDate first;       ///< first day it covers ("January 29-30" → Jan 29)
    CivilDate last;        ///< last day it covers ("January 29-30" → Jan 30; a month: its last)
    DatePrecision precision = DatePrecision::day;
};

/// Finds dates mentioned in text ("January 29-30", "29 January 2018", "in December",
/// "said Wednesday", "last year", "2011") and resolves them against the publication date
/// (relative ones are dropped when it is unknown). Resolution uses the publication's local day
/// (local_date), English only, month and weekday names in any case:
/// - `January 29-30`, `Jan. 29`, `29th of January`, `29-30 January`: day (range); without a
///   year, the year that puts it nearest the publication day (at most ~6 months away).
/// - `29 January 2018`, `Sept. 11, 2001`, `2018-01-24`: that day. `January 2018`: that month.
/// - A bare full month name after in/since/until/during/early/late/mid/last (`in December`):
///   that month of the publication year if not after the publication month, else the year
///   before. Abbreviations, `May` and `March` count only next to a day number or a year.
/// - Weekday names: the most recent such day on or before publication; `last Monday` strictly
///   before, `next Monday` strictly after. `Wednesday, January 24` yields only the date.
/// - `yesterday`, `today`, `tomorrow`: day. `last|previous|this|next year|month|week`: year,
///   month, or (week) the Monday–Sunday day range.
/// - A 4-digit number 1900–2100 alone: that year, unless glued to other digits (`1,2011`,
///   `3.2011`, `602825/2008`, `2011%`, `1990s`), after a currency sign ($ £ € ¥), or followed
///   by a count, amount or clock word (`2011 people`, `2011 shares`, `2030 GMT` …).
/// Mentions come in text order and do not overlap; offsets are bytes into `text`.
std::vector<DateMention> find_date_mentions(std::string_view text,
                                            const std::optional<Timestamp>& published);

} // namespace newsdex::analysis
