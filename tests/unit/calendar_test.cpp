#include <doctest/doctest.h>

#include "newsdex/time/calendar.h"

using namespace newsdex;

TEST_CASE("calendar: weekday counts ISO 8601 style, Monday = 0 … Sunday = 6") {
    CHECK(weekday(CivilDate{1970, 1, 1}) == 3);   // a Thursday
    CHECK(weekday(CivilDate{2018, 1, 22}) == 0);  // a Monday
    CHECK(weekday(CivilDate{2018, 1, 28}) == 6);  // a Sunday
    CHECK(weekday(CivilDate{1969, 12, 28}) == 6); // before the epoch, too
    CHECK(weekday_names[static_cast<std::size_t>(weekday(CivilDate{2018, 1, 24}))] == "wednesday");
    CHECK(weekday_from_name("Wednesday") == 2);
    CHECK(weekday_from_name("SUN") == 6);
    CHECK(weekday_from_name("sunny") == -1);
}

TEST_CASE("calendar: leap years and month lengths") {
    CHECK(is_leap(2016));
    CHECK(is_leap(2000));
    CHECK_FALSE(is_leap(1900));
    CHECK_FALSE(is_leap(2018));
    CHECK(days_in_month(2016, 2) == 29);
    CHECK(days_in_month(1900, 2) == 28);
    CHECK(days_in_month(2018, 4) == 30);
    CHECK(days_in_month(2018, 12) == 31);
    CHECK(valid_date(2016, 2, 29));
    CHECK_FALSE(valid_date(2018, 2, 29));
    CHECK_FALSE(valid_date(2018, 13, 1));
    CHECK(month_end(2018, 2) == CivilDate{2018, 2, 28});
}

TEST_CASE("calendar: day counts and add_days cross months, years and leap days") {
    CHECK(days_from_civil(CivilDate{1970, 1, 1}) == 0);
    CHECK(days_from_civil(CivilDate{1969, 12, 31}) == -1);
    CHECK(civil_from_days(17555) == CivilDate{2018, 1, 24});
    CHECK(add_days(CivilDate{2016, 2, 28}, 1) == CivilDate{2016, 2, 29});
    CHECK(add_days(CivilDate{2018, 2, 28}, 1) == CivilDate{2018, 3, 1});
    CHECK(add_days(CivilDate{2017, 12, 31}, 1) == CivilDate{2018, 1, 1});
    CHECK(add_days(CivilDate{2018, 1, 1}, -1) == CivilDate{2017, 12, 31});
    for (std::int64_t d = -800; d < 800; d += 7) {
        CHECK(days_from_civil(civil_from_days(d)) == d);
    }
}

TEST_CASE("calendar: month names, and the ISO spellings of days") {
    CHECK(month_from_name("January") == 1);
    CHECK(month_from_name("sep") == 9);
    CHECK(month_from_name("DEC") == 12);
    CHECK(month_from_name("may") == 5);
    CHECK(month_from_name("ja") == 0);
    CHECK(month_from_name("sept") == 0); // a reader's abbreviation, not the calendar's
    CHECK(iso_day(CivilDate{2018, 1, 4}) == "2018-01-04");
    CHECK(iso_day(CivilDate{987, 3, 5}) == "0987-03-05");
    CHECK(iso_month(2018, 2) == "2018-02");
    CHECK(iso_year(2018) == "2018");
}
