#include "newsdex/search/snippet.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "newsdex/search/query_builder.h"

using namespace newsdex;

namespace {

/// The snippet with its highlights in [brackets].
std::string marked(const search::Snippet& s) {
    std::string out;
    std::size_t at = 0;
    for (const auto& [start, end] : s.highlights) {
        out += s.text.substr(at, start - at) + "[" + s.text.substr(start, end - start) + "]";
        at = end;
    }
    return out + s.text.substr(at);
}

std::string snippet_for(const std::string& query, const std::string& text, std::size_t max_bytes) {
    search::QueryBuilder builder(Xapian::Database(), "en");
    analysis::Analyzer analyzer("en");
    const search::QueryTerms terms = search::query_terms(builder.build(query));
    return marked(search::make_snippet(text, terms, analyzer, max_bytes));
}

const std::string story =
    "The central bank kept rates unchanged on Tuesday.\n\nAnalysts had expected the move. "
    "In Zürich, traders said the franc was steady. Officials in Vienna said talks on the "
    "budget would resume next week, and that the talks had gone well. Markets closed higher "
    "(stocks rose 2%).";

} // namespace

TEST_CASE("snippet: the window with the most distinct query words, with a short lead-in") {
    struct Case {
        const char* query;
        std::size_t max_bytes;
        const char* snippet;
    };
    const Case cases[] = {
        {"talks Vienna", 80,
         "… Officials in [Vienna] said [talks] on the budget would resume next week, and that …"},
        {"talks", 60, "… in Vienna said [talks] on the budget would resume next week, …"},
        {"zurich franc", 80,
         "… the move. In [Zürich], traders said the [franc] was steady. Officials in Vienna …"},
        {"rate", 240,
         "The central bank kept [rates] unchanged on Tuesday. Analysts had expected the move. In "
         "Zürich, traders said the franc was steady. Officials in Vienna said talks on the budget "
         "would resume next week, and that the talks had gone well. Markets …"},
        {"stocks", 40, "… higher ([stocks] rose 2 …"},
        {"nothing", 50, "The central bank kept rates unchanged on Tuesday. …"},
        {"\"central bank\"", 30, "The [central] [bank] kept rates …"},
    };
    for (const Case& c : cases) {
        const std::string query = c.query;
        CAPTURE(query);
        CHECK(snippet_for(c.query, story, c.max_bytes) == c.snippet);
    }
}

TEST_CASE("snippet: text without words, and short texts") {
    CHECK(snippet_for("talks", "", 50) == "");
    CHECK(snippet_for("talks", "  ...  ", 50) == " ... ");
    CHECK(snippet_for("talks", "Talks.", 50) == "[Talks].");
    CHECK(snippet_for("talks", "Über alles, Zürich", 8) == "Über …");
}
