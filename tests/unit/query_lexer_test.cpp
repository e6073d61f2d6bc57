#include "newsdex/search/query_lexer.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

using namespace newsdex::search;

namespace {

/// The tokens as "kind:text" ("w:talks", "op:NEAR/3", "f:location=Le Drian", "-f:…", "(", ")",
/// "o:title:peace"), joined by spaces; words show their core, '|' marking trailing punctuation.
std::string shown(std::string_view text) {
    std::string out;
    for (const Token& t : lex(text)) {
        std::string s;
        switch (t.kind) {
        case TokenKind::word:
            s = "w:" + t.core + (t.trailing_punct ? "|" : "");
            break;
        case TokenKind::op:
            s = "op:" + t.core;
            break;
        case TokenKind::field:
            s = std::string(t.negated ? "-" : "") + "f:" + std::string(t.field->name) + "=" +
                t.value;
            break;
        case TokenKind::lparen:
            s = "(" + std::to_string(t.depth);
            break;
        case TokenKind::rparen:
            s = ")" + std::to_string(t.depth);
            break;
        case TokenKind::other:
            s = "o:" + std::string(text.substr(t.start, t.end - t.start));
            break;
        }
        out += (out.empty() ? "" : " ") + s;
    }
    return out;
}

} // namespace

TEST_CASE("query_lexer: the operators, written in capitals, with NEAR/n and ADJ/n") {
    for (const char* op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ", "NEAR/3", "ADJ/12"}) {
        const std::string w = op;
        CAPTURE(w);
        CHECK(is_operator(op));
    }
    for (const char* word : {"and", "Or", "NEARLY", "NEAR/", "NEAR/x", "ADJ/3a", "ANDROID", ""}) {
        const std::string w = word;
        CAPTURE(w);
        CHECK_FALSE(is_operator(word));
    }
}

TEST_CASE("query_lexer: words, operators, phrases, fields and parentheses") {
    struct Case {
        const char* query;
        const char* tokens;
    };
    const Case cases[] = {
        {"talks in Vienna", "w:talks w:in w:Vienna"},
        {"talks NEAR/3 Vienna", "w:talks op:NEAR/3 w:Vienna"},
        {"peace AND talks OR NOT war", "w:peace op:AND w:talks op:OR op:NOT w:war"},
        {"\"peace talks\" in Vienna", "o:\"peace talks\" w:in w:Vienna"},
        {"\"unclosed quote", "o:\"unclosed quote"},
        {"location:Vienna", "f:location=Vienna"},
        {"LOCATION:Vienna", "f:location=Vienna"},
        {"actor:\"Le Drian\" talks", "f:actor=Le Drian w:talks"},
        {"-country:SY NOT date:2018..2019", "-f:country=SY op:NOT f:date=2018..2019"},
        {"title:peace word* +must -not", "o:title:peace o:word* o:+must o:-not"},
        {"(talks (location:Vienna))", "(0 w:talks (1 f:location=Vienna )1 )0"},
        {"talks)", "w:talks )0"},
        {"in Vienna, Austria.", "w:in w:Vienna| w:Austria|"},
        // An abbreviation keeps its dots for name lookups.
        {"the U.S. talks", "w:the w:U.S.| w:talks"},
        {"?!", "o:?!"},
        {"", ""},
    };
    for (const Case& c : cases) {
        const std::string query = c.query;
        CAPTURE(query);
        CHECK(shown(c.query) == c.tokens);
    }
    const std::vector<Token> tokens = lex("(a OR b)");
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[1].depth == 1);
    CHECK(tokens[2].start == 3);
    CHECK(tokens[2].end == 5);
}

TEST_CASE("query_lexer: operators left dangling are dropped, the rest rebuilt as written") {
    struct Case {
        const char* query;
        std::vector<std::size_t> removed; ///< token indexes taken out by an interpreter
        const char* text;
    };
    const Case cases[] = {
        {"talks AND location:Vienna", {2}, "talks"},
        {"location:Vienna AND talks", {0}, "talks"},
        {"peace AND location:Vienna AND talks", {2}, "peace AND talks"},
        {"talks NOT location:Vienna", {2}, "talks"},
        {"(location:Vienna) talks", {1}, "talks"},
        {"(a OR location:Vienna) b", {3}, "(a ) b"},
        {"a  AND  b   c", {}, "a  AND  b   c"},
        {"a b   c", {1}, "a c"},
        {"NOT", {}, "NOT"},
    };
    for (const Case& c : cases) {
        const std::string query = c.query;
        CAPTURE(query);
        std::vector<Token> tokens = lex(c.query);
        for (std::size_t i : c.removed) {
            tokens.at(i).removed = true;
        }
        if (!c.removed.empty()) {
            drop_dangling_operators(tokens);
        }
        CHECK(rebuild(c.query, tokens) == c.text);
    }
    std::vector<Token> tokens = lex("ceasfire talks");
    CHECK(rebuild("ceasfire talks", tokens, {{0, "ceasefire"}}) == "ceasefire talks");
}

TEST_CASE("query_lexer: joining operators and plain words") {
    const std::vector<Token> t = lex("a AND b OR c NOT d NEAR e (f)");
    CHECK_FALSE(is_joining_op(t[1])); // AND: a filter beside it keeps its meaning
    CHECK(is_joining_op(t[3]));
    CHECK_FALSE(is_joining_op(t[5]));
    CHECK(is_not(t[5]));
    CHECK(is_joining_op(t[7]));
    CHECK(is_plain_word(t[0]));
    CHECK_FALSE(is_plain_word(t[10])); // inside parentheses
}
