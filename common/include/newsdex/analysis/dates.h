/// @file
/// @brief Forwarding header, for one commit: the calendar is in time/calendar.h, publication
///        dates in time/timestamp.h, mentions in analysis/date_mentions.h and date keys in
///        schema.h.
#pragma once
#include "newsdex/analysis/date_mentions.h"
#include "newsdex/schema.h"
#include "newsdex/time/calendar.h"
#include "newsdex/time/timestamp.h"

namespace newsdex::analysis {
using newsdex::CivilDate;
using newsdex::civil_from_days;
using newsdex::days_from_civil;
using newsdex::days_in_month;
using newsdex::format_iso8601;
using newsdex::local_date;
using newsdex::parse_date;
using newsdex::schema::day_key;
} // namespace newsdex::analysis
