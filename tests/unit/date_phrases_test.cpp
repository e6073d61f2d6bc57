#include "newsdex/search/date_phrases.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "newsdex/schema.h"

using newsdex::CivilDate;
using namespace newsdex::search;

namespace {

// Today, for relative dates: Wednesday 14 March 2018.
constexpr CivilDate today{2018, 3, 14};

std::string show(const std::optional<CivilDate>& d) {
    return d ? newsdex::schema::day_key(*d) : std::string();
}

} // namespace

TEST_CASE("date_phrases: single words") {
    CHECK(month_number("january") == 1);
    CHECK(month_number("sept") == 9);
    CHECK(month_number("sep.") == 9);
    CHECK(month_number("dec") == 12);
    CHECK(month_number("dec", true) == 0);
    CHECK(month_number("may", true) == 5);
    CHECK(month_number("mayday") == 0);
    CHECK(year_word("2018") == 2018);
    CHECK(year_word("1800") == 1800);
    CHECK_FALSE(year_word("1799"));
    CHECK_FALSE(year_word("2200"));
    CHECK_FALSE(year_word("201"));
    CHECK_FALSE(year_word("20a8"));
    CHECK(day_word("24") == 24);
    CHECK(day_word("1st") == 1);
    CHECK(day_word("22nd") == 22);
    CHECK(day_word("31") == 31);
    CHECK(day_word("32") == 0);
    CHECK(day_word("0") == 0);
    CHECK(day_word("24x") == 0);
    CHECK(day_word("124") == 0);
    const auto day = iso_word("2016-02-29");
    REQUIRE(day);
    CHECK(day->precision == Precision::day);
    CHECK_FALSE(iso_word("2017-02-29"));
    CHECK_FALSE(iso_word("2018-13"));
    const auto month = iso_word("2016-02");
    REQUIRE(month);
    CHECK(show(month->last) == "20160229");
    CHECK(iso_word("2018")->precision == Precision::year);
}

TEST_CASE("date_phrases: units of several words, absolute and relative") {
    struct Case {
        std::vector<std::string> words;
        const char* first;
        const char* last;
        std::size_t taken;
    };
    const Case cases[] = {
        {{"24", "january", "2018", "talks"}, "20180124", "20180124", 3},
        {{"january", "24", "2018"}, "20180124", "20180124", 3},
        {{"march", "2017"}, "20170301", "20170331", 2},
        {{"2018-01-24", "2019"}, "20180124", "20180124", 1},
        {{"today"}, "20180314", "20180314", 1},
        {{"yesterday"}, "20180313", "20180313", 1},
        {{"this", "week"}, "20180312", "20180318", 2},
        {{"last", "week"}, "20180305", "20180311", 2},
        {{"last", "month"}, "20180201", "20180228", 2},
        {{"this", "year"}, "20180101", "20181231", 2},
    };
    for (const Case& c : cases) {
        const std::string first_word = c.words.front();
        CAPTURE(first_word);
        const auto unit = any_unit(c.words, 0, today);
        REQUIRE(unit);
        CHECK(show(unit->first) == c.first);
        CHECK(show(unit->last) == c.last);
        CHECK(unit->words == c.taken);
    }
    // Last month in January is December of the year before; the week of a Monday starts then.
    CHECK(show(relative_unit({"last", "month"}, 0, CivilDate{2018, 1, 10})->first) == "20171201");
    CHECK(show(relative_unit({"this", "week"}, 0, CivilDate{2018, 3, 12})->first) == "20180312");
    CHECK(show(relative_unit({"this", "week"}, 0, CivilDate{2018, 3, 18})->first) == "20180312");
    for (const std::vector<std::string>& words :
         std::vector<std::vector<std::string>>{{"31", "february", "2018"},
                                               {"may"},
                                               {"last", "7", "days"},
                                               {"past", "week"},
                                               {"24", "january"}}) {
        const std::string first_word = words.front();
        CAPTURE(first_word);
        CHECK_FALSE(any_unit(words, 0, today));
    }
}

TEST_CASE("date_phrases: date values and ranges, as date: reads them") {
    struct DateCase {
        const char* value;
        const char* first; ///< "" = open
        const char* last;
    };
    const DateCase cases[] = {
        {"2018-01-24", "20180124", "20180124"},
        {"2018-01", "20180101", "20180131"},
        {"2016-02", "20160201", "20160229"},
        {"2018", "20180101", "20181231"},
        {"2017..2018-02", "20170101", "20180228"},
        {"..2017", "", "20171231"},
        {"2017-03..", "20170301", ""},
        {"yesterday", "20180313", "20180313"},
        {"last week..", "20180305", ""},
        {"24 January, 2018", "20180124", "20180124"},
        {" March 2017 .. today ", "20170301", "20180314"},
    };
    for (const DateCase& c : cases) {
        const std::string value = c.value;
        CAPTURE(value);
        const auto range = parse_date_filter(c.value, today);
        REQUIRE(range.has_value());
        CHECK(show(range->first) == c.first);
        CHECK(show(range->last) == c.last);
    }
    for (const char* bad : {"", "..", "2018-13", "2018-02-30", "May", "tomorrowish", "12",
                            "2018 talks", "2018..soon"}) {
        const std::string value = bad;
        CAPTURE(value);
        CHECK_FALSE(parse_date_filter(bad, today).has_value());
    }
}

TEST_CASE("date_phrases: how a range is shown, and when it is reversed") {
    struct Shown {
        DayRange range;
        const char* text;
    };
    const Shown cases[] = {
        {{CivilDate{2018, 1, 24}, CivilDate{2018, 1, 24}}, "2018-01-24"},
        {{CivilDate{2018, 1, 1}, CivilDate{2018, 12, 31}}, "2018"},
        {{CivilDate{2016, 2, 1}, CivilDate{2016, 2, 29}}, "2016-02"},
        {{CivilDate{2018, 1, 1}, CivilDate{2018, 2, 28}}, "2018-01-01 .. 2018-02-28"},
        {{CivilDate{2017, 3, 1}, std::nullopt}, "2017-03-01 .."},
        {{std::nullopt, CivilDate{2016, 12, 31}}, ".. 2016-12-31"},
        {{std::nullopt, std::nullopt}, ".."},
    };
    for (const Shown& s : cases) {
        CHECK(describe_range(s.range) == s.text);
    }
    CHECK(is_reversed(DayRange{CivilDate{2018, 1, 2}, CivilDate{2018, 1, 1}}));
    CHECK_FALSE(is_reversed(DayRange{CivilDate{2018, 1, 1}, CivilDate{2018, 1, 1}}));
    CHECK_FALSE(is_reversed(DayRange{CivilDate{2018, 1, 2}, std::nullopt}));
}
