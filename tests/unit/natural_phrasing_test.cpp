// Every natural phrase through Searcher, on an archive the real writer built: the level at
// which "talks till DATE" once found nothing (Searcher skipped the interpreter for want of a
// cue word it did not know) while the interpreter itself read it fine.
#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "../support/test_index.h"
#include "newsdex/search/natural_phrasing.h"
#include "newsdex/search/searcher.h"

using namespace newsdex;

namespace {

// Today, for relative dates: Wednesday 14 March 2018 (that week runs 12–18 March).
constexpr CivilDate today{2018, 3, 14};

const test::TestIndex& archive() {
    static const test::TestIndex index({
        test::dated_article("t1", "2016-11-30", "Talks", "Peace talks opened in Sochi."),
        test::dated_article("t2", "2017-03-15", "Talks", "Peace talks resumed in Geneva."),
        test::dated_article("t3", "2017-06-10", "Talks", "The talks were held in Vienna."),
        test::dated_article("t4", "2018-01-24", "Talks", "Talks continued in Vienna."),
        test::dated_article("t5", "2018-01-26", "Talks", "The talks moved to Geneva."),
        test::dated_article("t6", "2018-01-27", "Talks", "Talks stalled over the weekend."),
        test::dated_article("t7", "2018-02-05", "Talks", "Talks broke down in Vienna."),
        test::dated_article("t8", "2018-03-06", "Talks", "New talks were announced."),
        test::dated_article("t9", "2018-03-13", "Talks", "Talks began again."),
        test::dated_article("t10", "2018-03-14", "Talks", "Talks ended with a deal."),
        test::dated_article("x1", "2018-01-25", "Markets", "Coffee prices rose in Brazil."),
    });
    return index;
}

struct Answer {
    std::string interpretation; ///< the parts joined by " | "
    std::string ids;            ///< the hits, sorted, comma-separated
};

Answer search_for(const std::string& query) {
    search::Searcher searcher({archive().path()});
    search::SearchRequest request;
    request.query = query;
    request.today = today;
    request.limit = 100;
    request.snippets = false;
    const search::SearchResult r = searcher.search(request);
    std::vector<std::string> ids;
    for (const search::Hit& h : r.hits) {
        ids.push_back(h.id);
    }
    std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    Answer answer;
    for (const std::string& part : r.interpretation) {
        answer.interpretation += (answer.interpretation.empty() ? "" : " | ") + part;
    }
    for (const std::string& id : ids) {
        answer.ids += (answer.ids.empty() ? "" : ",") + id;
    }
    return answer;
}

struct Case {
    const char* query;
    const char* interpretation;
    const char* ids;
};

void check(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        const std::string query = c.query;
        CAPTURE(query);
        const Answer a = search_for(c.query);
        CHECK(a.interpretation == c.interpretation);
        CHECK(a.ids == c.ids);
    }
}

} // namespace

TEST_CASE("natural phrasing through Searcher: until and till mean the same") {
    check({
        {"talks until 2018-01-26", "date: .. 2018-01-26", "t1,t2,t3,t4,t5"},
        {"talks till 2018-01-26", "date: .. 2018-01-26", "t1,t2,t3,t4,t5"},
        {"talks Till 2018-01-26", "date: .. 2018-01-26", "t1,t2,t3,t4,t5"},
        {"talks from 2017 till 2018-01-26", "date: 2017-01-01 .. 2018-01-26", "t2,t3,t4,t5"},
        {"talks from 2017 until 2018-01-26", "date: 2017-01-01 .. 2018-01-26", "t2,t3,t4,t5"},
    });
}

TEST_CASE("natural phrasing through Searcher: absolute dates") {
    check({
        {"talks in 2017", "date: 2017", "t2,t3"},
        {"talks in March 2017", "date: 2017-03", "t2"},
        {"talks in 2018-01", "date: 2018-01", "t4,t5,t6"},
        {"talks since 2018-01-26", "date: 2018-01-26 ..", "t5,t6,t7,t8,t9,t10"},
        {"talks from 2018-01-26", "date: 2018-01-26 ..", "t5,t6,t7,t8,t9,t10"},
        {"talks after 2018-01-26", "date: 2018-01-27 ..", "t6,t7,t8,t9,t10"},
        {"talks before 2018-01-26", "date: .. 2018-01-25", "t1,t2,t3,t4"},
        {"talks from 2017 to 2018-01-26", "date: 2017-01-01 .. 2018-01-26", "t2,t3,t4,t5"},
        {"talks between March 2017 and January 2018", "date: 2017-03-01 .. 2018-01-31",
         "t2,t3,t4,t5,t6"},
        {"talks on 24 January 2018", "date: 2018-01-24", "t4"},
        {"talks on January 24, 2018", "date: 2018-01-24", "t4"},
        {"talks on 2018-01-24", "date: 2018-01-24", "t4"},
        {"talks since 2017 before 2018", "date: 2017-01-01 .. | date: .. 2017-12-31", "t2,t3"},
        {"talks NOT in 2017", "not date: 2017", "t1,t4,t5,t6,t7,t8,t9,t10"},
    });
}

TEST_CASE("natural phrasing through Searcher: relative dates") {
    check({
        {"talks today", "date: 2018-03-14", "t10"},
        {"talks yesterday", "date: 2018-03-13", "t9"},
        {"talks this week", "date: 2018-03-12 .. 2018-03-18", "t9,t10"},
        {"talks during this week", "date: 2018-03-12 .. 2018-03-18", "t9,t10"},
        {"talks last week", "date: 2018-03-05 .. 2018-03-11", "t8"},
        {"talks this month", "date: 2018-03", "t8,t9,t10"},
        {"talks in the last month", "date: 2018-02", "t7"},
        {"talks this year", "date: 2018", "t4,t5,t6,t7,t8,t9,t10"},
        {"talks during the last year", "date: 2017", "t2,t3"},
        {"talks over the last year", "date: 2017", "t2,t3"},
    });
}

TEST_CASE("natural phrasing through Searcher: places") {
    check({
        {"talks in Vienna", "location: Vienna, Austria", "t3,t4,t7"},
        {"talks in vienna", "location: Vienna, Austria", "t3,t4,t7"},
        {"talks NOT in Vienna", "not location: Vienna, Austria", "t1,t2,t5,t6,t8,t9,t10"},
        {"talks in Vienna since 2018", "location: Vienna, Austria | date: 2018-01-01 ..", "t4,t7"},
        {"talks in Geneva in 2018", "location: Geneva, Switzerland | date: 2018", "t5"},
        {"talks in Vienna, Austria", "location: Vienna, Austria", "t3,t4,t7"},
    });
}

TEST_CASE("natural phrasing through Searcher: what is not a phrase stays text") {
    check({
        // A month without a year may be any May; "past"/"last N days" are not phrases.
        {"talks in May", "", ""},
        {"talks last 7 days", "", ""},
        {"talks past week", "", ""},
        {"\"talks till 2018\"", "", ""},
        {"talks OR till 2018-01-26", "", "t1,t2,t3,t4,t5,t6,t7,t8,t9,t10"},
    });
}

TEST_CASE("natural phrasing: the pre-check knows every word a phrase starts with") {
    using search::may_need_interpretation;
    for (const char* query :
         {"talks in Vienna", "talks since 2017", "talks from 2017", "talks after 2017",
          "talks before 2017", "talks until 2017", "talks till 2017", "TALKS TILL 2017",
          "talks on 24 January 2018", "talks between 2017 and 2018", "talks today",
          "talks yesterday", "talks this week", "talks last month", "talks by month",
          "everything about talks", "location:Vienna", "(talks) -country:SY"}) {
        const std::string q = query;
        CAPTURE(q);
        CHECK(may_need_interpretation(query));
    }
    for (const char* query : {"talks", "peace talks", "\"talks in Vienna\"", "(talks in Vienna)",
                              "title:peace", "into the tilled fields", "-in"}) {
        const std::string q = query;
        CAPTURE(q);
        CHECK_FALSE(may_need_interpretation(query));
    }
}

TEST_CASE("natural phrasing through Searcher: 'by month' asks for counts over time, not a word") {
    check({
        {"talks by month", "counts by month", "t1,t2,t3,t4,t5,t6,t7,t8,t9,t10"},
        {"talks in Vienna, by year", "location: Vienna, Austria | counts by year", "t3,t4,t7"},
        {"talks per week since 2018-03-01", "date: 2018-03-01 .. | counts by week", "t8,t9,t10"},
        {"everything about talks, by month", "counts by month", "t1,t2,t3,t4,t5,t6,t7,t8,t9,t10"},
        // Followed by other words it is text: no article says "day and night".
        {"talks by day and night", "", ""},
    });
    search::Searcher searcher({archive().path()});
    search::SearchRequest request;
    request.query = "talks in Vienna by month";
    request.today = today;
    request.facets = {"date"};
    const search::SearchResult r = searcher.search(request);
    CHECK(r.histogram_granularity == "month");
    std::vector<std::string> bins;
    for (const search::FacetValueCount& b : r.histogram) {
        if (b.count > 0) {
            bins.push_back(b.value + "=" + std::to_string(b.count));
        }
    }
    CHECK(bins == std::vector<std::string>{"2017-06=1", "2018-01=1", "2018-02=1"});
    REQUIRE(r.facets.size() == 1);
    REQUIRE(r.facets[0].values.size() == 3);
    CHECK(r.facets[0].values[0].value == "2017-06"); // the date facet grouped by month too
    request.query = "talks by week";
    request.facets.clear();
    const search::SearchResult weeks = searcher.search(request);
    CHECK(weeks.histogram_granularity == "week");
    REQUIRE(!weeks.histogram.empty());
    CHECK(weeks.histogram.front().value == "2016-11-28"); // the Monday of 2016-11-30
}

TEST_CASE("interpretation = execution: what the first line says is the query that runs") {
    // Each phrasing, the interpretation printed for it (free text, then the filters), the same
    // query written out from that interpretation in explicit syntax, and the articles both find.
    struct Row {
        const char* phrasing;
        const char* printed;
        const char* explicit_query;
        const char* ids;
    };
    const Row rows[] = {
        {"talks in Vienna", "talks | location: Vienna, Austria", "talks location:Vienna",
         "t3,t4,t7"},
        {"talks in Vienna or Geneva", "talks | location: Vienna, Austria or Geneva, Switzerland",
         "talks location:Vienna OR location:Geneva", "t2,t3,t4,t5,t7"},
        {"talks in Vienna OR in Sochi", "talks | location: Vienna, Austria or Sochi, Russia",
         "talks location:Vienna OR location:Sochi", "t1,t3,t4,t7"},
        {"coffee OR in Sochi", "coffee | OR location: Sochi, Russia", "coffee OR location:Sochi",
         "t1,x1"},
        {"coffee or talks in Sochi", "coffee or talks | location: Sochi, Russia",
         "(coffee OR talks) location:Sochi", "t1"},
        {"talks in Geneva since 2018",
         "talks | location: Geneva, Switzerland | date: 2018-01-01 ..",
         "talks location:Geneva date:2018-01-01..", "t5"},
        {"talks in Vienna by month", "talks | location: Vienna, Austria | counts by month",
         "talks location:Vienna", "t3,t4,t7"},
        {"talks NOT in Vienna", "talks | not location: Vienna, Austria", "talks -location:Vienna",
         "t1,t2,t5,t6,t8,t9,t10"},
    };
    for (const Row& row : rows) {
        const std::string phrasing = row.phrasing;
        CAPTURE(phrasing);
        search::Searcher searcher({archive().path()});
        search::SearchRequest request;
        request.query = row.phrasing;
        request.today = today;
        request.limit = 100;
        request.snippets = false;
        const search::SearchResult r = searcher.search(request);
        std::string printed = r.free_text;
        for (const std::string& part : r.interpretation) {
            printed += " | " + part;
        }
        CHECK(printed == row.printed);
        const Answer asked = search_for(row.phrasing);
        const Answer written_out = search_for(row.explicit_query);
        CHECK(asked.ids == row.ids);
        CHECK(written_out.ids == asked.ids);
    }
}
