#include "newsdex/search/database_set.h"

#include <atomic>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include <doctest/doctest.h>

#include "../support/article.h"
#include "../support/test_index.h"
#include "newsdex/error.h"

using namespace newsdex;

namespace {

/// The message of the Error opening these arguments throws ("" if none).
std::string opening_error(const std::vector<std::string>& arguments) {
    try {
        search::DatabaseSet set(arguments, false);
    } catch (const Error& e) {
        return e.what();
    }
    return std::string();
}

} // namespace

TEST_CASE("database_set: remote locations are told apart by their scheme") {
    CHECK(search::is_remote("tcp://10.0.0.7:7001"));
    CHECK_FALSE(search::is_remote("tcp:/x"));
    CHECK_FALSE(search::is_remote("news.db"));
    CHECK_FALSE(search::is_remote("/data/tcp://odd"));
    CHECK_THROWS_AS(search::open_database("tcp://host-without-port"), UsageError);
}

TEST_CASE("database_set: shards of a stub file open as one, all local") {
    const test::TestIndex a({test::article("a1", "One", "Wheat harvest.")}, false);
    const test::TestIndex b(
        {test::article("b1", "Two", "Wheat prices."), test::article("b2", "Three", "Rice prices.")},
        false);
    test::TempDir dir;
    const std::string stub = dir / "news.stub";
    std::ofstream(stub) << "# two shards\nauto " << a.path() << "\nauto " << b.path() << "\n";
    CHECK(search::expand_locations({stub}) == std::vector<std::string>{a.path(), b.path()});
    const search::DatabaseSet set({stub}, false);
    CHECK(set.shards().size() == 2);
    CHECK(set.combined().get_doccount() == 3);
    CHECK(set.all_local());
    CHECK_FALSE(set.partial());
}

TEST_CASE("database_set: a missing shard is named, or left out with --allow-partial") {
    const test::TestIndex a({test::article("a1", "One", "Wheat harvest.")}, false);
    test::TempDir dir;
    const std::string missing = dir / "gone.db";
    CHECK(opening_error({missing}).rfind("no database at '" + missing + "'", 0) == 0);
    CHECK(opening_error({a.path(), missing}).rfind("shard '" + missing + "' is missing", 0) == 0);
    const search::DatabaseSet partial({a.path(), missing}, true);
    CHECK(partial.partial());
    REQUIRE(partial.warnings().size() == 1);
    CHECK(partial.warnings().front().find("left out") != std::string::npos);
}

TEST_CASE("database_set: opening while an indexer commits does not fail") {
    // An indexer committing while a search opens the archive and reads its schema can discard
    // the revision just opened (Xapian's DatabaseModifiedError): opening again must answer.
    const test::TestIndex index({test::article("a1", "One", "Wheat harvest.")}, false);
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        Xapian::WritableDatabase db(index.path(), Xapian::DB_OPEN);
        for (int i = 0; !stop && i < 20000; ++i) {
            db.set_metadata("churn", std::string(64 + i % 512, static_cast<char>('a' + i % 26)));
            Xapian::Document doc;
            doc.add_term("Qchurn" + std::to_string(i % 50));
            db.replace_document("Qchurn" + std::to_string(i % 50), doc);
            db.commit();
        }
    });
    int failures = 0;
    for (int i = 0; i < 300; ++i) {
        try {
            const search::DatabaseSet set({index.path()}, false);
            failures += set.combined().get_doccount() == 0 ? 1 : 0;
        } catch (const Error& e) {
            MESSAGE(std::string(e.what()));
            ++failures;
        }
    }
    stop = true;
    writer.join();
    CHECK(failures == 0);
}
