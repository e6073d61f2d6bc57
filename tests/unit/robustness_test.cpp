// Bad input and bad places that must cost as little as possible (issue 15): stray NULs in every
// format, records too large to collect, terminal escapes in output, stubs and folders that are
// not ours.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/corpus/input_stream.h"
#include "newsdex/corpus/jsonl_reader.h"
#include "newsdex/corpus/open_source.h"
#include "newsdex/database_location.h"
#include "newsdex/error.h"
#include "newsdex/output/json_output.h"
#include "newsdex/output/text_output.h"
#include "newsdex/schema.h"
#include "newsdex/search/searcher.h"
#include "newsdex/time/timestamp.h"

#include "../support/read_articles.h"
#include "../support/temp_dir.h"

using namespace newsdex;
using namespace newsdex::corpus;

namespace {

std::string write_file(const test::TempDir& dir, const std::string& name,
                       const std::string& bytes) {
    const std::string path = dir / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string nul() { return std::string(1, '\0'); }

std::vector<std::string> ids(const test::Read& r) {
    std::vector<std::string> out;
    for (const Article& a : r.articles) {
        out.push_back(a.id);
    }
    return out;
}

} // namespace

TEST_CASE("stray nul: a Reuters file loses the damaged record only, wherever the nul is") {
    test::TempDir dir;
    std::string sgml = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">" + nul() + "\n";
    for (int i = 1; i <= 20; ++i) {
        sgml += "<REUTERS NEWID=\"" + std::to_string(i) + "\">\n<TEXT><TITLE>STORY " +
                std::to_string(i) + "</TITLE><BODY>Wheat prices rose" +
                (i == 2 ? nul() : std::string()) + " on Tuesday.</BODY></TEXT>\n</REUTERS>\n";
    }
    REQUIRE(sgml.find('\0', 100) < 4096); // inside the head the reader sniffs
    const test::Read r = test::read_paths({write_file(dir, "stray.sgm", sgml)});
    CHECK(r.articles.size() == 19);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::binary_data);
    CHECK(r.problems[0].message == "nul byte in record");
    CHECK(r.problems[0].where.line == 5);
}

TEST_CASE("stray nul: a JSON Lines dump loses the damaged line only") {
    test::TempDir dir;
    const std::string jsonl =
        "{\"id\": \"j-1\", \"body\": \"one\"}\n{\"id\": \"j-2\", \"body\": \"t" + nul() +
        "wo\"}\n{\"id\": \"j-3\", \"body\": \"three\"}\n";
    const test::Read r = test::read_paths({write_file(dir, "stray.jsonl", jsonl)});
    CHECK(ids(r) == std::vector<std::string>{"j-1", "j-3"});
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::binary_data);
    CHECK(r.problems[0].where.line == 2);
}

TEST_CASE("stray nul: a text article is kept, the nul replaced and reported") {
    test::TempDir dir;
    const std::string text = "Harbour reopens\n\nThe ferry" + nul() + " runs again from Monday.\n";
    const test::Read r = test::read_paths({write_file(dir, "stray.txt", text)});
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Harbour reopens");
    CHECK(r.articles[0].body == "The ferry\xEF\xBF\xBD runs again from Monday.");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::nul_bytes);
    CHECK(r.problems[0].message == "1 nul byte replaced with U+FFFD");
    CHECK_FALSE(is_rejection(ProblemKind::nul_bytes));
}

TEST_CASE("binary files are still skipped whole, in every format") {
    test::TempDir dir;
    std::string png = "\x89PNG\r\n\x1a\n";
    png += std::string(64, 'x');
    std::string utf16; // "News" in UTF-16LE without a byte order mark: half NULs
    for (char c : std::string("News story about the harbour\n")) {
        utf16 += c;
        utf16 += '\0';
    }
    const std::string zip = std::string("PK\x03\x04", 4) + "payload";
    for (const char* name : {"a.txt", "a.sgm", "a"}) {
        CAPTURE(name);
        for (const std::string& bytes : std::vector<std::string>{png, utf16, zip}) {
            const test::Read r = test::read_paths({write_file(dir, name, bytes)});
            CHECK(r.articles.empty());
            REQUIRE(r.problems.size() == 1);
            CHECK(r.problems[0].kind == ProblemKind::binary_data);
            CHECK(r.problems[0].message.find("not a text file") != std::string::npos);
        }
    }
}

TEST_CASE("too large: a JSON line far over --max-article-bytes is rejected without collecting it") {
    ReaderOptions options;
    options.max_article_bytes = 1000;
    const std::size_t limit = 6 * 1000 + (std::size_t{1} << 20);
    const std::string huge =
        "{\"id\": \"big\", \"body\": \"" + std::string(limit + 10, 'a') + "\"}";
    const std::string text = "{\"id\": \"a\", \"body\": \"small\"}\n" + huge +
                             "\n{\"id\": \"b\", \"body\": \"" + std::string(1500, 'b') +
                             "\"}\n{\"id\": \"c\", \"body\": \"small\"}\n";
    const test::Read r = test::read_all([&](ProblemSink sink) {
        return std::make_unique<JsonlReader>(InputStream::from_string(text), "inline.jsonl",
                                             options, sink);
    });
    CHECK(ids(r) == std::vector<std::string>{"a", "c"});
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].kind == ProblemKind::too_large);
    CHECK(r.problems[0].where.line == 2);
    CHECK(r.problems[0].message.rfind("record is over " + std::to_string(limit) + " bytes", 0) ==
          0);
    CHECK(r.problems[1].kind == ProblemKind::too_large); // parsed, then over the limit
    CHECK(r.problems[1].where.line == 3);
}

TEST_CASE("too large: the default limit is a safe few MiB, not none") {
    CHECK(ReaderOptions{}.max_article_bytes == default_max_article_bytes);
    CHECK(default_max_article_bytes == std::size_t{8} << 20);
}

TEST_CASE("input stream: a line over the limit is cut to the limit and the rest skipped") {
    auto in = InputStream::from_string("short\n" + std::string(5 * 1024 * 1024, 'x') + "\nnext\n");
    std::string line;
    bool too_long = true;
    REQUIRE(in->read_line(line, 1000, &too_long));
    CHECK(line == "short");
    CHECK_FALSE(too_long);
    REQUIRE(in->read_line(line, 1000, &too_long));
    CHECK(too_long);
    CHECK(line.size() == 1000);
    CHECK(line.capacity() < 64 * 1024); // never held the whole line
    REQUIRE(in->read_line(line, 1000, &too_long));
    CHECK(line == "next");
    CHECK_FALSE(too_long);
    CHECK_FALSE(in->read_line(line, 1000, &too_long));
}

TEST_CASE("printable: terminal controls become visible placeholders") {
    using output::printable;
    CHECK(printable("plain text, tabs\tand\nnewlines") == "plain text, tabs\tand\nnewlines");
    CHECK(printable("Caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0") ==
          "Caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0");
    CHECK(printable("\x1b]0;owned\x07title") == "^[]0;owned^Gtitle");
    CHECK(printable("hidden\x1b[8mtext") == "hidden^[[8mtext");
    CHECK(printable("over\rwrite") == "over^Mwrite");
    CHECK(printable("del\x7f") == "del^?");
    CHECK(printable("c1 \xC2\x9B"
                    "2J") == "c1 \xEF\xBF\xBD"
                             "2J"); // CSI U+009B
    CHECK(printable("raw \x9B"
                    "2J") == "raw \xEF\xBF\xBD"
                             "2J"); // CSI as a raw byte
    CHECK(printable(std::string("nul ") + '\0') == "nul ^@");
}

TEST_CASE("escapes in articles: text output shows placeholders, JSON escapes them") {
    search::SearchResult r;
    r.total = 1;
    search::Hit h;
    h.rank = 1;
    h.id = "e-1\x1b[2J";
    h.title = "Evil\x1b]0;pwned\x07 title\xC2\x9B"
              "31m";
    h.source = "wire\x1b[5m";
    h.author = "Ann\x9b"
               "8m";
    h.date = "2018-01-24";
    h.snippet.text = "before \x1b[8mhidden\x1b[0m match after";
    h.snippet.highlights = {{22, 27}};
    r.hits.push_back(h);
    search::FacetCounts facet;
    facet.name = "actor";
    facet.values.push_back({"Mal\x1b[1Aory", 1});
    r.facets.push_back(facet);
    for (const bool color : {false, true}) {
        std::ostringstream text;
        output::TextStyle style;
        style.color = color;
        output::write_text(text, r, style);
        std::string shown = text.str();
        // Remove our own colour codes; nothing else may be a control.
        for (const std::string& code : std::vector<std::string>{"\x1b[1m", "\x1b[2m", "\x1b[0m"}) {
            for (auto p = shown.find(code); p != std::string::npos; p = shown.find(code)) {
                shown.erase(p, code.size());
            }
        }
        CAPTURE(shown);
        CHECK(shown.find('\x1b') == std::string::npos);
        CHECK(shown.find("\xC2\x9B") == std::string::npos);
        CHECK(shown.find('\x9B') == std::string::npos);
        CHECK(shown.find('\x07') == std::string::npos);
        CHECK(shown.find("Evil^[]0;pwned^G title") != std::string::npos);
        CHECK(shown.find("^[[8mhidden^[[0m") != std::string::npos);
        CHECK(shown.find("Mal^[[1Aory") != std::string::npos);
    }
    const std::string json = [&] {
        std::ostringstream s;
        output::write_json(s, r, false);
        return s.str();
    }();
    CAPTURE(json);
    CHECK(json.find('\x1b') == std::string::npos);
    CHECK(json.find("\xC2\x9B") == std::string::npos);
    CHECK(json.find("\\u001b]0;pwned\\u0007 title\\u009b31m") != std::string::npos);
    // Escaped, not altered: a JSON reader gets the article's own text back.
    CHECK(nlohmann::json::parse(json)["hits"][0]["title"] == h.title);
}

TEST_CASE("database locations: ports, stubs and folders that are not ours") {
    CHECK(parse_remote_location("tcp://127.0.0.1:7000").port == 7000);
    CHECK(parse_remote_location("tcp://[::1]:65535").host == "[::1]");
    for (const std::string& port :
         std::vector<std::string>{"0", "65536", "99999999999999999999", "-1", "7x", ""}) {
        CAPTURE(port);
        try {
            (void)parse_remote_location("tcp://h:" + port);
            FAIL("accepted port '" << port << "'");
        } catch (const UsageError& e) {
            CHECK(std::string(e.what()).find(
                      "port '" + port + "' is not a number from 1 to 65535") != std::string::npos);
        }
    }

    test::TempDir dir;
    write_file(dir, "program.stub", "# a comment\nremote :/bin/sh -c 'touch x'\n");
    CHECK_THROWS_WITH_AS(refuse_program_stubs(dir / "program.stub"),
                         doctest::Contains("only TCP remote shards are supported"), Error);
    std::filesystem::create_directory(dir / "folder");
    write_file(dir, "folder/XAPIANDB", "auto ../program.stub\n");
    CHECK_THROWS_WITH_AS(refuse_program_stubs(dir / "folder"),
                         doctest::Contains("program.stub:2: only TCP remote shards"), Error);
    write_file(dir, "fine.stub", "auto folder-a\nremote 10.0.0.1:7000\n");
    CHECK_NOTHROW(refuse_program_stubs(dir / "fine.stub"));
    const std::vector<StubEntry> entries = read_stub_file(dir / "fine.stub");
    REQUIRE(entries.size() == 2);
    CHECK(entries[1].target == "tcp://10.0.0.1:7000");

    std::filesystem::create_directory(dir / "db");
    for (const char* name :
         {"iamglass", "flintlock", "postlist.glass", "termlist.glass", "v.tmp"}) {
        write_file(dir, std::string("db/") + name, "");
    }
    CHECK(foreign_entries(dir / "db").empty());
    CHECK(foreign_entries(dir / "missing").empty());
    // A shard directory with the generations a crash leaves beside a shard is still ours.
    for (const char* name : {"2021-08.db", "2021-08.db.creating", "2021-07.db.before-compact"}) {
        std::filesystem::create_directories(std::filesystem::path(dir / "shards") / name);
    }
    CHECK(foreign_entries(dir / "shards").empty());
    std::filesystem::create_directories(dir / "shards/2021-08.db.backup");
    CHECK(foreign_entries(dir / "shards") == std::vector<std::string>{"2021-08.db.backup/"});
    write_file(dir, "db/thesis.tex", "");
    std::filesystem::create_directory(dir / "db/photos");
    CHECK(foreign_entries(dir / "db") == std::vector<std::string>{"photos/", "thesis.tex"});
    CHECK_THROWS_WITH_AS(
        refuse_foreign_folder(dir / "db"),
        doctest::Contains("is not a Newsdex database: it holds photos/, thesis.tex"), Error);
}

TEST_CASE("long text is analysed in pieces with the terms of the whole") {
    std::string text;
    const char* const words[] = {"Caf\xC3\xA9",
                                 ("l'\xC3\x89lys\xC3\xA9"
                                  "e"),
                                 "U.S.",
                                 "340,000",
                                 "al-Assad",
                                 "talks.",
                                 "\xE4\xB8\xAD\xE5\x9B\xBD",
                                 "e\xCC\x81t\xC3\xA9"};
    for (std::size_t i = 0; text.size() < 300 * 1024; ++i) {
        text += words[i % std::size(words)];
        text += i % 17 == 0 ? "\n" : " ";
    }
    analysis::Analyzer analyzer("en");
    std::vector<analysis::Token> whole;
    analyzer.analyse(text, whole);
    std::vector<std::string> expected;
    for (const auto& t : whole) {
        expected.push_back(t.term);
    }
    std::vector<std::string> pieced;
    std::string joined;
    std::vector<analysis::Token> tokens;
    std::size_t pieces = 0;
    for (std::string_view rest = text; !rest.empty(); ++pieces) {
        const std::string_view piece = analysis::next_piece(rest, 4096);
        CHECK(piece.size() <= 4096);
        joined += piece;
        analyzer.analyse(piece, tokens);
        for (const auto& t : tokens) {
            pieced.push_back(t.term);
        }
    }
    CHECK(pieces > 70);
    CHECK(joined == text);
    CHECK(pieced == expected);
}

TEST_CASE("symbolic links inside an input directory are followed only when asked") {
    test::TempDir dir;
    namespace fs = std::filesystem;
    fs::create_directories(dir.path() / "dump/sub");
    fs::create_directories(dir.path() / "elsewhere");
    write_file(dir, "dump/a.txt", "Inside\n\nA story in the dump.\n");
    write_file(dir, "elsewhere/secret.txt", "Secret\n\nA file outside the dump.\n");
    fs::create_symlink(dir.path() / "elsewhere/secret.txt", dir.path() / "dump/link.txt");
    fs::create_directory_symlink(dir.path() / "elsewhere", dir.path() / "dump/linked-dir");
    fs::create_directory_symlink(dir.path() / "dump", dir.path() / "dump/sub/loop");
    auto titles = [](const test::Read& r) {
        std::vector<std::string> out;
        for (const Article& a : r.articles) {
            out.push_back(a.title);
        }
        return out;
    };
    const test::Read plain = test::read_paths({dir / "dump"});
    CHECK(titles(plain) == std::vector<std::string>{"Inside"});
    CHECK(plain.problems.empty());

    ReaderOptions follow;
    follow.follow_symlinks = true;
    const test::Read followed = test::read_paths({dir / "dump"}, follow);
    // Each file once, though the loop leads back to the top and two paths lead to "Secret".
    std::vector<std::string> got = titles(followed);
    std::sort(got.begin(), got.end());
    CHECK(got == std::vector<std::string>{"Inside", "Secret"});

    // A link named on the command line is always read.
    CHECK(titles(test::read_paths({dir / "dump/link.txt"})) == std::vector<std::string>{"Secret"});
}

TEST_CASE("a JSON number too large for a double costs its record only") {
    const std::string text = "{\"id\": \"a\", \"body\": \"one\"}\n"
                             "{\"id\": \"b\", \"body\": \"two\", \"score\": 1e999}\n"
                             "{\"id\": \"c\", \"body\": \"three\"}\n";
    const test::Read r = test::read_all([&](ProblemSink sink) {
        return std::make_unique<JsonlReader>(InputStream::from_string(text), "inline.jsonl",
                                             ReaderOptions{}, sink);
    });
    CHECK(ids(r) == std::vector<std::string>{"a", "c"});
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::malformed_record);
    CHECK(r.problems[0].where.line == 2);
}

TEST_CASE("implausible publication years are bad dates, one rule for index and search") {
    CHECK_FALSE(parse_date("0001-01-01T00:00:00Z").has_value()); // the zero time of many dumps
    CHECK(parse_date_any_year("0001-01-01T00:00:00Z").has_value());
    CHECK_FALSE(parse_date("0999-06-15").has_value());
    CHECK_FALSE(parse_date("9999-12-31").has_value());
    CHECK_FALSE(parse_date("3000-01-01").has_value());
    CHECK(parse_date("1000-01-01").has_value());
    CHECK(parse_date("2999-12-31").has_value());
    CHECK(parse_date("2018-01-24").has_value());
    CHECK_FALSE(is_plausible_publication_year(999));
    CHECK(is_plausible_publication_year(earliest_publication_year));

    const std::string text =
        "{\"id\": \"z\", \"body\": \"zero time\", \"date\": \"0001-01-01T00:00:00Z\"}\n";
    const test::Read r = test::read_all([&](ProblemSink sink) {
        return std::make_unique<JsonlReader>(InputStream::from_string(text), "inline.jsonl",
                                             ReaderOptions{}, sink);
    });
    REQUIRE(r.articles.size() == 1); // kept, undated
    CHECK_FALSE(r.articles[0].published.has_value());
    CHECK(r.articles[0].published_text == "0001-01-01T00:00:00Z");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::bad_date);
    CHECK(r.problems[0].message == "implausible year in date '0001-01-01T00:00:00Z' (publication "
                                   "years 1000 to 2999 are kept)");
}

TEST_CASE("a histogram over a database with short date keys (indexed before) does not fail") {
    test::TempDir dir;
    {
        Xapian::WritableDatabase db(dir / "old.db", Xapian::DB_CREATE);
        db.set_metadata(std::string(schema::version_key), std::to_string(schema::version));
        for (const char* day : {"10101", "9990615", "20180124"}) { // year 1, year 999, 2018
            Xapian::Document doc;
            doc.add_term("quorvex");
            doc.add_term("Zquorvex"); // the stem, which the query parser searches
            doc.add_boolean_term(schema::id_term(day));
            doc.add_value(schema::slot(schema::Slot::published_day), day);
            db.add_document(doc);
        }
        db.commit();
    }
    search::Searcher searcher({dir / "old.db"});
    search::SearchRequest request;
    request.query = "quorvex";
    request.histogram = search::DateGranularity::month;
    search::SearchResult r;
    CHECK_NOTHROW(r = searcher.search(request));
    REQUIRE(r.histogram.size() == 1);
    CHECK(r.histogram[0].value == "2018-01");
}
