#include <doctest/doctest.h>
#include <map>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "../support/article.h"
#include "../support/list_source.h"
#include "../support/temp_dir.h"
#include "newsdex/analysis/entities.h"
#include "newsdex/analysis/fingerprint.h"
#include "newsdex/error.h"
#include "newsdex/index/bulk.h"
#include "newsdex/index/document_builder.h"
#include "newsdex/index/indexer.h"
#include "newsdex/index/reanalyse.h"
#include "newsdex/index/shards.h"
#include "newsdex/schema.h"
#include "newsdex/search/database_set.h"
#include "newsdex/stored_article.h"

using namespace newsdex;
namespace fs = std::filesystem;

namespace {

using test::article;

// An article with everything that the display keys of the stored data leave out: a body
// with boilerplate lines and a byline, a dateline, a date in an odd UTC offset.
Article full_article(const std::string& id) {
    Article a = article(id, "Harbour talks resume",
                        "By Jane Doe\n\nHarbour officials met in Vienna on Monday.\n\n"
                        "More news: Star reveals baby name\n\nThe talks go on.\n\n"
                        "(Reporting by Jane Doe; Editing by John Roe)");
    a.url = "https://example.com/" + id;
    a.language = "en";
    a.dateline = "VIENNA, Jan 24 -";
    a.published = Timestamp{1516788900, 345};
    return a;
}

const analysis::EntityExtractor& extractor() {
    static const analysis::EntityExtractor e = analysis::EntityExtractor::load_default();
    return e;
}

// Indexes the articles into `path` (entities on, small batches) through the real Indexer.
void index_articles(const std::string& path, const std::vector<Article>& articles) {
    index::IndexOptions options;
    options.db_path = path;
    options.batch_size = 3;
    options.threads = 1;
    index::Indexer indexer(options);
    for (const Article& a : articles) {
        indexer.add(a);
    }
    indexer.commit();
}

// The ids of a database in the order its articles were written (indexing time, then document
// number): a re-analysis keeps that order, while its bulk parts renumber the documents.
std::vector<std::string> ids_of(const std::string& path) {
    const Xapian::Database db(path);
    std::vector<std::pair<std::string, Xapian::docid>> written;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        written.emplace_back(
            db.get_document(*it).get_value(schema::slot(schema::Slot::indexed_time)), *it);
    }
    std::sort(written.begin(), written.end());
    std::vector<std::string> ids;
    ids.reserve(written.size());
    for (const auto& entry : written) {
        ids.push_back(decode_stored(db.get_document(entry.second).get_data()).id);
    }
    return ids;
}

void set_version(const std::string& path, const std::string& version) {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    db.set_metadata(std::string(schema::version_key), version);
    db.commit();
}

using test::ListSource;

// The part databases a bulk run into `path` keeps in its staging folder, with their documents.
std::vector<Xapian::doccount> bulk_parts(const std::string& path) {
    std::vector<Xapian::doccount> parts;
    for (unsigned k = 0;; ++k) {
        const fs::path part =
            index::bulk_staging_path(path) / ("part-" + std::to_string(k) + ".db");
        if (!fs::exists(part)) {
            return parts;
        }
        parts.push_back(Xapian::Database(part.string()).get_doccount());
    }
}

index::ReanalyseResult run_reanalyse(const std::string& path,
                                     std::vector<std::string>* notices = nullptr) {
    index::IndexOptions options;
    options.db_path = path;
    options.batch_size = 2;
    options.threads = 2;
    const std::atomic<bool> stop{false};
    return index::reanalyse(options, stop, {}, [notices](const std::string& message) {
        if (notices != nullptr) {
            notices->push_back(message);
        }
    });
}

} // namespace

TEST_CASE("stored data: gives back the article as read, with the same content hash") {
    const Article a = full_article("a1");
    const analysis::ArticleEntities entities = extractor().extract(a);
    REQUIRE_FALSE(entities.boilerplate.empty()); // what the test is about
    REQUIRE_FALSE(entities.byline.empty());
    const std::string data = encode_stored(a, &entities);
    const StoredArticle shown = decode_stored(data);
    CHECK(shown.author == entities.byline); // the display keeps the byline as author
    CHECK(shown.body.find("More news") == std::string::npos);

    const std::optional<Article> back = stored_input(data);
    REQUIRE(back.has_value());
    CHECK(back->id == a.id);
    CHECK(back->title == a.title);
    CHECK(back->body == a.body);
    CHECK(back->author.empty());
    CHECK(back->dateline == a.dateline);
    CHECK(back->url == a.url);
    CHECK(back->language == a.language);
    CHECK(back->source == a.source);
    REQUIRE(back->published.has_value());
    CHECK(*back->published == *a.published);
    CHECK(index::content_hash(*back) == index::content_hash(a));

    // A date that could not be read is kept as text; without entities the body is whole.
    Article b = article("b1", "Undated", "Nothing happened.");
    b.published_text = "sometime in spring";
    b.author = "Max Mustermann";
    const std::optional<Article> b_back = stored_input(encode_stored(b, nullptr));
    REQUIRE(b_back.has_value());
    CHECK(b_back->published_text == b.published_text);
    CHECK_FALSE(b_back->published.has_value());
    CHECK(b_back->author == b.author);
    CHECK(index::content_hash(*b_back) == index::content_hash(b));
}

TEST_CASE("stored data: what version 2 stored still reads, as far as it goes") {
    // Written before version 3: the story without its boilerplate, the byline as author.
    const std::string v2 =
        R"({"author":"Jane Doe","body":"Harbour officials met.","facets":{"actor":[],)"
        R"("country":["AT"],"location":["Vienna, AT"]},"id":"old-1","language":"en",)"
        R"("published":"2018-01-24T10:15:00+05:45","source":"Wire","title":"Talks","url":""})";
    const std::optional<Article> a = stored_input(v2);
    REQUIRE(a.has_value());
    CHECK(a->id == "old-1");
    CHECK(a->body == "Harbour officials met.");
    CHECK(a->author == "Jane Doe");
    REQUIRE(a->published.has_value());
    CHECK(a->published->utc_offset_minutes == 345);
    CHECK(decode_stored(v2).locations == std::vector<std::string>{"Vienna, AT"});
    // Pieces that do not fit the story: the story alone, never a made-up body.
    const std::optional<Article> bad =
        stored_input(R"({"id":"x","body":"short","boilerplate":["99:far away","1:x"]})");
    REQUIRE(bad.has_value());
    CHECK(bad->body == "short");
    CHECK_FALSE(stored_input(R"({"title":"no id"})").has_value());
    CHECK_FALSE(stored_input("not json").has_value());
}

TEST_CASE("schema: versions, their messages, and the analysis lines") {
    CHECK(schema::parse_version("3") == 3);
    CHECK_FALSE(schema::parse_version("").has_value());
    CHECK_FALSE(schema::parse_version("3a").has_value());
    CHECK(schema::version_mismatch_message("news.db", "1") ==
          "database 'news.db' was written by schema version 1; run `newsdex-index --db news.db "
          "--reanalyse` (no dumps needed)");
    CHECK(schema::version_mismatch_message("news.db", "99").find("newer") != std::string::npos);
    CHECK(schema::find_searchable_older_version(schema::version - 1) != nullptr);
    CHECK(schema::find_searchable_older_version(1) == nullptr);

    std::string stored = schema::with_analysis_line("", "a");
    CHECK(schema::analysis_lines(stored) == std::vector<std::string>{"a"});
    CHECK(schema::with_analysis_line(stored, "a") == stored);
    stored = schema::with_analysis_line(stored, "b");
    CHECK(schema::analysis_lines(stored) == std::vector<std::string>{"a", "b"});
    CHECK(schema::analysis_lines(schema::with_analysis_line(stored, "a")) ==
          std::vector<std::string>{"b", "a"});
    for (int i = 0; i < 20; ++i) {
        stored = schema::with_analysis_line(stored, std::to_string(i));
    }
    CHECK(schema::analysis_lines(stored).size() == schema::max_analysis_lines);
    CHECK(schema::analysis_lines(stored).back() == "19");
}

TEST_CASE("analysis fingerprint: stable, read back, and what differs") {
    const analysis::AnalysisFingerprint with = analysis::current_analysis(true);
    CHECK(with.tagger.size() == 16);
    CHECK(with.gazetteer.size() == 16);
    CHECK(with.aliases.size() == 16);
    CHECK(analysis::current_analysis(true) == with);
    const auto parsed = analysis::AnalysisFingerprint::parse(with.line());
    REQUIRE(parsed.has_value());
    CHECK(*parsed == with);
    CHECK(parsed->differences(with).empty());
    analysis::AnalysisFingerprint other = with;
    other.tagger = "0000000000000000";
    other.aliases = "0000000000000001";
    CHECK(other.differences(with) == std::vector<std::string>{"tagger model", "alias file"});
    const analysis::AnalysisFingerprint without = analysis::current_analysis(false);
    CHECK(without.line().rfind("entities=off", 0) == 0);
    CHECK(without.differences(with) == std::vector<std::string>{"entities on/off"});
    CHECK_FALSE(analysis::AnalysisFingerprint::parse("nonsense").has_value());
}

TEST_CASE("indexer: records the analysis with the articles it writes, once per analysis") {
    test::TempDir dir;
    const std::string path = dir / "news.db";
    index_articles(path, {article("a", "One", "First body."), article("b", "Two", "Second.")});
    const std::string line = analysis::current_analysis(true).line();
    CHECK(Xapian::Database(path).get_metadata(std::string(schema::analysis_key)) == line + "\n");
    index_articles(path, {article("c", "Three", "Third body.")});
    CHECK(Xapian::Database(path).get_metadata(std::string(schema::analysis_key)) == line + "\n");
}

TEST_CASE("reanalyse: an archive of the previous version, rebuilt as a fresh index would be") {
    test::TempDir dir;
    const std::string fresh = dir / "fresh.db";
    const std::string old = dir / "old.db";
    std::vector<Article> articles;
    for (int i = 0; i < 7; ++i) {
        articles.push_back(full_article("n" + std::to_string(i)));
        articles.back().title += " " + std::to_string(i);
    }
    articles.push_back(article("plain", "Coffee prices rise", "Traders said coffee was scarce."));
    Article tombstone;
    tombstone.id = "n3";
    tombstone.deleted = true;
    articles.push_back(tombstone);
    index_articles(fresh, articles);
    index_articles(old, articles);
    set_version(old, std::to_string(schema::version - 1));
    const Xapian::valueno indexed_slot = schema::slot(schema::Slot::indexed_time);
    std::map<std::string, std::string> first_indexed; // id term → when the archive took it
    {
        const Xapian::Database archive(old);
        for (auto it = archive.postlist_begin(""); it != archive.postlist_end(""); ++it) {
            const Xapian::Document doc = archive.get_document(*it);
            first_indexed[schema::id_term(decode_stored(doc.get_data()).id)] =
                doc.get_value(indexed_slot);
        }
    }

    // Refused by the indexer and the searcher's strictness alike: both name the command.
    index::IndexOptions options;
    options.db_path = old;
    CHECK_THROWS_WITH_AS(index::Indexer{options},
                         doctest::Contains("--reanalyse` (no dumps needed)"), SchemaError);
    const search::DatabaseSet before({old}, false);
    REQUIRE(before.notices().size() == 1);
    CHECK(before.notices()[0].find("run `newsdex-index --db " + old + " --reanalyse`") !=
          std::string::npos);
    CHECK_FALSE(before.partial());

    const index::ReanalyseResult result = run_reanalyse(old);
    CHECK(result.swapped);
    CHECK(result.stats.read == 7);
    CHECK(result.stats.added == 7);
    CHECK(result.documents == 7);
    CHECK(ids_of(old) == ids_of(fresh)); // same ids, written in the same order; n3 deleted
    const Xapian::Database db(old);
    CHECK(db.get_metadata(std::string(schema::version_key)) == std::to_string(schema::version));
    CHECK(db.get_metadata(std::string(schema::analysis_key)) ==
          analysis::current_analysis(true).line() + "\n");
    CHECK(search::DatabaseSet({old}, false).notices().empty());
    CHECK_FALSE(fs::exists(old + ".reanalysing"));
    CHECK_FALSE(fs::exists(old + ".before-reanalyse"));
    // Terms, values and stored data as a fresh index writes them.
    const Xapian::Database reference(fresh);
    for (auto it = reference.postlist_begin(""); it != reference.postlist_end(""); ++it) {
        const Xapian::Document want = reference.get_document(*it);
        const std::string id_term = schema::id_term(decode_stored(want.get_data()).id);
        const Xapian::Document got = db.get_document(*db.postlist_begin(id_term));
        CAPTURE(id_term);
        CHECK(got.get_data() == want.get_data());
        CHECK(std::vector<std::string>(got.termlist_begin(), got.termlist_end()) ==
              std::vector<std::string>(want.termlist_begin(), want.termlist_end()));
        for (auto v = want.values_begin(); v != want.values_end(); ++v) {
            if (v.get_valueno() != indexed_slot) { // a fresh index is indexed now
                CHECK(got.get_value(v.get_valueno()) == *v);
            }
        }
        // The time the archive first took the article is kept: no article becomes "new".
        CHECK_FALSE(got.get_value(indexed_slot).empty());
        CHECK(got.get_value(indexed_slot) == first_indexed[id_term]);
    }
    // The same articles again change nothing.
    options.db_path = old;
    index::Indexer again(options);
    for (const Article& a : articles) {
        if (a.id != "n3") {
            again.add(a);
        }
    }
    CHECK(again.stats().unchanged == 7);
    CHECK(again.stats().added + again.stats().replaced == 0);
}

TEST_CASE("reanalyse: data stored before version 3 is analysed from what it holds") {
    test::TempDir dir;
    const std::string path = dir / "v2.db";
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.set_data(R"({"author":"Jane Doe","body":"Harbour officials met in Vienna.",)"
                     R"("id":"old-1","language":"en","published":"2018-01-24T10:15:00Z",)"
                     R"("source":"Wire","title":"Talks","url":""})");
        doc.add_boolean_term(schema::id_term("old-1"));
        db.add_document(doc);
        db.set_metadata(std::string(schema::version_key), "2");
        db.commit();
    }
    CHECK(run_reanalyse(path).swapped);
    const Xapian::Database db(path);
    REQUIRE(db.get_doccount() == 1);
    const Xapian::Document doc = db.get_document(*db.postlist_begin(schema::id_term("old-1")));
    auto has = [&doc](const std::string& term) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return it != doc.termlist_end() && *it == term;
    };
    CHECK(has("harbour"));
    CHECK(has("D20180124"));
    CHECK(has(schema::boolean_term("XLOC", "vienna~at")));
    // The archive had no spelling table (did-you-mean): the re-analysis fills it.
    std::vector<std::string> spellings;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
        spellings.push_back(*it);
    }
    CHECK(spellings == std::vector<std::string>{"harbour", "met", "officials", "talks", "vienna"});
}

TEST_CASE("reanalyse: leftovers of killed runs are taken up or removed") {
    test::TempDir dir;
    const std::string path = dir / "news.db";
    index_articles(path, {full_article("a"), full_article("b"), article("c", "C", "Body c.")});

    SUBCASE("a new database of another archive is started over") {
        index_articles(path + ".reanalysing", {article("z", "Z", "From elsewhere.")});
        std::vector<std::string> notices;
        CHECK(run_reanalyse(path, &notices).swapped);
        CHECK(ids_of(path) == std::vector<std::string>{"a", "b", "c"});
        REQUIRE_FALSE(notices.empty());
        CHECK(notices[0].find("starting over") != std::string::npos);
    }
    SUBCASE("the old generation left after the exchange is removed, the job is done") {
        CHECK(run_reanalyse(path).swapped);
        // As if killed between the exchange and the removal: the old archive beside it.
        index_articles(dir / "replaced.db", {article("a", "A", "Old.")});
        {
            Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
            db.set_metadata("newsdex.reanalysis.source",
                            Xapian::Database(dir / "replaced.db").get_uuid());
            db.commit();
        }
        fs::rename(dir / "replaced.db", path + ".reanalysing");
        std::vector<std::string> notices;
        const index::ReanalyseResult again = run_reanalyse(path, &notices);
        CHECK(again.swapped);
        CHECK(again.stats.read == 0); // nothing left to do
        CHECK_FALSE(fs::exists(path + ".reanalysing"));
        CHECK(ids_of(path) == std::vector<std::string>{"a", "b", "c"});
    }
    SUBCASE("killed between the two renames of a swap without the exchange: restored") {
        fs::rename(path, path + ".before-reanalyse");
        std::vector<std::string> notices;
        CHECK(run_reanalyse(path, &notices).swapped);
        CHECK(ids_of(path) == std::vector<std::string>{"a", "b", "c"});
        REQUIRE_FALSE(notices.empty());
        CHECK(notices[0].find("restored") != std::string::npos);
        CHECK_FALSE(fs::exists(path + ".before-reanalyse"));
    }
    SUBCASE("no database is an error, and nothing is created") {
        const std::string missing = dir / "missing.db";
        CHECK_THROWS_AS(run_reanalyse(missing), Error);
        CHECK_FALSE(fs::exists(missing));
        CHECK_FALSE(fs::exists(missing + ".reanalysing"));
    }
}

TEST_CASE("reanalyse: a stopped run leaves the archive as it was and the same call resumes") {
    test::TempDir dir;
    const std::string path = dir / "news.db";
    std::vector<Article> articles;
    for (int i = 0; i < 40; ++i) {
        articles.push_back(article("s" + std::to_string(i), "Story " + std::to_string(i),
                                   "Officials in Geneva met on day " + std::to_string(i) + "."));
    }
    index_articles(path, articles);
    set_version(path, std::to_string(schema::version - 1));
    const std::string uuid = Xapian::Database(path).get_uuid();

    // Stopped before it starts: the new database exists, nothing is swapped.
    index::IndexOptions options;
    options.db_path = path;
    options.batch_size = 5;
    const std::atomic<bool> stop{true};
    const index::ReanalyseResult stopped = index::reanalyse(options, stop, {}, {});
    CHECK_FALSE(stopped.swapped);
    CHECK(Xapian::Database(path).get_uuid() == uuid);
    REQUIRE(fs::exists(path + ".reanalysing"));

    // Half done, as a kill leaves it: the first 15 articles committed in the parts of the bulk
    // run that writes the new database, not merged into it yet.
    {
        index::IndexOptions half = options;
        half.db_path = path + ".reanalysing";
        std::unique_ptr<index::ArticleSink> sink = index::open_bulk(half, 0);
        auto* bulk = dynamic_cast<index::BulkIndexer*>(sink.get());
        REQUIRE(bulk != nullptr);
        const std::atomic<bool> killed{true};
        bulk->keep_parts_when_stopped(killed);
        ListSource first(std::vector<Article>(articles.begin(), articles.begin() + 15));
        const std::atomic<bool> go_on{false};
        index::index_all(first, *sink, go_on, {});
    }
    CHECK(Xapian::Database(path + ".reanalysing").get_doccount() == 0);
    const std::vector<Xapian::doccount> parts = bulk_parts(path + ".reanalysing");
    CHECK(parts.size() >= 2);
    CHECK(std::accumulate(parts.begin(), parts.end(), Xapian::doccount{0}) == 15);
    std::vector<std::string> notices;
    const index::ReanalyseResult resumed = run_reanalyse(path, &notices);
    CHECK(resumed.swapped);
    CHECK(resumed.stats.unchanged == 15);
    CHECK(resumed.stats.added == 25);
    REQUIRE_FALSE(notices.empty());
    CHECK(notices[0].find("taking up") != std::string::npos);
    CHECK(ids_of(path).size() == 40);
    CHECK(Xapian::Database(path).get_metadata(std::string(schema::version_key)) ==
          std::to_string(schema::version));
    CHECK_FALSE(fs::exists(index::bulk_staging_path(path + ".reanalysing")));
}

TEST_CASE("reanalyse: through several bulk parts, no article lost or doubled, clusters kept") {
    test::TempDir dir;
    const std::string fresh = dir / "fresh.db";
    const std::string old = dir / "old.db";
    // Long enough to be signed (analysis::SimhashOptions::min_shingles): its copies, spread
    // over the input, form one cluster, named by the first copy.
    const std::string story =
        "Harbour officials from both sides met in Vienna on Monday to resume the talks about "
        "the shipping lanes that were broken off in the autumn.\n\nThe delegations agreed to "
        "meet again next week and to publish a joint statement about the progress that both "
        "sides have made since the last round of talks.";
    std::vector<Article> articles;
    for (int i = 0; i < 90; ++i) {
        const std::string n = std::to_string(i);
        if (i % 9 == 4) {
            articles.push_back(article("copy" + n, "Harbour talks resume", story));
        } else {
            articles.push_back(article("s" + n, "Story " + n,
                                       "Officials in Geneva met on day " + n + " of the year."));
        }
    }
    articles.push_back(article("s10", "Story 10", "A later version of story ten."));
    Article gone;
    gone.id = "s20";
    gone.deleted = true;
    articles.push_back(gone);
    index_articles(fresh, articles);
    index_articles(old, articles);
    set_version(old, std::to_string(schema::version - 1));
    const Xapian::doccount expected = Xapian::Database(fresh).get_doccount();
    REQUIRE(expected == 89);

    // Stopped before it starts: the parts it writes through are there, several of them.
    index::IndexOptions options;
    options.db_path = old;
    const std::atomic<bool> stop{true};
    CHECK_FALSE(index::reanalyse(options, stop, {}, {}).swapped);
    CHECK(bulk_parts(old + ".reanalysing").size() >= 2);

    const auto clusters_of = [](const std::string& path) {
        const Xapian::Database db(path);
        std::map<std::string, std::string> clusters; // id → cluster
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            const Xapian::Document doc = db.get_document(*it);
            clusters[decode_stored(doc.get_data()).id] =
                doc.get_value(schema::slot(schema::Slot::cluster));
        }
        return clusters;
    };
    const std::map<std::string, std::string> want = clusters_of(fresh);
    REQUIRE(want.at("copy13") == "copy4");
    for (int pass = 0; pass < 2; ++pass) { // the second reads an archive bulk parts wrote
        CAPTURE(pass);
        const index::ReanalyseResult result = run_reanalyse(old);
        CHECK(result.swapped);
        CHECK(result.stats.read == expected);
        CHECK(result.stats.added == expected);
        CHECK(result.documents == expected);
        const Xapian::Database db(old);
        CHECK(db.get_doccount() == expected);
        for (const auto& entry : want) {
            CHECK(db.get_termfreq(schema::id_term(entry.first)) == 1);
        }
        CHECK(db.get_termfreq(schema::id_term("s20")) == 0);
        CHECK(ids_of(old) == ids_of(fresh));
        CHECK(clusters_of(old) == want);
        set_version(old, std::to_string(schema::version - 1));
    }
}

TEST_CASE("reanalyse: period shards one by one, the stub kept, one story cluster across them") {
    test::TempDir dir;
    const std::string shards = dir / "shards";
    Article jan = full_article("jan");
    // Long enough to be signed (analysis::SimhashOptions::min_shingles).
    jan.body = "Harbour officials from both sides met in Vienna on Monday to resume the talks "
               "about the shipping lanes that were broken off in the autumn.\n\nThe delegations "
               "agreed to meet again next week and to publish a joint statement about the "
               "progress that both sides have made since the last round of talks.";
    Article feb = jan; // the same story a month later: one cluster
    feb.id = "feb";
    feb.published = Timestamp{jan.published->unix_seconds + 31 * 86400, 0};
    {
        index::IndexOptions options;
        options.db_path = shards;
        index::ShardedIndexer sharded(options, index::ShardBy::month);
        index::DocumentBuilder builder("en", sharded.extractor());
        for (const Article& a : {jan, feb}) {
            sharded.add(index::prepare_article(a, builder, nullptr));
        }
        sharded.commit();
    }
    const std::vector<std::string> names = index::list_shards(shards);
    REQUIRE(names.size() == 2);
    for (const std::string& name : names) {
        set_version((fs::path(shards) / name).string(), std::to_string(schema::version - 1));
    }
    const search::DatabaseSet old_set({shards}, false);
    REQUIRE(old_set.notices().size() == 1); // one warning for the archive, not one per shard
    CHECK(old_set.notices()[0].find("--db " + shards + " --reanalyse") != std::string::npos);
    const std::string stub_before = [&] {
        std::ifstream in(fs::path(shards) / index::stub_file_name);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }();

    const index::ReanalyseResult result = run_reanalyse(shards);
    CHECK(result.swapped);
    CHECK(result.parts == 2);
    CHECK(result.documents == 2);
    CHECK(index::list_shards(shards) == names);
    std::ifstream in(fs::path(shards) / index::stub_file_name);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == stub_before);
    CHECK_FALSE(fs::exists(fs::path(shards) / "newsdex.reanalysing"));
    const search::DatabaseSet set({shards}, false);
    CHECK(set.notices().empty());
    const Xapian::Database& all = set.combined();
    std::vector<std::string> clusters;
    for (auto it = all.postlist_begin(""); it != all.postlist_end(""); ++it) {
        clusters.push_back(all.get_document(*it).get_value(schema::slot(schema::Slot::cluster)));
    }
    CHECK(clusters == std::vector<std::string>{"jan", "jan"});
}
