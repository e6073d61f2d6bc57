#include "newsdex/time/calendar.h"

#include <cstddef>
#include <cstdio>

#include "newsdex/ascii.h"

namespace newsdex {
namespace {

// `name` or its first three letters, case aside.
bool names(std::string_view text, std::string_view name) {
    return iequals(text, name) || (text.size() == 3 && iequals(text, name.substr(0, 3)));
}

} // namespace

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

bool valid_date(int y, int m, int d) {
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::int64_t days_from_civil(const CivilDate& date) {
    const int m = date.month;
    std::int64_t y = date.year;
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(m > 2 ? m - 3 : m + 9);
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(date.day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

CivilDate add_days(const CivilDate& d, std::int64_t n) {
    return civil_from_days(days_from_civil(d) + n);
}

CivilDate month_end(int year, int month) {
    return CivilDate{year, month, days_in_month(year, month)};
}

int weekday(const CivilDate& d) {
    const std::int64_t days = days_from_civil(d);
    return static_cast<int>(((days % 7) + 7 + 3) % 7); // 1970-01-01 was a Thursday
}

int month_from_name(std::string_view name) {
    for (std::size_t i = 0; i < month_names.size(); ++i) {
        if (names(name, month_names[i])) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

int weekday_from_name(std::string_view name) {
    for (std::size_t i = 0; i < weekday_names.size(); ++i) {
        if (names(name, weekday_names[i])) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::string iso_day(const CivilDate& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::string iso_month(int year, int month) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

std::string iso_year(int year) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", year);
    return buf;
}

} // namespace newsdex
