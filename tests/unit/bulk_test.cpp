#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "../support/list_source.h"
#include "../support/temp_dir.h"
#include "newsdex/index/bulk.h"
#include "newsdex/index/indexer.h"
#include "newsdex/schema.h"

using namespace newsdex;

namespace {

using test::ListSource;

Article article(const std::string& id, const std::string& body) {
    Article a;
    a.id = id;
    a.title = "Story " + id;
    a.body = body;
    return a;
}

Article tombstone(const std::string& id) {
    Article a;
    a.id = id;
    a.deleted = true;
    return a;
}

index::IndexOptions options(const std::string& path) {
    index::IndexOptions o;
    o.db_path = path;
    o.entities = false;
    o.threads = 2;
    o.batch_size = 7;
    return o;
}

index::IndexStats run(index::ArticleSink& sink, std::vector<Article> articles) {
    ListSource source(std::move(articles));
    std::atomic<bool> stop{false};
    return index::index_all(source, sink, stop, {});
}

std::vector<Article> dump() {
    std::vector<Article> articles;
    for (int i = 0; i < 100; ++i) {
        articles.push_back(article("a" + std::to_string(i),
                                   "Harbour number " + std::to_string(i) + " reopened today."));
    }
    articles.push_back(article("a5", "A later version of story five."));
    articles.push_back(tombstone("a7"));
    return articles;
}

} // namespace

TEST_CASE("near-duplicates: assign names a cluster by its first signature") {
    index::NearDuplicateIndex index;
    CHECK(index.assign(0x0123456789abcdefULL, "story-1") == "story-1");
    CHECK(index.assign(0x0123456789abcdefULL ^ 0x101ULL, "story-2") == "story-1");
    CHECK(index.assign(0xfedcba9876543210ULL, "story-3") == "story-3");
    CHECK(index.size() == 3);
}

TEST_CASE("bulk: the parts merged hold what one writer writes; replacements and deletes") {
    test::TempDir dir;
    bool single_writer = true;
    auto sink = index::open_bulk(options(dir / "bulk.db"), 3, &single_writer);
    CHECK_FALSE(single_writer);
    CHECK(dynamic_cast<index::BulkIndexer*>(sink.get())->writers() == 3);
    const index::IndexStats stats = run(*sink, dump());
    CHECK(stats.read == 102);
    CHECK(stats.added == 100);
    CHECK(stats.replaced == 1);
    CHECK(stats.deleted == 1);
    CHECK(sink->document_count() == 99);
    sink.reset();
    CHECK_FALSE(std::filesystem::exists(index::bulk_staging_path(dir / "bulk.db")));

    Xapian::doccount one_count = 0;
    {
        index::Indexer one(options(dir / "one.db"));
        run(one, dump());
        one_count = one.document_count();
    }
    Xapian::Database bulk_db(dir / "bulk.db");
    CHECK(bulk_db.get_doccount() == one_count);
    CHECK(bulk_db.get_metadata(std::string(schema::version_key)) ==
          std::to_string(schema::version));
    CHECK(bulk_db.get_termfreq(schema::id_term("a7")) == 0);
    for (int i = 0; i < 100; ++i) {
        if (i != 7) {
            CHECK(bulk_db.get_termfreq(schema::id_term("a" + std::to_string(i))) == 1);
        }
    }
    const Xapian::docid five = *bulk_db.postlist_begin(schema::id_term("a5"));
    CHECK(bulk_db.get_document(five).get_data().find("later version") != std::string::npos);

    // A database that holds articles is indexed with one writer, as without --bulk (the dump
    // again: a5 goes back and forth, a7 comes back and goes).
    auto again = index::open_bulk(options(dir / "bulk.db"), 3, &single_writer);
    CHECK(single_writer);
    const index::IndexStats second = run(*again, dump());
    index::Indexer one(options(dir / "one.db"));
    const index::IndexStats one_second = run(one, dump());
    CHECK(second.added == one_second.added);
    CHECK(second.replaced == one_second.replaced);
    CHECK(second.unchanged == one_second.unchanged);
    CHECK(second.unchanged == 98);
    CHECK(again->document_count() == 99);
}

TEST_CASE("bulk: the first copy of a story names its cluster, whichever part writes it") {
    // Stories of different words (long enough to be signed), each followed at once by a copy:
    // the two copies go to parts by their ids, and the writers meet them in either order.
    std::vector<Article> articles;
    std::uint32_t seed = 12345;
    const auto next_word = [&seed] {
        seed = seed * 1103515245U + 12345U;
        return "w" + std::to_string((seed >> 8U) % 5000U);
    };
    constexpr int stories = 24;
    for (int s = 0; s < stories; ++s) {
        std::string body;
        for (int w = 0; w < 80; ++w) {
            body += next_word() + (w % 12 == 11 ? ". " : " ");
        }
        articles.push_back(article("first" + std::to_string(s), body));
        articles.push_back(article("copy" + std::to_string(s), body));
    }
    test::TempDir dir;
    auto sink = index::open_bulk(options(dir / "bulk.db"), 4);
    run(*sink, articles);
    sink.reset();
    const Xapian::Database db(dir / "bulk.db");
    REQUIRE(db.get_doccount() == 2 * stories);
    for (int s = 0; s < stories; ++s) {
        const std::string copy = "copy" + std::to_string(s);
        CAPTURE(copy);
        const Xapian::Document doc = db.get_document(*db.postlist_begin(schema::id_term(copy)));
        CHECK(doc.get_value(schema::slot(schema::Slot::cluster)) == "first" + std::to_string(s));
    }
}
