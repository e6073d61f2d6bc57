#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "../support/temp_dir.h"
#include "newsdex/cli/saved_searches.h"
#include "newsdex/error.h"
#include "newsdex/search/related.h"

using namespace newsdex;

TEST_CASE("related: lift and PMI against the archive, rare and filtered values left out") {
    // 15 matches of 40 articles.
    const std::vector<search::FacetValueCount> in_matches = {
        {"Beta", 5}, {"Alpha", 10}, {"Rare", 1}, {"Jean-Yves Le Drian", 15}};
    const std::vector<search::FacetValueCount> overall = {
        {"Alpha", 10}, {"Beta", 20}, {"Rare", 1}, {"Jean-Yves Le Drian", 15}, {"Gamma", 10}};
    const auto ranked =
        search::rank_related(in_matches, overall, 15, 40, 2, {"Jean-Yves Le Drian"}, 0);
    REQUIRE(ranked.size() == 2);
    CHECK(ranked[0].value == "Alpha");
    CHECK(ranked[0].count == 10);
    CHECK(ranked[0].total == 10);
    CHECK(ranked[0].expected == doctest::Approx(3.75));
    CHECK(ranked[0].lift == doctest::Approx(40.0 / 15.0));
    CHECK(ranked[0].pmi == doctest::Approx(std::log2(40.0 / 15.0)));
    CHECK(ranked[1].value == "Beta");
    CHECK(ranked[1].lift == doctest::Approx(2.0 / 3.0));
    CHECK(search::rank_related(in_matches, overall, 15, 40, 2, {}, 1).size() == 1);
    CHECK(search::rank_related(in_matches, overall, 0, 40, 1, {}, 0).empty());
}

TEST_CASE("related: the names a query's interpretation filters for") {
    CHECK(search::filtered_names({"actor: Assad or Bashar al-Assad", "not location: Idlib, Syria",
                                  "date: 2018-01-01 .. 2018-01-31", "location: Vienna, Austria"}) ==
          std::vector<std::string>{"Assad", "Bashar al-Assad", "2018-01-01 .. 2018-01-31",
                                   "Vienna, Austria"});
}

TEST_CASE("saved searches: stored, read back, replaced whole") {
    newsdex::test::TempDir dir;
    const std::string db = (dir.path() / "news.db").string();
    const std::string path = cli::saved_searches_path(db + "/");
    CHECK(path == db + ".searches.json");
    CHECK_THROWS_AS(cli::saved_searches_path("tcp://host:7000"), UsageError);
    CHECK(cli::load_saved_searches(path).empty()); // no file yet
    cli::SavedSearch s;
    s.name = "vienna";
    s.args = {"--facets", "actor", "talks in Vienna"};
    s.saved = "2026-12-06T15:00:00Z";
    cli::store_saved_searches(path, {s});
    s.name = "again";
    s.last_run = 1765033200.25;
    cli::store_saved_searches(path, {cli::load_saved_searches(path).front(), s});
    const auto back = cli::load_saved_searches(path);
    REQUIRE(back.size() == 2);
    CHECK(back[0].name == "vienna");
    CHECK(back[0].args == s.args);
    CHECK_FALSE(back[0].last_run.has_value());
    CHECK(back[1].last_run.value() == doctest::Approx(1765033200.25));
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        (void)entry;
        ++files;
    }
    CHECK(files == 1); // no temporary file left beside it
    std::ofstream(path) << "{\"searches\": []}";
    CHECK_THROWS_AS(cli::load_saved_searches(path), Error);
}
