#include "newsdex/analysis/dates.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

using newsdex::Timestamp;
using namespace newsdex::analysis;

namespace {

// 2018-01-24T10:15:00Z, the instant most cases below describe.
constexpr std::int64_t t_2018_01_24_1015z = 1516788900;

} // namespace

TEST_CASE("dates: parse_date reads the publication date shapes of news dumps") {
    struct Case {
        const char* input;
        std::int64_t unix_seconds;
        int offset_minutes;
    };
    const Case cases[] = {
        // ISO 8601
        {"2018-01-24", 1516752000, 0},
        {"2018-01-24T10:15:00Z", t_2018_01_24_1015z, 0},
        {"2018-01-24T10:15Z", t_2018_01_24_1015z, 0},
        {"2018-01-24 10:15:00", t_2018_01_24_1015z, 0},
        {"2018-01-24T10:15:00.123Z", t_2018_01_24_1015z, 0},
        {"2018-01-24T10:15:00.5", t_2018_01_24_1015z, 0},
        {"2018-01-24T11:15:00+01:00", t_2018_01_24_1015z, 60},
        {"2018-01-24T11:15:00+0100", t_2018_01_24_1015z, 60},
        {"2018-01-24T05:15:00-05:00", t_2018_01_24_1015z, -300},
        {"2018-01-24T15:45:00+05:30", t_2018_01_24_1015z, 330},
        {"2018-01-24 05:15:00 EST", t_2018_01_24_1015z, -300},
        {"  2018-01-24T10:15:00Z\n", t_2018_01_24_1015z, 0},
        // RFC 2822 / 822
        {"Wed, 24 Jan 2018 11:15:00 +0100", t_2018_01_24_1015z, 60},
        {"Wed, 24 Jan 2018 10:15:00 GMT", t_2018_01_24_1015z, 0},
        {"Wed, 24 Jan 2018 05:15:00 EST", t_2018_01_24_1015z, -300},
        {"Wed, 24 Jan 2018 10:15:00 +0000 (UTC)", t_2018_01_24_1015z, 0},
        {"Wed, 24 Jan 2018 10:15 GMT", t_2018_01_24_1015z, 0},
        {"24 Jan 2018 11:15:00 CET", t_2018_01_24_1015z, 60},
        {"Wed, 24 Jan 18 10:15:00 GMT", t_2018_01_24_1015z, 0},
        {"Wed, 2 Nov 88 05:26 EDT", 594465960, -240},
        // Reuters 2006-2013 wire dump (fast path) and its zones
        {"Fri Oct 20, 2006 6:15pm EDT", 1161382500, -240},
        {"Sat Oct 21, 2006 8:11pm EDT", 1161475860, -240},
        {"Wed Feb 1, 2012 1:10am EST", 1328076600, -300},
        {"Wed Feb 1, 2012 12:10am EST", 1328073000, -300},
        {"Wed Feb 1, 2012 12:10pm EST", 1328116200, -300},
        {"Wed Jan 24, 2018 10:15am GMT", t_2018_01_24_1015z, 0},
        {"Wed Jan 24, 2018 11:15am CET", t_2018_01_24_1015z, 60},
        {"Wed Jun 27, 2018 11:15am BST", 1530094500, 60},
        {"Wed Jan 24, 2018 7:15pm JST", t_2018_01_24_1015z, 540},
        {"Wed Jan 24, 2018 10:15 AM GMT", t_2018_01_24_1015z, 0}, // ICU path (space before AM)
        {"Wed Jan 24 10:15:00 2018", t_2018_01_24_1015z, 0},
        {"Wed Jan 24 05:15:00 EST 2018", t_2018_01_24_1015z, -300},
        // Reuters-21578: no zone, so UTC
        {"26-FEB-1987 15:01:01.79", 541350061, 0},
        {" 5-MAR-1987 09:30:00.00", 541935000, 0},
        {"26-Feb-1987", 541296000, 0},
        // Month names
        {"January 24, 2018", 1516752000, 0},
        {"Jan 24, 2018", 1516752000, 0},
        {"24 January 2018", 1516752000, 0},
        {"24 Sep 2018", 1537747200, 0},
        {"SEPTEMBER 24, 2018", 1537747200, 0},
        {"Wednesday, January 24, 2018", 1516752000, 0},
        {"Jan 24, 2018 10:15 AM", t_2018_01_24_1015z, 0},
        {"Jan 24, 2018 10:15 PM", t_2018_01_24_1015z + 12 * 3600, 0},
        {"January 24, 2018 5:15 AM EST", t_2018_01_24_1015z, -300},
        // Numeric
        {"2018/01/24", 1516752000, 0},
        {"2018/01/24 10:15:00", t_2018_01_24_1015z, 0},
        {"24.01.2018", 1516752000, 0},
        {"20180124", 1516752000, 0},
        {"1516788900", t_2018_01_24_1015z, 0},
        {"1516788900123", t_2018_01_24_1015z, 0},
        {"1516788900.75", t_2018_01_24_1015z, 0},
        // Before 1970 works too.
        {"1963-02-15", -217036800, 0},
    };
    for (const auto& c : cases) {
        const std::string input = c.input;
        CAPTURE(input);
        const auto t = parse_date(c.input);
        REQUIRE(t.has_value());
        CHECK(t->unix_seconds == c.unix_seconds);
        CHECK(t->utc_offset_minutes == c.offset_minutes);
    }
}

TEST_CASE("dates: parse_date rejects what is not a date") {
    const char* bad[] = {
        "",
        "   ",
        "hello",
        "yesterday-ish",
        "yesterday",
        "32-FEB-1987",
        "29-FEB-1987 10:00:00.00", // 1987 was not a leap year
        "2018-02-30",
        "2018-13-01",
        "2018-01-24T25:00:00Z",
        "2018-01-24T10:15:00+0100 garbage",
        "2018-01-24T10:15:00 XYZ",
        "Fri Oct 20, 2006 6:15pm XYZ",
        "Fri Oct 32, 2006 6:15pm EDT",
        "January 32, 2018",
        "2018",
        "12345",
        "January 24, 2018 and more",
        "Jan 24",
    };
    for (const char* b : bad) {
        const std::string input = b;
        CAPTURE(input);
        CHECK_FALSE(parse_date(b).has_value());
    }
}

TEST_CASE("dates: parse_date works from several threads at once") {
    // SimpleDateFormat::parse is not thread-safe; this exercises the thread_local instances.
    const char* inputs[] = {"Wed, 24 Jan 2018 10:15:00 GMT", "24 January 2018",
                            "Jan 24, 2018 10:15 AM", "2018/01/24"};
    std::vector<int> failures(4, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            for (int k = 0; k < 200; ++k) {
                const auto t = parse_date(inputs[(i + k) % 4]);
                if (!t || t->unix_seconds / 86400 != 1516752000 / 86400) {
                    ++failures[static_cast<std::size_t>(i)];
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    for (int f : failures) {
        CHECK(f == 0);
    }
}

TEST_CASE("dates: format_iso8601, local_date and day_key keep the source's own offset") {
    struct Case {
        Timestamp t;
        const char* iso;
        const char* key;
    };
    const Case cases[] = {
        {{t_2018_01_24_1015z, 0}, "2018-01-24T10:15:00Z", "20180124"},
        {{t_2018_01_24_1015z, 60}, "2018-01-24T11:15:00+01:00", "20180124"},
        {{t_2018_01_24_1015z, 330}, "2018-01-24T15:45:00+05:30", "20180124"},
        // 6:15pm EDT on Oct 20 is already Oct 21 in UTC; the paper's day is still the 20th.
        {{1161382500, -240}, "2006-10-20T18:15:00-04:00", "20061020"},
        {{-217036800, 0}, "1963-02-15T00:00:00Z", "19630215"},
        {{-1, 0}, "1969-12-31T23:59:59Z", "19691231"},
    };
    for (const auto& c : cases) {
        const std::string iso = c.iso;
        CAPTURE(iso);
        CHECK(format_iso8601(c.t) == c.iso);
        CHECK(day_key(local_date(c.t)) == c.key);
        // What we print, we read back.
        const auto back = parse_date(format_iso8601(c.t));
        REQUIRE(back.has_value());
        CHECK(*back == c.t);
    }
    CHECK(local_date(Timestamp{1161382500, -240}) == CivilDate{2006, 10, 20});
    CHECK(day_key(CivilDate{987, 3, 5}) == "09870305");
}

TEST_CASE("dates: parse_date is fast on the common shapes" * doctest::skip(true)) {
    // Run with -tc='*fast*' --no-skip to measure; timing is no pass/fail criterion in CI.
    const char* inputs[] = {"Sat Oct 21, 2006 8:11pm EDT", "26-FEB-1987 15:01:01.79",
                            "2018-01-24T10:15:00+01:00", "Wed, 24 Jan 2018 10:15:00 +0100",
                            "January 24, 2018", "Jan 24, 2018 10:15 AM"};
    for (const char* input : inputs) {
        constexpr int n = 200000;
        std::int64_t sink = 0;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < n; ++i) {
            sink += parse_date(input)->unix_seconds;
        }
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        MESSAGE(std::string(input) << ": " << static_cast<long>(n / took.count())
                                   << " dates/s (" << sink << ")");
    }
}

namespace {

// Wednesday 2018-01-24 10:00 UTC.
const Timestamp published_wed{1516788000, 0};

std::string mention_text(std::string_view text, const DateMention& m) {
    return std::string(text.substr(m.start, m.end - m.start));
}

} // namespace

TEST_CASE("dates: find_date_mentions resolves each kind of mention against publication") {
    using P = DatePrecision;
    struct Case {
        const char* text;
        const char* span; // what the mention's byte range must cover
        CivilDate first;
        CivilDate last;
        DatePrecision precision;
    };
    const Case cases[] = {
        // Weekdays: the most recent one on or before publication ("last" = strictly before).
        {"The minister said Wednesday that", "Wednesday", {2018, 1, 24}, {2018, 1, 24}, P::day},
        {"talks on Monday failed", "Monday", {2018, 1, 22}, {2018, 1, 22}, P::day},
        {"He arrived on Thursday.", "Thursday", {2018, 1, 18}, {2018, 1, 18}, P::day},
        {"FRIDAY", "FRIDAY", {2018, 1, 19}, {2018, 1, 19}, P::day},
        {"since last Wednesday", "last Wednesday", {2018, 1, 17}, {2018, 1, 17}, P::day},
        {"due next Monday", "next Monday", {2018, 1, 29}, {2018, 1, 29}, P::day},
        // Day words.
        {"yesterday's vote", "yesterday", {2018, 1, 23}, {2018, 1, 23}, P::day},
        {"Today, shares rose", "Today", {2018, 1, 24}, {2018, 1, 24}, P::day},
        {"due tomorrow", "tomorrow", {2018, 1, 25}, {2018, 1, 25}, P::day},
        // Month and day, the year inferred as the nearest such date.
        {"talks on January 29-30 in Sochi", "January 29-30", {2018, 1, 29}, {2018, 1, 30}, P::day},
        {"talks on January 29\xE2\x80\x93" "30", "January 29\xE2\x80\x93" "30", {2018, 1, 29},
         {2018, 1, 30}, P::day},
        {"on Jan. 29 the", "Jan. 29", {2018, 1, 29}, {2018, 1, 29}, P::day},
        {"on Jan 29th,", "Jan 29th", {2018, 1, 29}, {2018, 1, 29}, P::day},
        {"on December 28 police", "December 28", {2017, 12, 28}, {2017, 12, 28}, P::day},
        {"by June 30 at the latest", "June 30", {2018, 6, 30}, {2018, 6, 30}, P::day},
        {"on the 5th of May", "5th of May", {2018, 5, 5}, {2018, 5, 5}, P::day},
        {"from 3 March", "3 March", {2018, 3, 3}, {2018, 3, 3}, P::day},
        {"on 29-30 January", "29-30 January", {2018, 1, 29}, {2018, 1, 30}, P::day},
        // Explicit years.
        {"on 29 January 2018 in", "29 January 2018", {2018, 1, 29}, {2018, 1, 29}, P::day},
        {"on Sept. 11, 2001,", "Sept. 11, 2001", {2001, 9, 11}, {2001, 9, 11}, P::day},
        {"on Wednesday, January 24, 2018", "January 24, 2018", {2018, 1, 24}, {2018, 1, 24},
         P::day},
        {"dated 2018-01-20.", "2018-01-20", {2018, 1, 20}, {2018, 1, 20}, P::day},
        {"in January 2018", "January 2018", {2018, 1, 1}, {2018, 1, 31}, P::month},
        {"since May 2016", "May 2016", {2016, 5, 1}, {2016, 5, 31}, P::month},
        {"in Feb, 2016", "Feb, 2016", {2016, 2, 1}, {2016, 2, 29}, P::month},
        // Bare months: the most recent one before the publication month, or this month.
        {"in December", "December", {2017, 12, 1}, {2017, 12, 31}, P::month},
        {"Prices fell in January", "January", {2018, 1, 1}, {2018, 1, 31}, P::month},
        {"since last October", "October", {2017, 10, 1}, {2017, 10, 31}, P::month},
        // Relative periods; weeks run Monday to Sunday.
        {"profit last year", "last year", {2017, 1, 1}, {2017, 12, 31}, P::year},
        {"the previous year", "previous year", {2017, 1, 1}, {2017, 12, 31}, P::year},
        {"elections next year", "next year", {2019, 1, 1}, {2019, 12, 31}, P::year},
        {"this year", "this year", {2018, 1, 1}, {2018, 12, 31}, P::year},
        {"sales last month", "last month", {2017, 12, 1}, {2017, 12, 31}, P::month},
        {"next month", "next month", {2018, 2, 1}, {2018, 2, 28}, P::month},
        {"talks last week", "last week", {2018, 1, 15}, {2018, 1, 21}, P::day},
        {"this week", "this week", {2018, 1, 22}, {2018, 1, 28}, P::day},
        // Years.
        {"since 2011 the", "2011", {2011, 1, 1}, {2011, 12, 31}, P::year},
        {"It ended in 1999.", "1999", {1999, 1, 1}, {1999, 12, 31}, P::year},
        {"(2011)", "2011", {2011, 1, 1}, {2011, 12, 31}, P::year},
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        const auto mentions = find_date_mentions(c.text, published_wed);
        REQUIRE(mentions.size() == 1);
        const auto& m = mentions[0];
        CHECK(mention_text(c.text, m) == c.span);
        CHECK(m.first == c.first);
        CHECK(m.last == c.last);
        CHECK(m.precision == c.precision);
    }
}

TEST_CASE("dates: find_date_mentions ignores numbers and words that are not dates") {
    const char* texts[] = {
        "2011 people were hurt",
        "it cost $2011 in all",
        "it cost \xE2\x82\xAC" "2011 in all", // euro sign
        "at 2030 GMT on",
        "rose 2011% on",
        "in the 1990s",
        "up 3.2011 percent",
        "1,2011",
        "case 602825/2008 was",
        "Theresa May said",
        "They march on",
        "a Dec vote",
        "in March",
        "hello world",
        "",
        "January 32",
        "February 30",
        "May 1,000",
    };
    for (const char* t : texts) {
        const std::string text = t;
        CAPTURE(text);
        CHECK(find_date_mentions(t, published_wed).empty());
    }
}

TEST_CASE("dates: find_date_mentions drops relative mentions without a publication date") {
    const char* relative[] = {"said Wednesday", "last year", "January 29", "in December",
                              "yesterday", "last week", "29 January"};
    for (const char* t : relative) {
        const std::string text = t;
        CAPTURE(text);
        CHECK(find_date_mentions(t, std::nullopt).empty());
    }
    const auto absolute = find_date_mentions("on 29 January 2018 and in 2011", std::nullopt);
    REQUIRE(absolute.size() == 2);
    CHECK(absolute[0].first == CivilDate{2018, 1, 29});
    CHECK(absolute[1].first == CivilDate{2011, 1, 1});
    CHECK(absolute[1].precision == DatePrecision::year);
}

TEST_CASE("dates: find_date_mentions gives byte offsets in UTF-8 text, in text order") {
    // "Zürich — Ça va: on Wednesday": ü and Ç take 2 bytes, the em dash 3.
    const std::string text = "Z\xC3\xBCrich \xE2\x80\x94 \xC3\x87" "a va: on Wednesday, and in "
                             "December 2016 \xE2\x80\x93 last year.";
    const auto mentions = find_date_mentions(text, published_wed);
    REQUIRE(mentions.size() == 3);
    CHECK(mentions[0].start == 23);
    CHECK(mentions[0].end == 32);
    CHECK(mention_text(text, mentions[0]) == "Wednesday");
    CHECK(mention_text(text, mentions[1]) == "December 2016");
    CHECK(mentions[1].start == text.find("December"));
    CHECK(mention_text(text, mentions[2]) == "last year");
    CHECK(mentions[2].end == text.size() - 1);
}

TEST_CASE("dates: find_date_mentions uses the paper's own day, not the UTC day") {
    // 8:11pm EDT on Saturday 2006-10-21 is already Sunday in UTC.
    const auto published = parse_date("Sat Oct 21, 2006 8:11pm EDT");
    REQUIRE(published.has_value());
    const auto mentions = find_date_mentions("said on Saturday and yesterday", published);
    REQUIRE(mentions.size() == 2);
    CHECK(mentions[0].first == CivilDate{2006, 10, 21});
    CHECK(mentions[1].first == CivilDate{2006, 10, 20});
}

TEST_CASE("dates: find_date_mentions is fast" * doctest::skip(true)) {
    // Run with -tc='*fast*' --no-skip to measure; timing is no pass/fail criterion in CI.
    std::string text;
    const std::string paragraph =
        "The company said on Wednesday that first-quarter profit rose 12 percent to $2,011 "
        "million, helped by sales in December and a 1,500-job cut announced last year. "
        "Talks on January 29-30 in Zurich will follow, officials told reporters in 2017. ";
    while (text.size() < 20'000'000) {
        text += paragraph;
    }
    std::size_t found = 0;
    const auto start = std::chrono::steady_clock::now();
    found += find_date_mentions(text, published_wed).size();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    MESSAGE(static_cast<long>(text.size() / took.count() / 1e6) << " MB/s, " << found
                                                                << " mentions");
}
