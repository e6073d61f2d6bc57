#include <doctest/doctest.h>

#include <map>
#include <string>

#include "../support/article.h"
#include "../support/temp_dir.h"
#include "newsdex/analysis/entities.h"
#include "newsdex/analysis/simhash.h"
#include "newsdex/corpus/open_source.h"
#include "newsdex/error.h"
#include "newsdex/index/document_builder.h"
#include "newsdex/index/indexer.h"
#include "newsdex/schema.h"
#include "newsdex/stored_article.h"

using namespace newsdex;

namespace {

using test::article;

bool has_term(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term;
}

Xapian::termcount wdf(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

// The spelling table: word → frequency.
std::map<std::string, Xapian::doccount> spellings(const std::string& path) {
    const Xapian::Database db(path);
    std::map<std::string, Xapian::doccount> out;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
        out[*it] = it.get_termfreq();
    }
    return out;
}

} // namespace

TEST_CASE("indexer: fills the spelling table with the articles' words, kept in step") {
    test::TempDir dir;
    index::IndexOptions options;
    options.db_path = dir / "news.db";
    options.batch_size = 2;
    {
        index::Indexer indexer(options); // with entities: canonical names count too
        indexer.add(article("a1", "Bernanke speaks", "Ben Bernanke said rates stay low, low."));
        indexer.add(article("a2", "Fed chief", "Bernanke spoke on rates again in 2008."));
        indexer.add(article("a3", "Rates", "A typo: Bernake."));
        indexer.commit();
    }
    std::map<std::string, Xapian::doccount> words = spellings(options.db_path);
    // In how many articles a word occurs, not how often: "low" twice in a1 is one.
    CHECK(words["bernanke"] == 2);
    CHECK(words["rates"] == 3);
    CHECK(words["low"] == 1);
    CHECK(words["bernake"] == 1);
    CHECK(words.count("2008") == 0); // numbers and short words suggest nothing
    CHECK(words.count("in") == 0);
    {
        index::Indexer indexer(options);
        indexer.add(article("a3", "Rates", "The typo is fixed: Bernanke.")); // replaced
        Article tombstone;
        tombstone.id = "a1";
        tombstone.deleted = true;
        indexer.add(tombstone);
        indexer.commit();
    }
    words = spellings(options.db_path);
    CHECK(words.count("bernake") == 0); // the replaced article's words went with it
    CHECK(words["bernanke"] == 2);      // a2 and the new a3 (a1 is deleted)
    CHECK(words.count("low") == 0);
    CHECK(words["rates"] == 2);
}

TEST_CASE("document builder: credit lines and bylines are not searched as text, but stored") {
    const analysis::EntityExtractor extractor = analysis::EntityExtractor::load_default();
    for (const analysis::EntityExtractor* entities :
         {&extractor, static_cast<const analysis::EntityExtractor*>(nullptr)}) {
        index::DocumentBuilder builder("en", entities);
        const Article a = article("c1", "Stocks end higher",
                                  "Stocks ended higher on Friday as oil prices rose.\n\n(Reporting "
                                  "by Gertrude Chavez-Dreyfuss; Editing by Jan Roe)");
        const Xapian::Document doc = builder.build(a);
        CHECK(has_term(doc, "stocks"));
        CHECK_FALSE(has_term(doc, "chavez"));
        CHECK_FALSE(has_term(doc, "Zchavez"));
        CHECK_FALSE(has_term(doc, "editing"));
        if (entities != nullptr) { // the article as read comes back from what is stored
            const std::optional<Article> stored = stored_input(doc.get_data());
            REQUIRE(stored);
            CHECK(stored->body == a.body);
        }
    }
}

TEST_CASE("document builder: a name inside a sentence does not weigh in its stem") {
    index::DocumentBuilder builder("en");
    const Xapian::Document doc = builder.build(
        article("n1", "Banks", "Shares of Citi rose. Cities grew, and the cities of Japan too."));
    CHECK(wdf(doc, "citi") == 1);
    CHECK(wdf(doc, "cities") == 2);
    // "Citi" inside its sentence counts nothing towards "Zciti"; "Cities" at the start of one
    // and "cities" do.
    CHECK(wdf(doc, "Zciti") == 2);
    CHECK(has_term(doc, "Zciti"));
    CHECK(wdf(doc, "Zjapan") == 0); // a name too, still found by "japan" (exact form)
    CHECK(has_term(doc, "Zjapan"));
}

TEST_CASE("document builder: title words weigh more and are searchable as title:") {
    index::DocumentBuilder builder("en");
    const Xapian::Document doc =
        builder.build(article("a1", "Coffee prices rise", "Traders said coffee was scarce."));
    CHECK(has_term(doc, "Qa1"));
    CHECK(has_term(doc, "Scoffee"));
    CHECK(has_term(doc, "ZScoffe"));
    CHECK(has_term(doc, "Zcoffe"));
    CHECK(has_term(doc, "XSOURCEtest wire"));
    // "coffee" once in the title (weight 3) and once in the body (1).
    CHECK(wdf(doc, "coffee") == schema::title_weight + 1);
    CHECK(wdf(doc, "traders") == 1);
    const StoredArticle stored = decode_stored(doc.get_data());
    CHECK(stored.id == "a1");
    CHECK(stored.title == "Coffee prices rise");
    CHECK(stored.body == "Traders said coffee was scarce.");
}

TEST_CASE("document builder: values too long for Xapian terms are left out, not fatal") {
    index::DocumentBuilder builder("en");
    Article a = article(std::string(300, 'x'), "t", "b");
    a.source = std::string(300, 's');
    const Xapian::Document doc = builder.build(a);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        CAPTURE(*it);
        CHECK((*it).size() <= 245);
    }
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    CHECK_NOTHROW(db.replace_document(schema::id_term(a.id), doc));
}

TEST_CASE("content hash: changes with the content, not with where it was read") {
    Article a = article("a1", "Title", "Body");
    Article b = a;
    b.origin = SourceLocation{"elsewhere.jsonl", 99};
    CHECK(index::content_hash(a) == index::content_hash(b));
    b.title = "Other title";
    CHECK(index::content_hash(a) != index::content_hash(b));
}

TEST_CASE("indexer: add, unchanged, replace and delete are counted and idempotent") {
    test::TempDir dir;
    index::IndexOptions options;
    options.db_path = dir / "news.db";
    options.entities = false;
    options.batch_size = 2;
    {
        index::Indexer indexer(options);
        indexer.add(article("a1", "One", "first body text"));
        indexer.add(article("a2", "Two", "second body text"));
        indexer.add(article("a1", "One", "first body text")); // same again
        indexer.commit();
        CHECK(indexer.stats().added == 2);
        CHECK(indexer.stats().unchanged == 1);
        CHECK(indexer.document_count() == 2);
    }
    {
        index::Indexer indexer(options);
        indexer.add(article("a1", "One, corrected", "first body text"));
        Article tombstone;
        tombstone.id = "a2";
        tombstone.deleted = true;
        indexer.add(tombstone);
        indexer.commit();
        CHECK(indexer.stats().replaced == 1);
        CHECK(indexer.stats().deleted == 1);
        CHECK(indexer.document_count() == 1);
    }
    Xapian::Database db(options.db_path);
    CHECK(db.get_metadata(std::string(schema::version_key)) == std::to_string(schema::version));
    CHECK(db.get_termfreq("Qa1") == 1);
    CHECK(db.get_termfreq("Scorrected") == 1);
}

TEST_CASE("indexer: copies of a story share the first copy's cluster, stored with the signature") {
    const std::string story =
        "The central bank raised interest rates by a quarter point on Tuesday, citing strong "
        "growth and rising inflation across the euro zone economies this year.";
    index::DocumentBuilder builder("en");
    const Article first = article("d1", "Copy one", story);
    const index::BuiltDocument built = builder.build(first, index::content_hash(first));
    REQUIRE(built.signature.has_value());
    CHECK(built.doc.get_value(schema::slot(schema::Slot::content_hash)) ==
          index::content_hash(first));
    // The slot waits for the writer, which alone knows the cluster.
    CHECK(built.doc.get_value(schema::slot(schema::Slot::simhash)).empty());

    test::TempDir dir;
    index::IndexOptions options;
    options.db_path = dir / "news.db";
    options.entities = false;
    {
        index::Indexer indexer(options);
        indexer.add(first);
        indexer.add(article("d2", "Copy two", story));
        indexer.add(article("x1", "Other", "Too short to sign."));
        indexer.commit();
    }
    Xapian::Database db(options.db_path);
    for (const char* id : {"d1", "d2"}) {
        CAPTURE(id);
        const Xapian::Document doc = db.get_document(*db.postlist_begin(schema::id_term(id)));
        const auto stored =
            schema::parse_signature_value(doc.get_value(schema::slot(schema::Slot::simhash)));
        REQUIRE(stored.has_value());
        CHECK(stored->signature == *built.signature);
        CHECK(stored->cluster == "d1");
        CHECK(doc.get_value(schema::slot(schema::Slot::cluster)) == "d1");
    }
    CHECK(db.get_termfreq(schema::cluster_term("d1")) == 2);
    const Xapian::Document short_one = db.get_document(*db.postlist_begin(schema::id_term("x1")));
    CHECK(short_one.get_value(schema::slot(schema::Slot::simhash)).empty());
    CHECK(short_one.get_value(schema::slot(schema::Slot::cluster)) == "x1");
}

TEST_CASE("indexer: an update under the same headline joins its story, within two days") {
    const auto dated = [](const std::string& id, const std::string& title, const std::string& body,
                          int day) {
        Article a = article(id, title, body);
        a.published = Timestamp{1230768000 + day * 86400, 0}; // 2009-01-01 + day
        return a;
    };
    const std::string brief =
        "Exxon Mobil offered on Friday to pay a bonus to end a dispute with Alaska over a "
        "natural gas field, the company said in a statement.";
    const std::string full =
        "Alaska officials said they would study the proposal, which follows years of court "
        "fights over the Point Thomson field and its untapped reserves of gas.\n\nThe state "
        "wants drilling to start soon; the company says the terms must change first, and "
        "analysts expect talks to run into next year.";
    test::TempDir dir;
    index::IndexOptions options;
    options.db_path = dir / "news.db";
    options.entities = false;
    {
        index::Indexer indexer(options);
        indexer.add(dated("b1", "Exxon offers plan to end Alaska dispute", brief, 0));
        indexer.add(dated("u1", "UPDATE 2-Exxon offers plan to end Alaska dispute", full, 1));
        // Under the same headline nine days on, and under short headlines the same day:
        // other stories (bodies of their own, so that SimHash does not join them either).
        indexer.add(dated("late", "Exxon offers plan to end Alaska dispute",
                          "Shipping rates for crude tankers fell for a third week as new vessels "
                          "joined the fleet and refiners cut their orders in Asia.",
                          9));
        indexer.add(dated("s1", "Stocks to watch",
                          "Retailers reported weaker holiday sales than analysts had expected, "
                          "and several chains said they would close stores in the spring.",
                          0));
        indexer.add(dated("s2", "Stocks to watch",
                          "Airline shares rose after fuel prices dropped and two carriers raised "
                          "their forecasts for passenger numbers over the summer season.",
                          0));
        indexer.commit();
    }
    // A later run loads the headline keys from the database.
    {
        index::Indexer indexer(options);
        indexer.add(dated("r1", "REFILE-Exxon offers plan to end Alaska dispute",
                          full + "\n\nMore to come from the state capital today.", 2));
        indexer.commit();
    }
    const Xapian::Database db(options.db_path);
    const auto cluster_of = [&db](const std::string& id) {
        return db.get_document(*db.postlist_begin(schema::id_term(id)))
            .get_value(schema::slot(schema::Slot::cluster));
    };
    CHECK(cluster_of("u1") == "b1");
    CHECK(cluster_of("r1") == "b1");
    CHECK(cluster_of("late") == "late"); // nine days on: another story
    CHECK(cluster_of("s2") == "s2");
    CHECK(analysis::story_headline("RPT-UPDATE 1-Exxon offers plan to end Alaska dispute") ==
          "exxon offers plan to end alaska dispute");
}

TEST_CASE("indexer: a second writer is refused with LockedError") {
    test::TempDir dir;
    index::IndexOptions options;
    options.db_path = dir / "news.db";
    options.entities = false;
    index::Indexer first(options);
    CHECK_THROWS_AS(index::Indexer{options}, LockedError);
}

TEST_CASE("near-duplicate index: the nearest signature within the distance names the cluster") {
    index::NearDuplicateIndex index;
    index.insert(0x0123456789abcdefULL, "story-1");
    index.insert(0xfedcba9876543210ULL, "story-2");
    CHECK(index.find(0x0123456789abcdefULL) == std::optional<std::string>("story-1"));
    CHECK(index.find(0x0123456789abcdefULL ^ 0x8000000000000101ULL) ==
          std::optional<std::string>("story-1")); // 3 bits apart
    CHECK(index.find(0x0123456789abcdefULL ^ 0x0000ffff00000000ULL) == std::nullopt); // 16 apart
}

TEST_CASE("inputs: the share of input read goes from 0 to 1; unknown for stdin") {
    const std::string file = std::string(NEWSDEX_TEST_DATA_DIR) + "/e2e/mixed.jsonl";
    auto source = corpus::open_inputs({file}, {}, nullptr);
    REQUIRE(source->fraction_read().has_value());
    CHECK(*source->fraction_read() == doctest::Approx(0.0));
    while (source->next()) {
    }
    CHECK(*source->fraction_read() == doctest::Approx(1.0));
    CHECK_FALSE(corpus::open_inputs({"-"}, {}, nullptr)->fraction_read().has_value());
}

TEST_CASE("stored data: what is encoded decodes to the same, escapes and all") {
    Article a = article("id \"quoted\" \\ back",
                        "Title with \"quotes\", tab\there, newline\nand \x01 control",
                        "Body: Zürich, Ελλάδα, 東京, emoji 😀, slash / and \\u0041 literally");
    a.url = "http://example.com/a?b=c&d=\"e\"";
    a.author = "";
    a.language = "en";
    a.published = Timestamp{1516752000, 60};
    const StoredArticle s = decode_stored(encode_stored(a, nullptr));
    CHECK(s.id == a.id);
    CHECK(s.title == a.title);
    CHECK(s.body == a.body);
    CHECK(s.url == a.url);
    CHECK(s.author.empty());
    CHECK(s.language == "en");
    CHECK(s.published == "2018-01-24T01:00:00+01:00");
    // Escapes written by other JSON writers (\u sequences, surrogate pairs) read too.
    const StoredArticle t = decode_stored(
        R"({"id":"x","title":"caf\u00e9 \ud83d\ude00 \/","facets":{"actor":["A \"B\""],"location":[],"country":["FR"]}})");
    CHECK(t.title == "café 😀 /");
    CHECK(t.actors == std::vector<std::string>{"A \"B\""});
    CHECK(t.locations.empty());
    CHECK(t.countries == std::vector<std::string>{"FR"});
    // Shapes the fast reader does not expect still decode (through the general parser).
    const StoredArticle u = decode_stored(R"({"id":"y","extra":42,"title":"T"})");
    CHECK(u.id == "y");
    CHECK(u.title == "T");
    CHECK(decode_stored("not json").id.empty());
}
