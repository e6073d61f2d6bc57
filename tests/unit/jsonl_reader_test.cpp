#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "newsdex/corpus/input_stream.h"
#include "newsdex/corpus/jsonl_reader.h"
#include "newsdex/corpus/open_source.h"

#include "../support/read_articles.h"

using namespace newsdex;
using namespace newsdex::corpus;

namespace {

using test::data_path;
using test::Read;

Read read_file(const std::string& relative, const ReaderOptions& options = {}) {
    return test::read_all(
        [&](ProblemSink sink) { return open_source(data_path(relative), options, sink); });
}

Read read_text(const std::string& jsonl, const ReaderOptions& options = {}) {
    return test::read_all([&](ProblemSink sink) {
        return std::make_unique<JsonlReader>(InputStream::from_string(jsonl), "inline.jsonl",
                                             options, sink);
    });
}

} // namespace

TEST_CASE("jsonl reader: standard field names, blank lines, unknown fields, tombstones") {
    const Read r = read_file("jsonl/basic.jsonl");
    CHECK(r.problems.empty());
    REQUIRE(r.articles.size() == 3);

    const Article& a = r.articles[0];
    CHECK(a.id == "b-1");
    CHECK(a.title == "Harbour ferry resumes service");
    CHECK(a.body == "The Northgate ferry sailed again on Monday after repairs.");
    CHECK(a.url == "http://example.com/b-1");
    CHECK(a.source == "Coastal Courier");
    CHECK(a.author == "Mara Quill"); // "By  Mara   Quill"
    CHECK(a.language == "en");       // "en-GB"
    CHECK(a.origin.file == data_path("jsonl/basic.jsonl"));
    CHECK(a.origin.line == 1);
    CHECK_FALSE(a.deleted);

    CHECK(r.articles[1].id == "b-2");
    CHECK(r.articles[1].origin.line == 3); // line 2 is blank

    CHECK(r.articles[2].id == "b-3");
    CHECK(r.articles[2].deleted);
    CHECK(r.articles[2].body.empty());
}

TEST_CASE("jsonl reader: alternative field names") {
    struct Case {
        std::string id;
        std::string url;
        std::string title;
        std::string body;
        std::string source;
        std::string author;
        std::string language;
    };
    const Case cases[] = {
        {"4711", "http://example.com/4711", "Orchard harvest beats forecast",
         "Apple growers in the valley picked a record crop.", "Valley Gazette", "Tomas Renn", "de"},
        {"u-2", "http://example.com/u-2", "Bridge vote delayed",
         "First paragraph about the vote.\n\nSecond paragraph about the delay.", "City Wire",
         "Ana Pell, Rob Stone", "fr"},
        {"u-3", "", "Snow closes mountain pass", "Heavy snow closed the pass overnight.",
         "Alpine Notes", "Lee Moss", ""},
        {"u-4", "", "Market hall reopens", "The restored market hall opened its doors.", "", "",
         ""},
    };
    const Read r = read_file("jsonl/alt_fields.jsonl");
    CHECK(r.problems.empty());
    REQUIRE(r.articles.size() == std::size(cases));
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const Case& c = cases[i];
        const Article& a = r.articles[i];
        CAPTURE(c.id);
        CHECK(a.id == c.id);
        CHECK(a.url == c.url);
        CHECK(a.title == c.title);
        CHECK(a.body == c.body);
        CHECK(a.source == c.source);
        CHECK(a.author == c.author);
        CHECK(a.language == c.language);
        CHECK(a.origin.line == i + 1);
    }
}

TEST_CASE("jsonl reader: publication dates in the shapes real dumps use") {
    struct Case {
        std::string json;
        std::int64_t unix_seconds;
        std::int32_t offset_minutes;
    };
    const Case cases[] = {
        {R"({"title": "t", "published": "2018-01-24T10:15:00+01:00"})", 1516785300, 60},
        {R"({"title": "t", "date": "Fri Oct 20, 2006 6:15pm EDT"})", 1161382500, -240},
        {R"({"title": "t", "pubDate": "26-FEB-1987 15:01:01.79"})", 541350061, 0},
        {R"({"title": "t", "published_at": "2018-01-24T10:15:00+01:00"})", 1516785300, 60},
        {R"({"title": "t", "datePublished": "2018-01-24T10:15:00+01:00"})", 1516785300, 60},
        {R"({"title": "t", "publishedAt": "2018-01-24T10:15:00+01:00"})", 1516785300, 60},
        {R"({"title": "t", "created_at": "2018-01-24T10:15:00+01:00"})", 1516785300, 60},
    };
    for (const Case& c : cases) {
        CAPTURE(c.json);
        const Read r = read_text(c.json);
        CHECK(r.problems.empty());
        REQUIRE(r.articles.size() == 1);
        REQUIRE(r.articles[0].published.has_value());
        CHECK(r.articles[0].published->unix_seconds == c.unix_seconds);
        CHECK(r.articles[0].published->utc_offset_minutes == c.offset_minutes);
        CHECK(r.articles[0].published_text.empty());
    }
}

TEST_CASE("jsonl reader: --field mappings replace the default names") {
    ReaderOptions options;
    add_field_mapping(options, "published=when");
    add_field_mapping(options, "body=story");
    add_field_mapping(options, "source=meta.site");
    const Read mapped = read_file("jsonl/field_map.jsonl", options);
    CHECK(mapped.problems.empty());
    REQUIRE(mapped.articles.size() == 1);
    const Article& a = mapped.articles[0];
    REQUIRE(a.published.has_value());
    CHECK(a.published->unix_seconds == 1516785300);
    CHECK(a.body == "Body under a custom name.");
    CHECK(a.source == "Nested Site");

    // Without the mapping, "date" is taken and is not a date.
    const Read plain = read_file("jsonl/field_map.jsonl");
    REQUIRE(plain.articles.size() == 1);
    CHECK(plain.articles[0].body.empty());
    CHECK(plain.articles[0].published_text == "not the date");
    REQUIRE(plain.problems.size() == 1);
    CHECK(plain.problems[0].kind == ProblemKind::bad_date);
    CHECK(plain.problems[0].where.line == 1);
}

TEST_CASE("jsonl reader: id falls back to the url, then to a hash of title and body") {
    struct Case {
        std::string json;
        std::string id;
    };
    const Case cases[] = {
        {R"({"id": "a-1", "title": "t"})", "a-1"},
        {R"({"id": 42, "title": "t"})", "42"},
        {R"({"id": 18446744073709551615, "title": "t"})", "18446744073709551615"},
        {R"({"guid": "g-1", "url": "http://x/1", "title": "t"})", "g-1"},
        {R"({"url": "http://x/1", "title": "t"})", "http://x/1"},
        {R"({"id": "", "url": "", "title": "Story with nothing", "body": "Neither id nor url."})",
         "h:f86156474a0cb8a3"},
        {R"({"title": "Story with nothing", "body": "Neither id nor url."})", "h:f86156474a0cb8a3"},
        {R"({"id": null, "link": "http://x/2", "title": "t"})", "http://x/2"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.json);
        const Read r = read_text(c.json);
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].id == c.id);
    }

    const Read file = read_file("jsonl/id_fallback.jsonl");
    REQUIRE(file.articles.size() == 3);
    CHECK(file.articles[0].id == "http://example.com/no-id");
    CHECK(file.articles[1].id == "h:f86156474a0cb8a3");
    CHECK(file.articles[2].id.substr(0, 2) == "h:");
    CHECK(file.articles[2].id.size() == 18);
}

TEST_CASE("jsonl reader: authors, sources and languages in their many shapes") {
    struct Case {
        std::string json;
        std::string author;
        std::string source;
        std::string language;
    };
    const Case cases[] = {
        {R"({"title": "t", "author": "By  Linda Sieg"})", "Linda Sieg", "", ""},
        {R"({"title": "t", "author": "By  Eric Auchard  and  Paul Thomasch"})",
         "Eric Auchard and Paul Thomasch", "", ""},
        {R"({"title": "t", "authors": ["A One", "B Two", ""]})", "A One, B Two", "", ""},
        {R"({"title": "t", "author": {"name": "C Three"}})", "C Three", "", ""},
        {R"({"title": "t", "source": {"name": "Wire", "id": 3}})", "", "Wire", ""},
        {R"({"title": "t", "lang": "EN_us"})", "", "", "en"},
        {R"({"title": "t", "language": "pt"})", "", "", "pt"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.json);
        const Read r = read_text(c.json);
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].author == c.author);
        CHECK(r.articles[0].source == c.source);
        CHECK(r.articles[0].language == c.language);
    }
}

TEST_CASE("jsonl reader: each bad record is reported at its file and line, the rest is read") {
    ReaderOptions options;
    options.max_article_bytes = 80;
    const Read r = read_file("jsonl/bad.jsonl", options);

    test::check_problems(
        r,
        {
            {ProblemKind::malformed_record, "jsonl/bad.jsonl", 2,
             "parse error at column 76: syntax error while parsing object - unexpected end of "
             "input; expected '}'"},
            {ProblemKind::missing_body, "jsonl/bad.jsonl", 4, "no title or body"},
            {ProblemKind::malformed_record, "jsonl/bad.jsonl", 5, "not a json object"},
            {ProblemKind::invalid_utf8, "jsonl/bad.jsonl", 6, "invalid utf-8 replaced with U+FFFD"},
            {ProblemKind::bad_date, "jsonl/bad.jsonl", 7,
             "cannot read date 'the day after tomorrow'"},
            {ProblemKind::too_large, "jsonl/bad.jsonl", 8,
             "article is 112 bytes, over the limit of 80"},
        });

    std::vector<std::string> ids;
    for (const auto& a : r.articles) {
        ids.push_back(a.id);
    }
    CHECK(ids == std::vector<std::string>{"x-1", "x-6", "x-7", "x-9"});
    CHECK(r.articles[1].title == "Caf\xEF\xBF\xBD opens");
    CHECK(r.articles[2].published_text == "the day after tomorrow");
    CHECK_FALSE(r.articles[2].published.has_value());
}

TEST_CASE("jsonl reader: a nul byte skips its record only") {
    const Read r = read_text(std::string("{\"id\": \"1\", \"title\": \"a\"}\n") +
                             std::string("{\"id\": \"2\", \"title\": \"b\0\"}\n", 27) +
                             "{\"id\": \"3\", \"title\": \"c\"}\n");
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].id == "1");
    CHECK(r.articles[1].id == "3");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::binary_data);
    CHECK(r.problems[0].where.file == "inline.jsonl");
    CHECK(r.problems[0].where.line == 2);
}

TEST_CASE("jsonl reader: empty files") {
    for (const char* file : {"jsonl/empty.jsonl", "jsonl/blank_lines.jsonl"}) {
        CAPTURE(file);
        const Read r = read_file(file);
        CHECK(r.articles.empty());
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].kind == ProblemKind::empty_file);
        CHECK(r.problems[0].where.file == data_path(file));
    }
}

TEST_CASE("jsonl reader: gzip, concatenated gzip members and a truncated gzip") {
    const Read plain = read_file("jsonl/basic.jsonl");
    const Read gz = read_file("jsonl/basic.jsonl.gz");
    CHECK(gz.problems.empty());
    REQUIRE(gz.articles.size() == plain.articles.size());
    for (std::size_t i = 0; i < gz.articles.size(); ++i) {
        CHECK(gz.articles[i].id == plain.articles[i].id);
        CHECK(gz.articles[i].body == plain.articles[i].body);
        CHECK(gz.articles[i].origin.line == plain.articles[i].origin.line);
    }

    const Read both = read_file("jsonl/concatenated.jsonl.gz");
    CHECK(both.problems.empty());
    REQUIRE(both.articles.size() == 7); // basic.jsonl's 3 then alt_fields.jsonl's 4
    CHECK(both.articles[3].id == "4711");
    CHECK(both.articles[6].origin.line == 8);

    // Cut inside the deflate data: the complete lines before the cut are kept.
    const Read cut = read_file("jsonl/truncated.jsonl.gz");
    REQUIRE(cut.articles.size() == 169);
    for (std::size_t i = 0; i < cut.articles.size(); ++i) {
        CHECK(cut.articles[i].id == "n-" + std::to_string(i + 1));
    }
    REQUIRE(cut.problems.size() == 1);
    CHECK(cut.problems[0].kind == ProblemKind::truncated_gzip);
    CHECK(cut.problems[0].where.file == data_path("jsonl/truncated.jsonl.gz"));
    CHECK(cut.problems[0].where.line == 170);
    CHECK(cut.problems[0].message == "gzip data ends early (truncated file)");
}

TEST_CASE("jsonl reader: the shared Reuters financial news dump" * doctest::skip()) {
    // Slow (350 MB): run with --no-skip -tc='*financial*' when changing the reader.
    const std::string path = std::string(NEWSDEX_SHARED_DATA_DIR) +
                             "/reuters-financial-news/reuters_news_2006_2013.jsonl.gz";
    std::size_t articles = 0;
    std::size_t with_author = 0;
    std::size_t malformed = 0;
    std::uint64_t last_line = 0;
    auto source = open_source(path, {}, [&](const Problem& p) {
        malformed += p.kind == ProblemKind::malformed_record ? 1 : 0;
    });
    while (auto a = source->next()) {
        ++articles;
        with_author += a->author.empty() ? 0 : 1;
        last_line = a->origin.line;
    }
    CHECK(malformed == 0);
    CHECK(last_line == 106520);
    CHECK(articles == 106495); // 25 records in the dump have neither title nor body
    CHECK(with_author > 50000);
}
