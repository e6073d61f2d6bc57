/// @file
/// @brief Finding the dates an article's text mentions ("January 29-30", "last week"),
///        resolved against its publication date.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "newsdex/article.h"
#include "newsdex/time/calendar.h"

namespace newsdex::analysis {

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
