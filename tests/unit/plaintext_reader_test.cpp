#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "newsdex/corpus/open_source.h"
#include "newsdex/corpus/plaintext_reader.h"

#include "../support/read_articles.h"

using namespace newsdex;
using namespace newsdex::corpus;

namespace {

using test::data_path;
using test::Read;
using test::read_paths;

} // namespace

TEST_CASE("plaintext reader: headline, paragraphs and byline") {
    struct Case {
        std::string text;
        std::string title;
        std::string body;
        std::string author;
    };
    const Case cases[] = {
        {"Headline\n\nFirst paragraph.\n\nSecond paragraph.\n", "Headline",
         "First paragraph.\n\nSecond paragraph.", ""},
        {"\n\n  Headline  \nBody straight after.\n", "Headline", "Body straight after.", ""},
        {"Headline\n\nLine one\nline two\n\n\n\nNext paragraph\n", "Headline",
         "Line one\nline two\n\nNext paragraph", ""},
        {"Headline\r\n\r\nWindows line ends.\r\n", "Headline", "Windows line ends.", ""},
        {"\xEF\xBB\xBFHeadline\n\nAfter a byte order mark.\n", "Headline",
         "After a byte order mark.", ""},
        {"Headline\n\nText.\n\n\xE2\x80\xA2 Adam Floyd\n", "Headline", "Text.", "Adam Floyd"},
        {"Headline\n\nText.\nBy Jane Doe\n", "Headline", "Text.", "Jane Doe"},
        {"Headline\n\nText.\n\xE2\x80\x94 Jane Doe\n", "Headline", "Text.", "Jane Doe"},
        {"Headline\n\nText.\n-- Ana de la Cruz\n", "Headline", "Text.", "Ana de la Cruz"},
        {"Headline\nBy Sam Ortiz\n\nText.\n", "Headline", "Text.", "Sam Ortiz"},
        // Sentences that merely start like a byline stay in the body.
        {"Headline\n\nText.\nBy the end of the year, sales rose.\n", "Headline",
         "Text.\nBy the end of the year, sales rose.", ""},
        {"Headline\n\nText.\n- see page two for details\n", "Headline",
         "Text.\n- see page two for details", ""},
        {"Only a headline\n", "Only a headline", "", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        std::vector<Problem> problems;
        const Article a = parse_plaintext(c.text, SourceLocation{"inline.txt", 1},
                                          [&](const Problem& p) { problems.push_back(p); });
        CHECK(problems.empty());
        CHECK(a.title == c.title);
        CHECK(a.body == c.body);
        CHECK(a.author == c.author);
    }
}

TEST_CASE("plaintext reader: leading header lines") {
    const Read r = read_paths({data_path("text/headers.txt")});
    CHECK(r.problems.empty());
    REQUIRE(r.articles.size() == 1);
    const Article& a = r.articles[0];
    CHECK(a.id == "http://example.com/herald/42"); // no Id header: the URL
    CHECK(a.url == "http://example.com/herald/42");
    CHECK(a.source == "Riverside Herald");
    CHECK(a.author == "Nina Hart"); // the Author header wins over the "By Jane Doe" byline
    CHECK(a.language == "en");
    CHECK(a.title == "Flood barrier tested ahead of winter");
    CHECK(a.body == "Engineers raised the new flood barrier for the first time on Wednesday.");
    REQUIRE(a.published.has_value());
    CHECK(a.published->unix_seconds == 1516785300);
    CHECK(a.published->utc_offset_minutes == 60);
    CHECK(a.origin.file == data_path("text/headers.txt"));
    CHECK(a.origin.line == 1);

    const Read t = read_paths({data_path("text/id_title_headers.txt")});
    REQUIRE(t.articles.size() == 1);
    CHECK(t.articles[0].id == "herald-7");
    CHECK(t.articles[0].title == "Museum wins heritage award");
    // With a Title header, every line after the headers is body.
    CHECK(t.articles[0].body ==
          "Museum wins heritage award\n\n"
          "The small railway museum won a national award for its volunteers.");
    CHECK(t.articles[0].author == "Peter van der Berg");
}

TEST_CASE("plaintext reader: ids are paths under the directory named, or the file name") {
    const Read dir = read_paths({data_path("text/dir")});
    CHECK(dir.problems.empty());
    std::vector<std::string> ids;
    std::vector<std::string> titles;
    for (const auto& a : dir.articles) {
        ids.push_back(a.id);
        titles.push_back(a.title);
    }
    // Sorted, recursive, hidden files and folders skipped, ".gz" not part of the id.
    CHECK(ids == std::vector<std::string>{"a.txt", "c.txt", "sub/b.txt"});
    CHECK(titles == std::vector<std::string>{"First story in the folder", "Third story, compressed",
                                             "Second story, one level down"});
    CHECK(dir.articles[2].origin.file == data_path("text/dir") + "/sub/b.txt");

    const Read file = read_paths({data_path("text/simple.txt")});
    REQUIRE(file.articles.size() == 1);
    CHECK(file.articles[0].id == "simple.txt");
    CHECK(file.articles[0].author == "Adam Floyd");
    CHECK(file.articles[0].body ==
          "The town council voted on Tuesday to build a cycle lane along Mill Road.\n\n"
          "Work is expected to start in the spring and to last six weeks.\n"
          "Shops along the road will stay open throughout.");
}

TEST_CASE("plaintext reader: bad files are reported by name and the rest is read") {
    // A binary file in a directory is one of the things folders hold besides articles: told
    // apart (the CLI's summary line), not a problem.
    ReaderOptions options;
    std::vector<std::string> not_articles;
    options.on_not_an_article = [&](const std::string& file) { not_articles.push_back(file); };
    const Read r = read_paths({data_path("text/bad")}, options);
    REQUIRE(not_articles.size() == 1);
    CHECK(not_articles[0].find("binary.txt") != std::string::npos);
    test::check_problems(r, {
                                {ProblemKind::bad_date, "text/bad/bad_date.txt", 1,
                                 "cannot read date 'sometime next week'"},
                                {ProblemKind::empty_file, "text/bad/blank.txt", 0, "no text"},
                                {ProblemKind::empty_file, "text/bad/empty.txt", 0, "no text"},
                                {ProblemKind::invalid_utf8, "text/bad/latin1.txt", 1,
                                 "invalid utf-8 replaced with U+FFFD"},
                                {ProblemKind::truncated_gzip, "text/bad/truncated.txt.gz", 0,
                                 "gzip data ends early (truncated file)"},
                            });
    // The cut article is dropped, as a cut JSON line or Reuters record is.
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].id == "bad_date.txt");
    CHECK(r.articles[0].published_text == "sometime next week");
    CHECK(r.articles[1].title == "Caf\xEF\xBF\xBD owner retires");
}

TEST_CASE("plaintext reader: an article over the size limit is dropped") {
    ReaderOptions options;
    options.max_article_bytes = 50;
    const Read r = read_paths({data_path("text/simple.txt")}, options);
    CHECK(r.articles.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::too_large);
    CHECK(r.problems[0].where.line == 1);
}
