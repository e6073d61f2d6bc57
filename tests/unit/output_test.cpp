#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "newsdex/error.h"
#include "newsdex/output/csv_output.h"
#include "newsdex/output/entities_json.h"
#include "newsdex/output/json_output.h"
#include "newsdex/output/text_output.h"
#include "newsdex/search/query_builder.h"

using namespace newsdex;

TEST_CASE("output: CSV fields are quoted by RFC 4180") {
    struct Case {
        const char* text;
        const char* field;
    };
    const Case cases[] = {
        {"plain", "plain"},
        {"", ""},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"cr\r", "\"cr\r\""},
        {"Zürich; Genève", "Zürich; Genève"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(output::csv_field(c.text) == c.field);
    }
}

TEST_CASE(
    "output: snippets wrap to the width, indented under the hit, and width 0 keeps one line") {
    search::SearchResult r;
    r.total = r.total_lower = r.total_upper = 1;
    search::Hit h;
    h.rank = 1;
    h.id = "a-1";
    h.title = "Title";
    h.snippet.text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda";
    h.snippet.highlights = {{6, 16}}; // "beta gamma", across a break below
    r.hits.push_back(h);
    output::TextStyle style;
    style.width = 30;
    std::ostringstream wrapped;
    output::write_text(wrapped, r, style);
    CHECK(wrapped.str().find("    alpha beta gamma delta\n"
                             "    epsilon zeta eta theta\n"
                             "    iota kappa lambda\n") != std::string::npos);
    style.width = 0;
    std::ostringstream one_line;
    output::write_text(one_line, r, style);
    CHECK(one_line.str().find("    " + h.snippet.text + "\n") != std::string::npos);
    // Colour marks the highlighted words, also when a break falls between them.
    r.hits[0].snippet.highlights = {{17, 30}}; // "delta epsilon"
    style.width = 30;
    style.color = true;
    std::ostringstream coloured;
    output::write_text(coloured, r, style);
    CHECK(coloured.str().find("\x1b[1mdelta\x1b[0m\n    \x1b[1mepsilon\x1b[0m zeta") !=
          std::string::npos);
    // Narrower than the indent plus 20 columns, wrapping would help nobody: one line.
    style.width = 21;
    style.color = false;
    std::ostringstream narrow;
    output::write_text(narrow, r, style);
    CHECK(narrow.str().find("    " + h.snippet.text + "\n") != std::string::npos);
}

TEST_CASE("query: name:value with an unknown field is a usage error, other colons are words") {
    search::QueryBuilder builder{Xapian::Database()};
    CHECK_THROWS_WITH_AS(builder.build("talks foo:bar"), "unknown field 'foo' (see --list-fields)",
                         UsageError);
    CHECK_THROWS_AS(builder.build("(Foo:bar OR x)"), UsageError);
    CHECK_THROWS_AS(builder.build("-foo:bar"), UsageError);
    const char* const words[] = {
        "10:30",       "meet at 10:30",  "https://example.org/a", "\"re:invent\"", "Update: talks",
        "title:talks", "source:reuters", "a \"b c:d\" e",         "ratio 3:1",
    };
    for (const char* q : words) {
        CAPTURE(q);
        CHECK_NOTHROW((void)builder.build(q));
    }
}

TEST_CASE("output: the --entities-only line written directly is the library's, byte for byte") {
    using analysis::EntityMention;
    using analysis::EntityType;
    // Strings that need every kind of escape the library writes (quotes, backslash, controls,
    // DEL, C1 controls, invalid UTF-8), plain ones and non-ASCII ones.
    const std::string odd[] = {"plain",
                               "",
                               "say \"hi\"",
                               "back\\slash",
                               "tab\there\n",
                               "bell\x07",
                               "del\x7f",
                               "c1 \xc2\x85 next",
                               "bad \xff utf",
                               "Zürich",
                               "\xe2\x80\x9cq\xe2\x80\x9d"};
    Article a;
    a.id = "nw-\"1\"";
    a.body = "On 1996-08-30 Zürich said \"no\".";
    analysis::ArticleEntities e;
    const std::string line_without = [&] {
        std::string out;
        output::append_entities_json(out, a, e);
        return out;
    }();
    CHECK(line_without == output::dump_json(output::entities_json(a, e), false));

    for (const std::string& s : odd) {
        e.mentions.push_back(EntityMention{EntityType::location, 3, 9, s, s + "x", "CH"});
        e.mentions.push_back(EntityMention{EntityType::misc, 10, 12, "y", s, ""});
        e.persons.push_back(s);
        e.organisations.push_back("Org " + s);
        e.locations.push_back(analysis::LocationFacet{s, "ch"});
        e.countries.push_back(s);
    }
    e.dates.push_back(
        analysis::DateMention{3, 13, {1996, 8, 30}, {1996, 8, 30}, analysis::DatePrecision::day});
    e.dates.push_back(
        analysis::DateMention{3, 7, {1996, 1, 1}, {1996, 12, 31}, analysis::DatePrecision::year});
    for (const std::string& author : odd) {
        a.author = author;
        e.byline = "By line";
        a.published =
            author.empty() ? std::nullopt : std::optional<Timestamp>(Timestamp{841363200, 0});
        CAPTURE(author);
        std::string out = "kept ";
        output::append_entities_json(out, a, e);
        CHECK(out == "kept " + output::dump_json(output::entities_json(a, e), false));
    }
}

TEST_CASE("output: --show prints one blank line between paragraphs, also where one was removed") {
    search::FullArticle article;
    article.id = "a1";
    article.title = "Talks";
    // "More news: …" taken out of the stored body left its blank lines behind.
    article.body = "First paragraph.\n\n\n\nSecond paragraph.\n\nThird.";
    for (const std::size_t width : {std::size_t{0}, std::size_t{40}}) {
        output::TextStyle style;
        style.width = width;
        std::ostringstream out;
        output::write_article(out, article, style);
        const std::string text = out.str();
        CHECK(text.find("First paragraph.\n\nSecond paragraph.\n\nThird.\n") != std::string::npos);
        CHECK(text.find("\n\n\n") == std::string::npos);
    }
}
