#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "../support/article.h"
#include "../support/temp_dir.h"
#include "../support/test_index.h"
#include "newsdex/index/indexer.h"
#include "newsdex/search/searcher.h"

using namespace newsdex;

namespace {

std::vector<std::string> ids(const search::SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) {
        out.push_back(h.id);
    }
    return out;
}

} // namespace

TEST_CASE("searcher: the places and people filtered for also rank, by how often they are named") {
    test::TempDir dir;
    index::IndexOptions options;
    options.db_path = dir / "news.db";
    {
        index::Indexer indexer(options); // with entities: "Vienna" becomes a location
        // Twice "talks", Vienna once / once "talks", Vienna four times.
        indexer.add(test::article("a1", "Diplomats meet",
                                  "Talks resumed on Monday. The talks were held in Vienna."));
        indexer.add(
            test::article("a2", "City prepares",
                          "Vienna hosted the talks. Officials in Vienna said Vienna would host "
                          "again and that Vienna was ready."));
        const char* fillers[] = {"Coffee prices rose in Brazil.", "Wheat harvest was late.",
                                 "Steel output fell in Ohio.",    "Oil prices climbed again.",
                                 "Rain delayed the cocoa crop.",  "Copper stocks were low."};
        int n = 0;
        for (const char* body : fillers) {
            indexer.add(test::article("f" + std::to_string(++n), "Markets", body));
        }
        indexer.commit();
    }
    search::Searcher searcher({options.db_path});
    search::SearchRequest request;
    request.query = "talks in Vienna";
    const search::SearchResult r = searcher.search(request);
    REQUIRE(r.interpretation.size() == 1);
    CHECK(r.interpretation.front().rfind("location: Vienna", 0) == 0);
    CHECK(ids(r) == std::vector<std::string>{"a2", "a1"});
    // The same words without the filter: "talks" decides, so a1 (twice) comes first.
    request.query = "talks";
    CHECK(ids(searcher.search(request)).front() == "a1");
    // Filters alone: by the name, by default as when relevance is asked for.
    request.query = "location:Vienna";
    CHECK(ids(searcher.search(request)) == std::vector<std::string>{"a2", "a1"});
    request.sort = search::SortOrder::relevance;
    CHECK(ids(searcher.search(request)) == std::vector<std::string>{"a2", "a1"});
}

TEST_CASE("searcher: --recency ranks by relevance x freshness from the publication time") {
    const test::TestIndex archive(
        {
            test::dated_article("old", "2017-06-01", "Grain",
                                "Grain exports grew. Grain prices fell."),
            test::dated_article("new", "2018-02-19", "Grain", "Grain exports grew."),
            test::article("undated", "Grain",
                          "Grain exports grew. Grain prices fell. Grain ships."),
        },
        false);
    search::Searcher searcher({archive.path()});
    search::SearchRequest request;
    request.query = "grain";
    request.today = CivilDate{2018, 2, 20};
    const std::vector<std::string> plain = ids(searcher.search(request));
    REQUIRE(plain.size() == 3);
    CHECK(plain.front() != "new"); // by words alone, the one naming grain once is not first
    request.recency_half_life_days = 2.0;
    // Fresh first; without a date an article is never "latest news".
    CHECK(ids(searcher.search(request)) == std::vector<std::string>{"new", "old", "undated"});
    request.limit = 1;
    request.offset = 1;
    CHECK(ids(searcher.search(request)) == std::vector<std::string>{"old"});
}

TEST_CASE("searcher: a session opened before the first commit sees the later ones") {
    test::TempDir dir;
    index::IndexOptions options;
    options.db_path = dir / "news.db";
    options.entities = false;
    index::Indexer indexer(options); // created, nothing committed yet
    search::Searcher searcher({options.db_path});
    search::SearchRequest request;
    request.query = "harbour";
    request.facets = {"source"};
    CHECK(searcher.search(request).total == 0);
    for (int round = 1; round <= 3; ++round) {
        indexer.add(
            test::article("h" + std::to_string(round), "Harbour news", "The harbour reopened."));
        indexer.commit();
        std::this_thread::sleep_for(std::chrono::milliseconds(30)); // past the check interval
        const search::SearchResult r = searcher.search(request);
        CHECK(r.total == static_cast<std::size_t>(round));
        // The facet counts (from the cached columns after the second search) follow too.
        REQUIRE(r.facets.size() == 1);
        REQUIRE(r.facets[0].values.size() == 1);
        CHECK(r.facets[0].values[0].count == static_cast<std::uint64_t>(round));
    }
}

TEST_CASE("searcher: totals are counts, the same with facets or without, and estimates say so") {
    test::TempDir dir;
    index::IndexOptions options;
    options.db_path = dir / "news.db";
    options.entities = false;
    const char* words[] = {"copper",  "harbour",   "tariff",  "lorry",   "ballot",
                           "orchard", "pension",   "glacier", "vaccine", "turbine",
                           "cinema",  "satellite", "quarry",  "ferry",   "textile",
                           "lithium", "bakery",    "drought", "senate",  "violin"};
    {
        index::Indexer indexer(options);
        std::uint32_t seed = 7;
        std::string first_body;
        for (int n = 0; n < 150; ++n) {
            std::string body = "Grain";
            for (int w = 0; w < 30; ++w) {
                seed = seed * 1103515245u + 12345u;
                body += std::string(" ") + words[(seed >> 16) % 20];
            }
            body += ".";
            if (n == 0) {
                first_body = body;
            }
            indexer.add(test::article("g" + std::to_string(n), "Grain " + std::to_string(n), body));
        }
        // Two copies of the first story: one story, three articles.
        indexer.add(test::article("copy1", "Grain 0", first_body));
        indexer.add(test::article("copy2", "Grain 0", first_body));
        indexer.commit();
    }
    search::Searcher searcher({options.db_path});
    search::SearchRequest request;
    request.query = "grain";
    request.limit = 3;
    const search::SearchResult plain = searcher.search(request);
    CHECK(plain.total_exact);
    CHECK(plain.total_articles == 152);
    request.facets = {"date"};
    const search::SearchResult faceted = searcher.search(request);
    CHECK(faceted.total == plain.total);
    CHECK(faceted.total_articles == plain.total_articles);
    CHECK(plain.total < plain.total_articles); // the copies fold into one story
    // Past the limit of exact counting (or with --estimate), Xapian's estimate, said to be one.
    request.facets.clear();
    request.exact_count_limit = 0;
    const search::SearchResult estimated = searcher.search(request);
    CHECK_FALSE(estimated.total_exact);
    CHECK(estimated.total_lower <= plain.total);
    CHECK(estimated.total_upper >= plain.total);
}

namespace {

// `count` articles naming Bernanke, one misspelling him (Bernake), and fillers.
void index_fed_news(const std::string& path, int count, const std::string& prefix = "b",
                    bool typo = true) {
    index::IndexOptions options;
    options.db_path = path;
    options.entities = false;
    index::Indexer indexer(options);
    for (int i = 0; i < count; ++i) {
        indexer.add(test::article(prefix + std::to_string(i), "Fed chief speaks",
                                  "Ben Bernanke said rates in Greece would stay low."));
    }
    if (typo) {
        indexer.add(test::article(prefix + "-typo", "Fed", "Ben Bernake spoke."));
    }
    indexer.commit();
}

} // namespace

TEST_CASE("searcher: did you mean, for a word rare or absent next to a much more frequent one") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    index_fed_news(db, 25);
    search::Searcher searcher({db});
    search::SearchRequest request;
    request.query = "Bernake";
    search::SearchResult r = searcher.search(request);
    CHECK(r.total == 1); // the one misspelt article is found, and the usual form offered
    CHECK(r.spelling_suggestion == "Bernanke");
    request.query = "BERNANKE rates"; // frequent words: nothing to suggest
    CHECK(searcher.search(request).spelling_suggestion == "");
    // Absent, one edit and two edits away (the latter from the spelling table); the rest of
    // the query is kept as written, the filter too, and the case of each corrected word.
    request.query = "banks in Grece";
    CHECK(searcher.search(request).spelling_suggestion == "banks in Greece");
    request.query = "bernnake year:2008";
    CHECK(searcher.search(request).spelling_suggestion == "bernanke year:2008");
    request.query = "Barnanka";
    r = searcher.search(request);
    CHECK(r.total == 0);
    CHECK(r.spelling_suggestion == "Bernanke");
    CHECK(r.corrected_from.empty());
    // --auto-correct answers the suggestion when nothing matched, and says so.
    request.auto_correct = true;
    r = searcher.search(request);
    CHECK(r.corrected_from == "Barnanka");
    CHECK(r.query == "Bernanke");
    CHECK(r.total == 25);
    request.query = "Bernake"; // it matched: not replaced
    CHECK(searcher.search(request).corrected_from.empty());
}

TEST_CASE("searcher: did you mean over shards: the counts of every shard add up") {
    test::TempDir dir;
    // Bernanke is frequent enough only when the shards are taken together (15 + 15 against
    // one Bernake).
    index_fed_news(dir / "a.db", 15, "a");
    index_fed_news(dir / "b.db", 15, "b", false);
    search::SearchRequest request;
    request.query = "Bernake";
    CHECK(search::Searcher({dir / "a.db"}).search(request).spelling_suggestion.empty());
    CHECK(search::Searcher({dir / "a.db", dir / "b.db"}).search(request).spelling_suggestion ==
          "Bernanke");
    request.query = "Barnanka"; // two edits: the spelling tables of both shards
    CHECK(search::Searcher({dir / "a.db", dir / "b.db"}).search(request).spelling_suggestion ==
          "Bernanke");
}

namespace {

// 120 invented articles, 30 on each topic; "market" in 60 of them (a common word), among them
// 15 of the 30 on copper.
std::vector<Article> market_reports() {
    std::vector<Article> articles;
    const char* topics[] = {"copper smelter strike", "cocoa harvest delay",
                            "tanker insurance rates", "wheat export quota"};
    for (int i = 0; i < 120; ++i) {
        std::string body =
            std::string(topics[i % 4]) + " reported in bulletin " + std::to_string(i) + ".";
        if (i % 8 < 4) { // half the copper articles too
            body += " The market reacted.";
        }
        articles.push_back(test::article("m" + std::to_string(i), "Bulletin", body));
    }
    return articles;
}

} // namespace

TEST_CASE(
    "searcher: a long query leaves out words in over a quarter of the articles, and says so") {
    const test::TestIndex archive(market_reports(), false);
    search::Searcher searcher({archive.path()}, "en");
    search::SearchRequest request;
    request.mode = search::QueryMode::literal;
    request.limit = 200;

    // Four words besides stopwords: "market" (in 60 of 120) is left out of the ranking and of
    // the matches, and the interpretation says so.
    request.query = "market reaction to the copper smelter strike";
    const search::SearchResult long_query = searcher.search(request);
    CHECK(long_query.total == 30); // the copper articles only, not every "market" one
    REQUIRE_FALSE(long_query.interpretation.empty());
    CHECK(long_query.interpretation.back() == "too common to rank by: market");

    // Two words: too short to tell what the query is about without the common one: kept.
    request.query = "market copper";
    const search::SearchResult short_query = searcher.search(request);
    CHECK(short_query.total == 75); // 60 with "market" + the 15 copper articles without it
    CHECK(short_query.interpretation.empty());

    // A query with syntax is run as written.
    request.mode = search::QueryMode::syntax;
    request.default_op = search::DefaultOperator::or_;
    request.query = "\"market reacted\" copper smelter strike";
    const search::SearchResult phrase_query = searcher.search(request);
    CHECK(phrase_query.total == 75);
    for (const std::string& part : phrase_query.interpretation) {
        CHECK(part.find("too common") == std::string::npos);
    }

    // Words AND'ed (the default of the query syntax): nothing is left out.
    request.default_op = search::DefaultOperator::and_;
    request.query = "market copper smelter strike";
    const search::SearchResult and_query = searcher.search(request);
    CHECK(and_query.total == 15);
}

TEST_CASE("searcher: a query of excluded words alone finds every article without them") {
    const test::TestIndex archive(market_reports(), false);
    search::Searcher searcher({archive.path()}, "en");
    search::SearchRequest request;
    request.limit = 200;
    // Xapian's parser reads a lone "-word" as a wanted word: this found the 30 copper articles.
    request.query = "-copper";
    CHECK(searcher.search(request).total == 90);
    request.query = "-copper -cocoa"; // neither
    CHECK(searcher.search(request).total == 60);
    request.query = "market -copper"; // with a wanted word, as before
    CHECK(searcher.search(request).total == 45);
    request.query = "-copp*"; // a wildcard: this too found the copper articles
    CHECK(searcher.search(request).total == 90);
    request.query = "-id:m0 -id:m1"; // a field's values: this found nothing
    CHECK(searcher.search(request).total == 118);
}

TEST_CASE("searcher: other forms of a query word count, its exact form adds a share on top") {
    std::vector<Article> articles;
    // At the same length: the query's exact word once / another form of it once / five times.
    articles.push_back(
        test::article("exact", "Border",
                      "Reports said the troops arrived at dawn near the northern border post."));
    articles.push_back(
        test::article("other", "Border",
                      "Reports said the troop arrived at dawn near the northern border post."));
    articles.push_back(test::article(
        "often", "Border",
        "One troop met a second troop, a third troop, a fourth troop and a fifth troop."));
    // As in real news, the exact word is about as frequent as its stem (else its rarity
    // alone would decide).
    const char* fillers[] = {"Coffee prices rose in Brazil while troops paraded in the capital.",
                             "Wheat harvest was late and troops helped farmers in the north.",
                             "Steel output fell in Ohio.",
                             "Oil prices climbed again.",
                             "Rain delayed the cocoa crop.",
                             "Copper stocks were low."};
    int n = 0;
    for (const char* body : fillers) {
        articles.push_back(test::article("f" + std::to_string(++n), "Markets", body));
    }
    const test::TestIndex archive(articles, false);
    search::Searcher searcher({archive.path()}, "en");
    search::SearchRequest request;
    request.query = "troops";
    // The exact form ranks "troops" above "troop" once; it no longer outweighs five "troop"
    // (at a full share the single "troops" came first).
    const std::vector<std::string> ranked = ids(searcher.search(request));
    const auto rank = [&ranked](const char* id) {
        return std::find(ranked.begin(), ranked.end(), id) - ranked.begin();
    };
    CHECK(rank("often") < rank("exact"));
    CHECK(rank("exact") < rank("other"));
}
