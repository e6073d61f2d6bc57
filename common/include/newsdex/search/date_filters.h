/// @file
/// @brief Days → Xapian queries: publication days (the Y/M/D terms, or the day slot) and the
///        dates a text mentions (the XMENTY/XMENTM/XMENTD terms).
#pragma once
#include <optional>
#include <utility>

#include <xapian.h>

#include "newsdex/search/date_phrases.h"

namespace newsdex::search {

/// The Xapian query for publication days in the range: the OR of the few Y/M/D terms that
/// cover it exactly, else a range on the value slot Slot::published_day. Open ends are closed
/// at the first and last day of `archive` when one is given. A reversed range matches nothing.
///
/// Example: 2017-01-01 .. 2018-01-31 → `Query((Y2017 OR M201801))`.
Xapian::Query publication_date_query(const DayRange& range,
                                     const Xapian::Database* archive = nullptr);

/// The OR of the XMENTY/XMENTM/XMENTD terms that exactly cover [first, last]: whole years as
/// year terms, whole months as month terms, the rest as day terms.
Xapian::Query mentioned_date_query(CivilDate first, CivilDate last);

/// The first and last year any document of an archive mentions.
using YearSpan = std::pair<int, int>;

/// mentioned_date_query for a range whose open ends stop at the years the archive mentions
/// (`mentioned_years`; none: an open range matches nothing).
Xapian::Query mentioned_date_query(const DayRange& range, std::optional<YearSpan> mentioned_years);

} // namespace newsdex::search
