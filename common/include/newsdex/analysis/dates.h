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
/// @return nullopt when the text is not a date we can read.
std::optional<Timestamp> parse_date(std::string_view text);

/// `2018-01-24T10:15:00+01:00` (in the timestamp's own offset; `Z` for UTC).
std::string format_iso8601(const Timestamp& t);

/// The calendar day of the timestamp in its own UTC offset (the day the paper printed).
CivilDate local_date(const Timestamp& t);

/// `YYYYMMDD`, zero padded.
std::string day_key(const CivilDate& d);

/// How precise a mentioned date is.
enum class DatePrecision { day, month, year };

/// A date the text mentions, resolved against the publication date.
struct DateMention {
    std::size_t start = 0; ///< byte offset of the mention in the text
    std::size_t end = 0;   ///< one past its last byte
    CivilDate first;       ///< first day it covers ("January 29-30" → Jan 29)
    CivilDate last;        ///< last day it covers ("January 29-30" → Jan 30; a month → its last day)
    DatePrecision precision = DatePrecision::day;
};

/// Finds dates mentioned in text ("January 29-30", "29 January 2018", "in December",
/// "said Wednesday", "last year", "2011") and resolves them against the publication date
/// (relative ones are dropped when it is unknown).
std::vector<DateMention> find_date_mentions(std::string_view text,
                                            const std::optional<Timestamp>& published);

} // namespace newsdex::analysis
