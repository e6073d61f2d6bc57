#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "newsdex/corpus/input_stream.h"
#include "newsdex/corpus/open_source.h"
#include "newsdex/corpus/reuters_sgml_reader.h"

#include "../support/read_articles.h"

using namespace newsdex;
using namespace newsdex::corpus;

namespace {

using test::data_path;
using test::Read;
using test::read_paths;

} // namespace

TEST_CASE("reuters sgml reader: decoding entities, control characters and Latin-1") {
    struct Case {
        std::string raw;
        std::string decoded;
    };
    const Case cases[] = {
        {"&lt;RWC&gt; &amp; &quot;x&quot; &apos;y&apos;", "<RWC> & \"x\" 'y'"},
        {"&#38; &#x26; &#233;", "& & \xC3\xA9"},
        {"&#2;text&#3;&#5;&#22;&#31;&#127;", "text"},
        {"a\x01"
         "b\x1F"
         "c\x7F"
         "d\te\nf\rg",
         "abcd\te\nfg"},
        {"caf\xE9 M\xFC"
         "nchen",
         "caf\xC3\xA9 M\xC3\xBCnchen"},
        {"already \xC3\xA9 utf-8", "already \xC3\xA9 utf-8"},
        {"&nbsp; & AT&T &#; &#xZZ;", "&nbsp; & AT&T &#; &#xZZ;"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.raw);
        CHECK(decode_sgml_text(c.raw) == c.decoded);
    }
}

TEST_CASE("reuters sgml reader: records, labels, briefs and unprocessed text") {
    const Read r = read_paths({data_path("reuters/sample.sgm")});
    CHECK(r.problems.empty());
    struct Case {
        std::string id;
        std::uint64_t line;
        std::string title;
        std::string dateline;
        std::string author;
        std::string body;
        std::int64_t published;
    };
    const Case cases[] = {
        {"1", 2, "RURITANIA WHEAT <RWC> CROP UP & RISING", "STRELSAU, Feb 26 -", "",
         "Ruritania's wheat crop rose to 1.2 mln\n"
         "tonnes, the \"best in years\", the 'farm board' said.\n"
         "    Growers & millers welcomed the news.",
         541350061},
        {"2", 22, "TOY MAKERS REPORT FIRM SALES", "", "", "Blah blah blah.", 541762200},
        {"3", 37, "", "", "",
         "WEEKLY GRAIN STOCKS - MARCH 3\n"
         "    Wheat.........120 vs......115\n"
         "    Barley.........80 vs.......85",
         541762200},
        {"4", 53, "CAF\xC3\xA9 CHAIN EXPANDS", "LYON, April 9 -", "Ola Berg",
         "The caf\xC3\xA9 chain opened ten shops.", 544924800},
    };
    REQUIRE(r.articles.size() == std::size(cases));
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const Case& c = cases[i];
        const Article& a = r.articles[i];
        CAPTURE(c.id);
        CHECK(a.id == c.id);
        CHECK(a.origin.file == data_path("reuters/sample.sgm"));
        CHECK(a.origin.line == c.line);
        CHECK(a.title == c.title);
        CHECK(a.dateline == c.dateline);
        CHECK(a.author == c.author);
        CHECK(a.body == c.body);
        CHECK(a.source == "reuters");
        REQUIRE(a.published.has_value());
        CHECK(a.published->unix_seconds == c.published);
    }

    const auto& labels = r.articles[0].labels;
    CHECK(labels.at("topics") == std::vector<std::string>{"grain", "wheat"});
    CHECK(labels.at("places") == std::vector<std::string>{"ruritania", "usa"});
    CHECK(labels.at("people") == std::vector<std::string>{"vance"});
    CHECK(labels.at("orgs") == std::vector<std::string>{"ec"});
    CHECK(labels.at("exchanges") == std::vector<std::string>{"nyse"});
    CHECK(r.articles[1].labels.count("topics") == 0); // empty lists are left out
    CHECK(r.articles[1].labels.at("places") == std::vector<std::string>{"usa"});
}

TEST_CASE("reuters sgml reader: bad records are reported at the line they start") {
    const Read r = read_paths({data_path("reuters/bad.sgm")});
    test::check_problems(
        r,
        {
            {ProblemKind::malformed_record, "reuters/bad.sgm", 9,
             "record has no </REUTERS> before the next <REUTERS>"},
            {ProblemKind::bad_date, "reuters/bad.sgm", 13, "cannot read date 'not a date at all'"},
            {ProblemKind::missing_body, "reuters/bad.sgm", 20, "no title or body"},
            {ProblemKind::malformed_record, "reuters/bad.sgm", 26, "record has no </REUTERS>"},
        });
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].id == "10");
    CHECK(r.articles[1].id == "12");
    CHECK(r.articles[1].published_text == "not a date at all");
}

TEST_CASE("reuters sgml reader: a nul byte skips its record only") {
    std::string text = "<REUTERS NEWID=\"1\"><TEXT><TITLE>ONE</TITLE></TEXT></REUTERS>\n"
                       "<REUTERS NEWID=\"2\">\n<TEXT><TITLE>TWO";
    text += '\0';
    text += "</TITLE></TEXT></REUTERS>\n<REUTERS NEWID=\"3\"><TEXT><TITLE>THREE</TITLE></TEXT>"
            "</REUTERS>\n";
    std::vector<Problem> problems;
    ReutersSgmlReader reader(InputStream::from_string(text), "inline.sgm", {},
                             [&](const Problem& p) { problems.push_back(p); });
    std::vector<std::string> ids;
    while (auto a = reader.next()) {
        ids.push_back(a->id);
    }
    CHECK(ids == std::vector<std::string>{"1", "3"});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].kind == ProblemKind::binary_data);
    CHECK(problems[0].where.line == 2);
}

TEST_CASE("reuters sgml reader: gzip and a truncated gzip") {
    const Read plain = read_paths({data_path("reuters/sample.sgm")});
    const Read gz = read_paths({data_path("reuters/sample.sgm.gz")});
    CHECK(gz.problems.empty());
    REQUIRE(gz.articles.size() == plain.articles.size());
    for (std::size_t i = 0; i < gz.articles.size(); ++i) {
        CHECK(gz.articles[i].body == plain.articles[i].body);
    }

    const Read cut = read_paths({data_path("reuters/truncated.sgm.gz")});
    REQUIRE(cut.articles.size() == 36);
    CHECK(cut.articles.back().id == "36");
    REQUIRE(cut.problems.size() == 1);
    CHECK(cut.problems[0].kind == ProblemKind::truncated_gzip);
    CHECK(cut.problems[0].where.file == data_path("reuters/truncated.sgm.gz"));
    CHECK(cut.problems[0].where.line == 290); // where record 37 starts
}

TEST_CASE("reuters sgml reader: the whole Reuters-21578 collection") {
    const std::filesystem::path dir =
        std::filesystem::path(NEWSDEX_SHARED_DATA_DIR) / "reuters21578";
    if (!std::filesystem::exists(dir / "reut2-000.sgm")) {
        MESSAGE("skipped: " << dir.string() << " not found");
        return;
    }
    std::vector<std::string> files;
    for (int i = 0; i <= 21; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "reut2-%03d.sgm", i);
        files.push_back((dir / name).string());
    }
    const Read r = read_paths(files);
    std::set<std::string> ids;
    std::size_t dated = 0;
    for (const auto& a : r.articles) {
        ids.insert(a.id);
        dated += a.published ? 1 : 0;
    }
    CHECK(r.articles.size() == 21578);
    CHECK(ids.size() == 21578);
    CHECK(ids.count("1") == 1);
    CHECK(ids.count("21578") == 1);
    CHECK(dated == 21578);
    // One record's time is impossible ("605:12:19.12"); its day is kept and the problem said.
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].kind == ProblemKind::bad_date);
    CHECK(r.problems[0].message == "cannot read time in '31-MAR-1987 605:12:19.12'; kept the "
                                   "day only");
}
