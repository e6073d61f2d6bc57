#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "../support/article.h"
#include "../support/temp_dir.h"
#include "../support/test_index.h"
#include "newsdex/error.h"
#include "newsdex/index/maintenance.h"
#include "newsdex/schema.h"

using namespace newsdex;

namespace {

index::IndexOptions options(const std::string& path) {
    index::IndexOptions o;
    o.db_path = path;
    o.entities = false;
    return o;
}

Article dated(const std::string& id, std::int64_t unix_seconds) {
    Article a = test::article(id, "Story " + id, "Talks resumed in Vienna on " + id + ".");
    a.published = Timestamp{unix_seconds, 0};
    return a;
}

// Five articles, three of them dated (2017-12-31, 2018-01-24, 2018-02-01), one deleted again.
void fill(const std::string& path) {
    index::Indexer indexer(options(path));
    indexer.add(dated("a", 1514721600)); // 2017-12-31T12:00Z
    indexer.add(dated("b", 1516752000)); // 2018-01-24T00:00Z
    indexer.add(dated("c", 1517443200)); // 2018-02-01T00:00Z
    indexer.add(test::article("d", "Undated", "No date here."));
    indexer.add(test::article("e", "Undated too", "No date either."));
    Article gone = test::article("f", "Withdrawn", "Soon deleted.");
    indexer.add(gone);
    gone.deleted = true;
    indexer.add(gone);
    indexer.commit();
}

} // namespace

TEST_CASE("maintenance: compaction keeps every document and leaves no folder behind") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    fill(db);
    const std::set<std::string> before = test::stored_ids(db);
    REQUIRE(before.size() == 5);

    const index::CompactResult result = index::compact_database(db, options("ignored"));
    CHECK(test::stored_ids(db) == before);
    CHECK(Xapian::Database(db).get_doccount() == 5);
    CHECK(result.bytes_before > 0);
    CHECK(result.bytes_after == index::size_on_disk(db));
    CHECK_FALSE(std::filesystem::exists(db + ".compacting"));
    CHECK_FALSE(std::filesystem::exists(db + ".before-compact"));

    // Still a newsdex database a writer opens and adds to.
    index::Indexer again(options(db));
    again.add(test::article("g", "Later", "Added after compaction."));
    again.commit();
    CHECK(again.document_count() == 6);
}

TEST_CASE("maintenance: compacting where there is no database is an error") {
    test::TempDir dir;
    CHECK_THROWS_AS(index::compact_database(dir / "missing.db", options("")), Error);
    CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST_CASE("maintenance: stats count documents, dated documents, the date range and the bytes") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    fill(db);
    const index::DatabaseStats stats = index::database_stats(Xapian::Database(db), db);
    CHECK(stats.documents == 5);
    CHECK(stats.dated == 3);
    CHECK(stats.first_day == "20171231");
    CHECK(stats.last_day == "20180201");
    CHECK(stats.schema_version == std::to_string(schema::version));
    std::uintmax_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(db)) {
        files += entry.is_regular_file() ? entry.file_size() : 0;
    }
    CHECK(stats.bytes_on_disk == files);
    CHECK(stats.bytes_on_disk > 0);
}

TEST_CASE("maintenance: stats of an empty database, and the size of a single file") {
    test::TempDir dir;
    const std::string db = dir / "empty.db";
    index::Indexer(options(db)).commit();
    const index::DatabaseStats stats = index::database_stats(Xapian::Database(db), db);
    CHECK(stats.documents == 0);
    CHECK(stats.dated == 0);
    CHECK(stats.first_day.empty());
    CHECK(stats.last_day.empty());

    std::ofstream(dir / "stub") << "auto empty.db\n";
    CHECK(index::size_on_disk(dir / "stub") == 14);
}
