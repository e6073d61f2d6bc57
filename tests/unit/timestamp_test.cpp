#include "newsdex/time/timestamp.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "newsdex/schema.h"

using namespace newsdex;
using newsdex::schema::day_key;

namespace {

// 2018-01-24T10:15:00Z, the instant most cases below describe.
constexpr std::int64_t t_2018_01_24_1015z = 1516788900;

} // namespace

TEST_CASE("timestamp: parse_date reads the publication date shapes of news dumps") {
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

TEST_CASE("timestamp: parse_date rejects what is not a date") {
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

TEST_CASE("timestamp: parse_date works from several threads at once") {
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

TEST_CASE("timestamp: format_iso8601, local_date and day_key keep the source's own offset") {
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

TEST_CASE("timestamp: parse_date is fast on the common shapes" * doctest::skip(true)) {
    // Run with -tc='*fast*' --no-skip to measure; timing is no pass/fail criterion in CI.
    const char* inputs[] = {
        "Sat Oct 21, 2006 8:11pm EDT",     "26-FEB-1987 15:01:01.79", "2018-01-24T10:15:00+01:00",
        "Wed, 24 Jan 2018 10:15:00 +0100", "January 24, 2018",        "Jan 24, 2018 10:15 AM"};
    for (const char* input : inputs) {
        constexpr int n = 200000;
        std::int64_t sink = 0;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < n; ++i) {
            sink += parse_date(input)->unix_seconds;
        }
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        MESSAGE(std::string(input)
                << ": " << static_cast<long>(n / took.count()) << " dates/s (" << sink << ")");
    }
}
