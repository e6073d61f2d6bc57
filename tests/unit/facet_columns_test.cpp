#include <doctest/doctest.h>

#include <ctime>
#include <map>
#include <string>

#include "../support/temp_dir.h"
#include "newsdex/index/indexer.h"
#include "newsdex/search/searcher.h"

using namespace newsdex;

namespace {

// Articles with known facets (dates, sources, authors); ids even/odd go to two shards.
Article numbered_article(int n) {
    Article a;
    a.id = "n" + std::to_string(n);
    a.title = "Harvest report " + std::to_string(n);
    a.body = "Coffee growers reported the harvest number " + std::to_string(n) +
             (n % 3 == 0 ? " while cocoa prices fell." : ".");
    a.source = n % 2 == 0 ? "Even Wire" : "Odd Post";
    a.author = n % 4 == 0 ? "Ana Lima" : "Bo Chen";
    a.published =
        Timestamp{1514764800 + static_cast<std::int64_t>(n) * 86400 * 20, 0}; // from 2018-01-01
    return a;
}

std::map<std::string, std::uint64_t> as_map(const search::FacetCounts& counts) {
    std::map<std::string, std::uint64_t> m;
    for (const auto& v : counts.values) {
        m[v.value] = v.count;
    }
    return m;
}

} // namespace

TEST_CASE("facet columns: a session's later searches count as its first, over shards") {
    test::TempDir dir;
    for (const char* shard : {"a.db", "b.db"}) {
        index::IndexOptions options;
        options.db_path = dir / shard;
        options.entities = false;
        index::Indexer indexer(options);
        for (int n = std::string(shard) == "a.db" ? 0 : 1; n < 40; n += 2) {
            indexer.add(numbered_article(n));
        }
        indexer.commit();
    }
    // Independently: what the articles say.
    std::map<std::string, std::uint64_t> sources;
    std::map<std::string, std::uint64_t> years;
    std::uint64_t cocoa = 0;
    for (int n = 0; n < 40; ++n) {
        if (n % 3 == 0) {
            ++cocoa;
            const Article a = numbered_article(n);
            ++sources[a.source];
            const std::time_t t = static_cast<std::time_t>(a.published->unix_seconds);
            std::tm utc{};
            gmtime_r(&t, &utc);
            ++years[std::to_string(utc.tm_year + 1900)];
        }
    }
    search::Searcher searcher({dir / "a.db", dir / "b.db"});
    search::SearchRequest request;
    request.query = "cocoa";
    request.facets = {"source", "date", "author"};
    request.date_granularity = search::DateGranularity::year;
    request.histogram = search::DateGranularity::year;
    request.facet_limit = 0;
    // The first search reads values from the database; the second and third from columns.
    const search::SearchResult first = searcher.search(request);
    const search::SearchResult second = searcher.search(request);
    const search::SearchResult third = searcher.search(request);
    for (const search::SearchResult* r : {&first, &second, &third}) {
        CHECK(r->total_articles == cocoa);
        CHECK(r->total == cocoa);
        REQUIRE(r->facets.size() == 3);
        CHECK(as_map(r->facets[0]) == sources);
        CHECK(as_map(r->facets[1]) == years);
        CHECK(as_map(r->facets[2]) == as_map(first.facets[2]));
        CHECK(r->histogram.size() == first.histogram.size());
    }
    std::uint64_t in_bins = 0;
    for (const auto& bin : third.histogram) {
        in_bins += bin.count;
    }
    CHECK(in_bins == cocoa);
    // A filter-only listing, counted from columns too.
    request.query = "source:\"odd post\"";
    searcher.search(request);
    const search::SearchResult odd = searcher.search(request);
    CHECK(odd.total == 20);
    CHECK(as_map(odd.facets[0]) == std::map<std::string, std::uint64_t>{{"Odd Post", 20}});
}

TEST_CASE("facet counts: copies of a story are one hit in the total, on both counting paths") {
    test::TempDir dir;
    index::IndexOptions options;
    options.db_path = dir / "news.db";
    options.entities = false;
    const std::string body =
        "The central bank left its main interest rate unchanged on Thursday, saying that "
        "inflation was slowing faster than expected while growth held up across the region.\n\n"
        "Economists polled before the meeting had expected the decision, and markets barely "
        "moved; the bank said it would watch wages and energy prices closely in the months ahead.";
    {
        index::Indexer indexer(options);
        for (const char* id : {"copy-1", "copy-2", "copy-3"}) { // one story, three copies
            Article a = numbered_article(1);
            a.id = id;
            a.title = "Central bank holds rates";
            a.body = body;
            indexer.add(a);
        }
        Article other = numbered_article(2);
        other.title = "Bank profits rise";
        other.body = "Bank profits rose in the second quarter as lending grew and costs fell.";
        indexer.add(other);
        indexer.commit();
    }
    search::Searcher searcher({options.db_path});
    search::SearchRequest request;
    request.query = "bank";
    request.facets = {"source"};
    for (int pass = 0; pass < 3; ++pass) { // spies, then columns
        CAPTURE(pass);
        const search::SearchResult r = searcher.search(request);
        CHECK(r.total == 2);
        CHECK(r.total_lower == 2);
        CHECK(r.total_upper == 2);
        CHECK(r.total_articles == 4);
        REQUIRE(r.hits.size() == 2);
    }
}
