/// @file
/// @brief Civil dates (proleptic Gregorian): day counts, weekdays, month lengths and the
///        English month and weekday names. The one calendar the readers, the indexer and the
///        query side share; no ICU, no C library time zone state.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex {

/// A calendar day.
struct CivilDate {
    int year = 0;
    int month = 0; ///< 1..12
    int day = 0;   ///< 1..31
    friend bool operator==(const CivilDate& a, const CivilDate& b) {
        return a.year == b.year && a.month == b.month && a.day == b.day;
    }
    friend bool operator!=(const CivilDate& a, const CivilDate& b) { return !(a == b); }
};

bool is_leap(int year);

/// 28 to 31.
int days_in_month(int year, int month);

/// The month exists and has that day.
bool valid_date(int year, int month, int day);

/// Days since 1970-01-01 of a day, and the day of such a count (H. Hinnant's algorithms).
std::int64_t days_from_civil(const CivilDate& d);
CivilDate civil_from_days(std::int64_t days);

/// The day `n` days after `d` (before it when n < 0).
CivilDate add_days(const CivilDate& d, std::int64_t n);

/// The last day of a month.
CivilDate month_end(int year, int month);

/// ISO 8601 weekday: Monday = 0 … Sunday = 6 (weeks run Monday to Sunday).
int weekday(const CivilDate& d);

/// English month names, lower case, January first.
inline constexpr std::array<std::string_view, 12> month_names = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

/// English weekday names, lower case, in weekday() order (Monday first).
inline constexpr std::array<std::string_view, 7> weekday_names = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

/// 1..12 for a full month name or its first three letters, in any ASCII case; 0 otherwise.
int month_from_name(std::string_view name);

/// weekday() of a full weekday name or its first three letters, in any ASCII case; -1
/// otherwise.
int weekday_from_name(std::string_view name);

/// "2018-01-24", "2018-01" and "2018": how dates are shown (zero padded to four year digits).
std::string iso_day(const CivilDate& d);
std::string iso_month(int year, int month);
std::string iso_year(int year);

} // namespace newsdex
