#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "../support/article.h"
#include "../support/temp_dir.h"
#include "../support/test_index.h"
#include "newsdex/error.h"
#include "newsdex/index/database_folder.h"
#include "newsdex/index/indexer.h"
#include "newsdex/index/maintenance.h"

using namespace newsdex;
namespace fs = std::filesystem;

namespace {

index::IndexOptions options(const std::string& path, std::vector<std::string>* notices = nullptr) {
    index::IndexOptions o;
    o.db_path = path;
    o.entities = false;
    if (notices != nullptr) {
        o.on_notice = [notices](const std::string& m) { notices->push_back(m); };
    }
    return o;
}

void fill(const std::string& path, const std::vector<std::string>& ids) {
    index::Indexer indexer(options(path));
    for (const std::string& id : ids) {
        indexer.add(test::article(id, "Story " + id, "Talks about " + id + " resumed."));
    }
    indexer.finish();
}

// What Xapian leaves when it is killed while creating a database (before iamglass).
void half_created(const fs::path& dir) {
    fs::create_directories(dir);
    std::ofstream(dir / "flintlock");
    std::ofstream(dir / "postlist.glass");
    std::ofstream(dir / "termlist.glass");
    std::ofstream(dir / "v.tmp") << "not a finished version file";
}

} // namespace

TEST_CASE("database folder: what a path holds") {
    test::TempDir dir;
    CHECK(index::folder_state(dir / "none") == index::FolderState::missing);
    fs::create_directories(dir / "empty");
    CHECK(index::folder_state(dir / "empty") == index::FolderState::missing);
    half_created(dir / "half");
    CHECK(index::folder_state(dir / "half") == index::FolderState::unborn);
    fill(dir / "db", {"a"});
    CHECK(index::folder_state(dir / "db") == index::FolderState::database);
    // Anything else is someone's: a table with data but no version file, a stray file.
    half_created(dir / "data");
    std::ofstream(dir.path() / "data" / "postlist.glass") << "bytes";
    CHECK(index::folder_state(dir / "data") == index::FolderState::other);
    half_created(dir / "mine");
    std::ofstream(dir.path() / "mine" / "thesis.tex") << "\\section{}";
    CHECK(index::folder_state(dir / "mine") == index::FolderState::other);
    std::ofstream(dir / "file") << "auto db\n";
    CHECK(index::folder_state(dir / "file") == index::FolderState::other);
}

TEST_CASE("database folder: a half-created database is created again, with one notice") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    half_created(db);
    std::vector<std::string> notices;
    {
        index::Indexer indexer(options(db, &notices));
        indexer.add(test::article("a", "A", "Body a."));
        indexer.finish();
    }
    CHECK(test::stored_ids(db) == std::set<std::string>{"a"});
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].find("interrupted database creation") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "news.db.creating"));
}

TEST_CASE("database folder: a folder with someone's files is not touched") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    half_created(db);
    std::ofstream(fs::path(db) / "notes.txt") << "mine";
    CHECK_THROWS(index::Indexer(options(db)));
    CHECK(fs::exists(fs::path(db) / "notes.txt"));
}

TEST_CASE("database folder: a new database never appears half-made at its path") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    // A creation killed in its temporary sibling: the next one starts it over.
    half_created(dir / "news.db.creating");
    fill(db, {"a", "b"});
    CHECK(test::stored_ids(db) == std::set<std::string>{"a", "b"});
    CHECK_FALSE(fs::exists(dir / "news.db.creating"));
}

TEST_CASE("database folder: no database but a .before-compact: restored, every id kept") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    fill(db, {"a", "b", "c"});
    fs::rename(db, dir / "news.db.before-compact"); // killed between the old two renames
    std::vector<std::string> notices;
    fill(dir / "other.db", {}); // (unrelated)
    {
        index::Indexer indexer(options(db, &notices));
        indexer.add(test::article("d", "D", "Body d."));
        indexer.finish();
    }
    CHECK(test::stored_ids(db) == std::set<std::string>{"a", "b", "c", "d"});
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].find("restored") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "news.db.before-compact"));
}

TEST_CASE("database folder: an old generation goes only when the database holds its ids") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    fill(db, {"a", "b"});
    fs::copy(db, dir / "news.db.before-compact");
    fill(dir / "news.db.compacting", {"a", "z"}); // z is nowhere else
    std::vector<std::string> notices;
    { index::Indexer indexer(options(db, &notices)); }
    CHECK_FALSE(fs::exists(dir / "news.db.before-compact"));
    CHECK(fs::exists(dir / "news.db.compacting"));
    CHECK(notices.size() == 2);
    // And --compact refuses to run over it rather than lose z.
    CHECK_THROWS_AS(index::compact_database(db, options(db)), Error);
    CHECK(test::stored_ids(dir / "news.db.compacting") == std::set<std::string>{"a", "z"});
}

TEST_CASE("database folder: --overwrite builds beside the old database and swaps it in") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    fill(db, {"old-1", "old-2"});
    Xapian::Database searcher(db); // opened before: keeps reading the old one
    index::IndexOptions o = options(db);
    o.overwrite = true;
    {
        index::Indexer indexer(o);
        indexer.add(test::article("new-1", "N", "Body."));
        indexer.commit();
        CHECK(test::stored_ids(db) == std::set<std::string>{"old-1", "old-2"}); // not yet swapped
        CHECK(fs::exists(dir / "news.db.overwriting"));
        indexer.finish();
        CHECK(test::stored_ids(db) == std::set<std::string>{"new-1"});
    }
    CHECK(searcher.get_doccount() == 2);
    CHECK_FALSE(fs::exists(dir / "news.db.overwriting"));
    CHECK_FALSE(fs::exists(dir / "news.db.before-overwrite"));
}

TEST_CASE("database folder: an --overwrite run that fails leaves the old database whole") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    fill(db, {"old-1"});
    index::IndexOptions o = options(db);
    o.overwrite = true;
    {
        index::Indexer indexer(o);
        indexer.add(test::article("new-1", "N", "Body."));
        indexer.commit(); // then an exception: no finish()
    }
    CHECK(test::stored_ids(db) == std::set<std::string>{"old-1"});
    CHECK_FALSE(fs::exists(dir / "news.db.overwriting"));
}

TEST_CASE("database folder: compaction swaps in one step and keeps every id") {
    test::TempDir dir;
    const std::string db = dir / "news.db";
    fill(db, {"a", "b", "c"});
    Xapian::Database searcher(db);
    const fs::file_status before = fs::status(db);
    index::compact_database(db, options(db));
    CHECK(test::stored_ids(db) == std::set<std::string>{"a", "b", "c"});
    CHECK(searcher.get_doccount() == 3);
    CHECK_FALSE(fs::exists(dir / "news.db.compacting"));
    CHECK_FALSE(fs::exists(dir / "news.db.before-compact"));
    (void)before;
}

TEST_CASE("database folder: holds_every_id") {
    test::TempDir dir;
    fill(dir / "big.db", {"a", "b", "c"});
    fill(dir / "small.db", {"a", "c"});
    fill(dir / "other.db", {"a", "d"});
    const Xapian::Database big(dir / "big.db");
    CHECK(index::holds_every_id(big, Xapian::Database(dir / "small.db")));
    CHECK_FALSE(index::holds_every_id(big, Xapian::Database(dir / "other.db")));
    CHECK_FALSE(index::holds_every_id(Xapian::Database(dir / "small.db"), big));
}

TEST_CASE("database folder: write_file_durably replaces a file whole") {
    test::TempDir dir;
    index::write_file_durably(dir / "stub", "auto a.db\n");
    index::write_file_durably(dir / "stub", "auto b.db\n");
    std::ifstream in(dir / "stub");
    std::string line;
    std::getline(in, line);
    CHECK(line == "auto b.db");
    CHECK_FALSE(fs::exists(dir / "stub.tmp"));
}
