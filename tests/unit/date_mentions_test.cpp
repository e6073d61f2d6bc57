#include "newsdex/analysis/date_mentions.h"
#include "newsdex/time/timestamp.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>

using namespace newsdex;
using namespace newsdex::analysis;

namespace {

// Wednesday 2018-01-24 10:00 UTC.
const Timestamp published_wed{1516788000, 0};

std::string mention_text(std::string_view text, const DateMention& m) {
    return std::string(text.substr(m.start, m.end - m.start));
}

} // namespace

TEST_CASE("date mentions: find_date_mentions resolves each kind of mention against publication") {
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
        {"talks on January 29\xE2\x80\x93"
         "30",
         "January 29\xE2\x80\x93"
         "30",
         {2018, 1, 29},
         {2018, 1, 30},
         P::day},
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
        {"on Wednesday, January 24, 2018",
         "January 24, 2018",
         {2018, 1, 24},
         {2018, 1, 24},
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

TEST_CASE("date mentions: find_date_mentions ignores numbers and words that are not dates") {
    const char* texts[] = {
        "2011 people were hurt",
        "it cost $2011 in all",
        ("it cost \xE2\x82\xAC"
         "2011 in all"), // euro sign; the split ends the \x escape
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

TEST_CASE("date mentions: find_date_mentions drops relative mentions without a publication date") {
    const char* relative[] = {"said Wednesday", "last year", "January 29", "in December",
                              "yesterday",      "last week", "29 January"};
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

TEST_CASE("date mentions: find_date_mentions gives byte offsets in UTF-8 text, in text order") {
    // "Zürich — Ça va: on Wednesday": ü and Ç take 2 bytes, the em dash 3.
    const std::string text = "Z\xC3\xBCrich \xE2\x80\x94 \xC3\x87"
                             "a va: on Wednesday, and in "
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

TEST_CASE("date mentions: find_date_mentions uses the paper's own day, not the UTC day") {
    // 8:11pm EDT on Saturday 2006-10-21 is already Sunday in UTC.
    const auto published = parse_date("Sat Oct 21, 2006 8:11pm EDT");
    REQUIRE(published.has_value());
    const auto mentions = find_date_mentions("said on Saturday and yesterday", published);
    REQUIRE(mentions.size() == 2);
    CHECK(mentions[0].first == CivilDate{2006, 10, 21});
    CHECK(mentions[1].first == CivilDate{2006, 10, 20});
}

TEST_CASE("date mentions: find_date_mentions is fast" * doctest::skip(true)) {
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
    MESSAGE(static_cast<long>(text.size() / took.count() / 1e6)
            << " MB/s, " << found << " mentions");
}
