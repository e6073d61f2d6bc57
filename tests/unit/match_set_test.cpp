#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../support/article.h"
#include "../support/test_index.h"
#include "newsdex/search/match_set.h"
#include "newsdex/search/query_builder.h"
#include "newsdex/search/searcher.h"

using namespace newsdex;

namespace {

// Invented articles for the rows below: acronyms beside the same word in lower case, a name
// with two spellings, a name inside a sentence beside its common word, phrases and places.
std::vector<Article> articles() {
    return {
        test::article("a01", "Oil prices climb", "Crude oil prices rose as natural gas fell."),
        test::article("a02", "Gas glut", "Natural gas stocks grew; oil was steady."),
        test::article("a03", "Gold rally", "Gold and silver rallied while oil slipped."),
        test::article("a04", "US output", "The US economy grew, the US Treasury said."),
        test::article("a05", "Letter", "They told us the gas prices were too high for us."),
        test::article("a06", "Schröder speaks", "Gerhard Schröder spoke about gas pipelines."),
        test::article("a07", "Schroeder again", "Schroeder said the pipeline would open."),
        test::article("a08", "Cities grow", "Large cities in Japan grew faster than towns."),
        test::article("a09", "Citi results", "Citi reported results; its shares fell in Japan."),
        test::article("a10", "Greek banks", "Banks in Greece lost deposits to Cyprus banks."),
        test::article("a11", "Cyprus levy", "Cyprus imposed a levy on bank deposits."),
        test::article("a12", "IT spending", "IT budgets grew while it rained in Greece."),
        test::article("a13", "Wall Street", "Wall Street closed higher; gold fell."),
        test::article("a14", "Empty day", "Nothing happened in the markets today."),
    };
}

// What Xapian matches, weights aside: the reference every row is checked against.
std::vector<Xapian::docid> enquire_matches(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::vector<Xapian::docid> docids;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        docids.push_back(*it);
    }
    std::sort(docids.begin(), docids.end());
    return docids;
}

} // namespace

TEST_CASE("match set: posting lists alone match what Xapian matches, for parsed queries") {
    const test::TestIndex archive(articles(), false);
    const Xapian::Database db(archive.path());
    search::QueryBuilder builder(db);
    // Queries walked from posting lists: they must match exactly what Xapian matches (the
    // exact-form, acronym and name-word terms the builder adds weigh, they do not match).
    const char* walked[] = {
        "oil",
        "oil gas",
        "oil OR gold",
        "oil -gas",
        "oil NOT natural",
        "gas AND NOT oil",
        "US",
        "us",
        "IT",
        "it budgets",
        "Schröder",
        "Schroeder",
        "cities",
        "Citi",
        "banks Cyprus",
        "(gold OR silver) AND oil -crude",
        "+gas -oil",
        "-oil",
        "Treasury",
        "nothingsuch",
        "oil nothingsuch",
        "oil OR nothingsuch",
        "source:\"test wire\" gold",
    };
    std::size_t matched = 0;
    for (const char* text : walked) {
        CAPTURE(text);
        const Xapian::Query query = builder.build(text);
        const std::optional<std::vector<Xapian::docid>> got = search::boolean_matches(db, query);
        REQUIRE(got.has_value());
        CHECK(*got == enquire_matches(db, query));
        matched += got->empty() ? 0 : 1;
    }
    CHECK(matched >= 18); // most rows match something: the comparison is not of empty sets
    // Positions, wildcards: left to Xapian.
    for (const char* text : {"\"natural gas\"", "oil NEAR gas", "gol*", "oil \"gas stocks\""}) {
        CAPTURE(text);
        CHECK_FALSE(search::boolean_matches(db, builder.build(text)).has_value());
    }
}

TEST_CASE("match set: every boolean operator, nested, against Xapian") {
    const test::TestIndex archive(articles(), false);
    const Xapian::Database db(archive.path());
    const std::string z(schema::stem_prefix);
    const Xapian::Query oil(z + "oil");
    const Xapian::Query gas(z + "gas");
    const Xapian::Query gold(z + "gold");
    const Xapian::Query absent(z + "nothingsuch");
    using Q = Xapian::Query;
    const std::vector<Q> subs{oil, gas, gold};
    const Q queries[] = {
        Q::MatchAll,
        Q::MatchNothing,
        Q(Q::OP_AND_NOT, Q::MatchAll, oil),
        Q(Q::OP_AND_NOT, subs.begin(), subs.end()), // oil, neither gas nor gold
        Q(Q::OP_AND_MAYBE, subs.begin(), subs.end()),
        Q(Q::OP_SYNONYM, subs.begin(), subs.end()),
        Q(Q::OP_MAX, subs.begin(), subs.end()),
        Q(Q::OP_FILTER, Q(Q::OP_OR, oil, gold), gas),
        Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND, oil, gas), 0.0),
        Q(Q::OP_AND, Q(Q::OP_OR, oil, absent), Q(Q::OP_AND_NOT, gas, gold)),
        Q(Q::OP_OR, Q(Q::OP_AND, oil, absent), Q(Q::OP_AND_NOT, gold, Q::MatchAll)),
        Q(Q::OP_AND, Q::MatchAll, Q(Q::OP_OR, gas, gold)),
    };
    for (const Q& query : queries) {
        CAPTURE(query.get_description());
        const std::optional<std::vector<Xapian::docid>> got = search::boolean_matches(db, query);
        REQUIRE(got.has_value());
        CHECK(*got == enquire_matches(db, query));
    }
    CHECK(search::boolean_matches(db, Q::MatchAll)->size() == db.get_doccount());
    CHECK_FALSE(search::boolean_matches(db, Q(Q::OP_XOR, oil, gas)).has_value());
    CHECK_FALSE(search::boolean_matches(db, Q(Q::OP_VALUE_GE, 0, "a")).has_value());
}

TEST_CASE("match set: a session's counts from posting lists equal a one-off search's, on shards") {
    std::vector<Article> all = articles();
    const std::vector<Article> first_seven(all.begin(), all.begin() + 7);
    const std::vector<Article> the_rest(all.begin() + 7, all.end());
    const test::TestIndex first_shard(first_seven);
    const test::TestIndex second_shard(the_rest);
    const std::vector<std::string> shards{first_shard.path(), second_shard.path()};
    // From its second counting search on, a session counts from columns on the posting
    // lists (or Xapian, for phrases); a one-off search counts with a spy on the ranked pass.
    search::Searcher session(shards);
    search::SearchRequest request;
    request.query = "oil";
    (void)session.search(request);
    (void)session.search(request);
    const char* rows[] = {"oil",
                          "gas prices",
                          "oil OR gold",
                          "US",
                          "us",
                          "Schröder",
                          "cities",
                          "banks in Greece",
                          "banks in Greece or Cyprus",
                          "-oil",
                          "\"natural gas\"",
                          "gold -oil",
                          "IT"};
    for (const char* text : rows) {
        CAPTURE(text);
        request.query = text;
        search::Searcher one_off(shards);
        const search::SearchResult expected = one_off.search(request);
        const search::SearchResult counted = session.search(request);
        CHECK(counted.total_exact);
        CHECK(counted.total == expected.total);
        CHECK(counted.total_articles == expected.total_articles);
    }
}
