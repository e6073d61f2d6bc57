#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "newsdex/article_source.h"
#include "newsdex/corpus/input_stream.h"
#include "newsdex/corpus/open_source.h"
#include "newsdex/error.h"

#include "../support/read_articles.h"

using namespace newsdex;
using namespace newsdex::corpus;

namespace {

using test::data_path;
using test::Read;
using test::read_paths;

} // namespace

TEST_CASE("open source: format names") {
    struct Case {
        std::string name;
        Format format;
    };
    const Case cases[] = {{"auto", Format::automatic},
                          {"jsonl", Format::jsonl},
                          {"text", Format::text},
                          {"reuters", Format::reuters}};
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(parse_format(c.name) == c.format);
        CHECK(format_name(c.format) == c.name);
    }
    CHECK_THROWS_WITH_AS(parse_format("xml"),
                         "unknown format 'xml' (expected auto, jsonl, text or reuters)",
                         UsageError);
}

TEST_CASE("open source: format detection by extension, then by content") {
    struct Case {
        std::string file;
        std::string head;
        Format format;
    };
    const Case cases[] = {
        {"a.jsonl", "", Format::jsonl},
        {"a.NDJSON", "", Format::jsonl},
        {"a.json.gz", "", Format::jsonl},
        {"reut2-000.sgm", "", Format::reuters},
        {"x.sgml.gz", "", Format::reuters},
        {"story.txt", "{\"looks\": \"like json\"}", Format::text}, // the extension wins
        {"story.txt.gz", "", Format::text},
        {"", "{\"id\": 1}", Format::jsonl},
        {"", "\xEF\xBB\xBF  \n{\"id\": 1}", Format::jsonl},
        {"dump", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">", Format::reuters},
        {"dump.gz", "<REUTERS TOPICS=\"YES\">", Format::reuters},
        {"notes", "Headline\n\nBody", Format::text},
        {"", "", Format::text},
    };
    for (const Case& c : cases) {
        CAPTURE(c.file);
        CAPTURE(c.head);
        CHECK(detect_format(c.file, c.head) == c.format);
    }
}

TEST_CASE("open source: gzip is recognised by its magic bytes, not its name") {
    const Read r = read_paths({data_path("jsonl/gzipped_no_extension")});
    CHECK(r.problems.empty());
    REQUIRE(r.articles.size() == 3);
    CHECK(r.articles[0].id == "b-1");

    const Read lewis = read_paths({data_path("reuters/lewis_no_extension")});
    CHECK(lewis.problems.empty());
    CHECK(lewis.articles.size() == 4);
}

TEST_CASE("open source: ReaderOptions::format overrides detection") {
    ReaderOptions options;
    options.format = Format::text;
    const Read r = read_paths({data_path("jsonl/field_map.jsonl")}, options);
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].id == "field_map.jsonl");
    CHECK(r.articles[0].title.substr(0, 12) == "{\"id\": \"m-1\"");
}

TEST_CASE("open source: --source names the publisher of articles that name none") {
    ReaderOptions options;
    options.default_source = "BBC";
    const Read text = read_paths({data_path("text/simple.txt")}, options);
    REQUIRE(text.articles.size() == 1);
    CHECK(text.articles[0].source == "BBC");
    const Read plain = read_paths({data_path("text/simple.txt")}, ReaderOptions{});
    CHECK(plain.articles[0].source.empty());
    // A source the input gives wins.
    const Read given = read_paths({data_path("jsonl/basic.jsonl")}, options);
    REQUIRE(!given.articles.empty());
    CHECK(std::any_of(given.articles.begin(), given.articles.end(),
                      [](const Article& a) { return !a.source.empty() && a.source != "BBC"; }));
}

TEST_CASE("open source: --field mappings") {
    ReaderOptions options;
    add_field_mapping(options, "published=when");
    add_field_mapping(options, " author = meta.writer ");
    CHECK(options.field_map.at("published") == "when");
    CHECK(options.field_map.at("author") == "meta.writer");

    struct Case {
        std::string argument;
        std::string message;
    };
    const Case bad[] = {
        {"published", "invalid --field 'published' (expected NAME=FIELD, e.g. published=when)"},
        {"when=published",
         "unknown article field 'when' in --field 'when=published' (expected one of id, url, "
         "title, body, published, filed, source, author, language, deleted)"},
        {"title=", "empty source field in --field 'title='"},
    };
    for (const Case& c : bad) {
        CAPTURE(c.argument);
        CHECK_THROWS_WITH_AS(add_field_mapping(options, c.argument), c.message.c_str(), UsageError);
    }
}

TEST_CASE("open source: several inputs in order; a missing path is reported and skipped") {
    const Read r = read_paths({data_path("jsonl/basic.jsonl"), data_path("no/such/file.jsonl"),
                               data_path("reuters/sample.sgm"), data_path("text/simple.txt")});
    REQUIRE(r.articles.size() == 3 + 4 + 1);
    CHECK(r.articles[0].id == "b-1");
    CHECK(r.articles[3].id == "1");
    CHECK(r.articles[7].id == "simple.txt");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::unreadable_file);
    CHECK(r.problems[0].where.file == data_path("no/such/file.jsonl"));
    CHECK(r.problems[0].message == "no such file or directory");
}

TEST_CASE("open source: a binary file is skipped whole") {
    const Read r = read_paths({data_path("text/bad/binary.txt"), data_path("text/simple.txt")});
    REQUIRE(r.articles.size() == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::binary_data);
    CHECK(r.problems[0].where.file == data_path("text/bad/binary.txt"));
}

TEST_CASE("open source: a null sink is allowed") {
    auto source = open_source(data_path("jsonl/bad.jsonl"), {}, nullptr);
    int n = 0;
    while (source->next()) {
        ++n;
    }
    CHECK(n == 5);
}

TEST_CASE("open source: problem kinds") {
    struct Case {
        ProblemKind kind;
        std::string name;
        bool rejection;
    };
    const Case cases[] = {
        {ProblemKind::malformed_record, "malformed record", true},
        {ProblemKind::invalid_utf8, "invalid utf-8", false},
        {ProblemKind::missing_body, "missing body", true},
        {ProblemKind::too_large, "too large", true},
        {ProblemKind::binary_data, "binary data", true},
        {ProblemKind::empty_file, "empty file", false},
        {ProblemKind::truncated_gzip, "truncated gzip", true},
        {ProblemKind::unreadable_file, "unreadable file", true},
        {ProblemKind::bad_date, "bad date", false},
        {ProblemKind::nul_bytes, "nul bytes", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(to_string(c.kind) == c.name);
        CHECK(is_rejection(c.kind) == c.rejection);
    }
}

TEST_CASE("open source: input stream lines, peeking and gzip in memory") {
    auto in = InputStream::from_string("one\r\ntwo\n\nlast without newline");
    CHECK(in->peek(3) == "one");
    std::string line;
    std::vector<std::string> lines;
    while (in->read_line(line)) {
        lines.push_back(line);
    }
    CHECK(lines == std::vector<std::string>{"one", "two", "", "last without newline"});
    CHECK_FALSE(in->failure().has_value());
    CHECK_FALSE(in->compressed());

    // A line longer than the read buffer comes back whole.
    const std::string long_line(3 * 1024 * 1024 + 17, 'x');
    auto big = InputStream::from_string(long_line + "\nend\n");
    REQUIRE(big->read_line(line));
    CHECK(line.size() == long_line.size());
    REQUIRE(big->read_line(line));
    CHECK(line == "end");
    CHECK_FALSE(big->read_line(line));
}
