#include "newsdex/search/query_lexer.h"

#include <algorithm>
#include <utility>

#include "newsdex/ascii.h"

namespace newsdex::search {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// The fields the interpreter reads: facets and date ranges. Others go to QueryBuilder.
const schema::Field* interpreted_field(std::string_view name) {
    const schema::Field* f = schema::find_field(lower_ascii(name));
    return f != nullptr && (f->kind == schema::Kind::facet || f->kind == schema::Kind::date_range)
               ? f
               : nullptr;
}

/// A parenthesis at text[i]; keeps `depth` up to date.
Token lex_paren(std::string_view text, std::size_t i, int& depth) {
    Token t;
    t.start = i;
    t.end = i + 1;
    t.kind = text[i] == '(' ? TokenKind::lparen : TokenKind::rparen;
    if (t.kind == TokenKind::rparen && depth > 0) {
        --depth;
    }
    t.depth = depth;
    if (t.kind == TokenKind::lparen) {
        ++depth;
    }
    return t;
}

/// `field:value` or `-field:value` at text[i] with one of the interpreted fields, else false.
bool lex_field(std::string_view text, std::size_t i, Token& t) {
    const std::size_t n = text.size();
    const std::size_t j = i + (text[i] == '-' || text[i] == '+' ? 1 : 0);
    std::size_t k = j;
    while (k < n && is_ascii_letter(text[k])) {
        ++k;
    }
    if (k == j || k >= n || text[k] != ':') {
        return false;
    }
    const schema::Field* f = interpreted_field(text.substr(j, k - j));
    if (f == nullptr) {
        return false;
    }
    t.kind = TokenKind::field;
    t.field = f;
    t.negated = text[i] == '-';
    const std::size_t v = k + 1;
    if (v < n && text[v] == '"') {
        const std::size_t close = text.find('"', v + 1);
        const std::size_t stop = close == std::string_view::npos ? n : close;
        t.value = std::string(text.substr(v + 1, stop - v - 1));
        t.end = close == std::string_view::npos ? n : close + 1;
    } else {
        std::size_t e = v;
        while (e < n && !is_space(text[e]) && text[e] != ')') {
            ++e;
        }
        t.value = std::string(text.substr(v, e - v));
        t.end = e;
    }
    return true;
}

/// Any other run of non-space characters at text[i]; a quote runs to its closing quote. A run
/// without quotes, colons, stars or a leading +/- is a word (or an operator).
void lex_run(std::string_view text, std::size_t i, Token& t) {
    const std::size_t n = text.size();
    std::size_t e = i;
    bool plain = text[i] != '-' && text[i] != '+';
    while (e < n && !is_space(text[e]) && text[e] != '(' && text[e] != ')') {
        if (text[e] == '"') {
            plain = false;
            const std::size_t close = text.find('"', e + 1);
            e = close == std::string_view::npos ? n : close + 1;
            continue;
        }
        if (text[e] == ':' || text[e] == '*') {
            plain = false;
        }
        ++e;
    }
    t.end = e;
    const std::string_view run = text.substr(i, e - i);
    if (is_operator(run)) {
        t.kind = TokenKind::op;
        t.core = std::string(run);
        return;
    }
    if (!plain) {
        return;
    }
    std::string_view core = run;
    while (!core.empty() && std::string_view(",.;!?").find(core.back()) != std::string_view::npos) {
        core.remove_suffix(1);
    }
    t.trailing_punct = core.size() < run.size();
    // Keep the dot of an abbreviation ("U.S.") for name lookups; name_key drops dots.
    if (t.trailing_punct && run.back() == '.' && core.find('.') != std::string_view::npos) {
        core = run;
    }
    t.kind = core.empty() ? TokenKind::other : TokenKind::word;
    t.core = std::string(core);
}

} // namespace

bool is_operator(std::string_view w) {
    if (w == "AND" || w == "OR" || w == "NOT" || w == "XOR") {
        return true;
    }
    for (std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
        if (w.substr(0, op.size()) == op) {
            const std::string_view rest = w.substr(op.size());
            if (rest.empty() || (rest.size() > 1 && rest[0] == '/' && all_digits(rest.substr(1)))) {
                return true;
            }
        }
    }
    return false;
}

std::vector<Token> lex(std::string_view text) {
    std::vector<Token> tokens;
    int depth = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        if (text[i] == '(' || text[i] == ')') {
            tokens.push_back(lex_paren(text, i, depth));
            ++i;
            continue;
        }
        Token t;
        t.start = i;
        t.depth = depth;
        if (!lex_field(text, i, t)) {
            lex_run(text, i, t);
        }
        i = t.end;
        tokens.push_back(std::move(t));
    }
    // "Greece or Cyprus": people write "or" in lower case and mean it.
    for (std::size_t k = 1; k + 1 < tokens.size(); ++k) {
        if (tokens[k].kind == TokenKind::word && tokens[k].core == "or" &&
            !tokens[k].trailing_punct && is_or_operand(tokens[k - 1], true) &&
            is_or_operand(tokens[k + 1], false)) {
            tokens[k].kind = TokenKind::op;
            tokens[k].core = "OR";
        }
    }
    return tokens;
}

bool is_or_operand(const Token& t, bool before) {
    switch (t.kind) {
    case TokenKind::word:
        return !(before && t.trailing_punct); // "Greece, or" joins clauses, not words
    case TokenKind::field:
    case TokenKind::other:
        return true;
    case TokenKind::lparen:
        return !before;
    case TokenKind::rparen:
        return before;
    case TokenKind::op:
        return false;
    }
    return false;
}

bool is_plain_word(const Token& t) {
    return t.kind == TokenKind::word && t.depth == 0 && !t.removed;
}

bool is_binary_op(const Token& t) { return t.kind == TokenKind::op && t.core != "NOT"; }

bool is_not(const Token& t) { return t.kind == TokenKind::op && t.core == "NOT"; }

bool is_joining_op(const Token& t) { return is_binary_op(t) && t.core != "AND"; }

void drop_dangling_operators(std::vector<Token>& tokens) {
    bool changed = true;
    while (changed) {
        changed = false;
        std::vector<std::size_t> live;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (!tokens[i].removed) {
                live.push_back(i);
            }
        }
        for (std::size_t li = 0; li < live.size(); ++li) {
            Token& t = tokens[live[li]];
            const Token* prev = li > 0 ? &tokens[live[li - 1]] : nullptr;
            const Token* next = li + 1 < live.size() ? &tokens[live[li + 1]] : nullptr;
            bool drop = false;
            if (is_binary_op(t)) {
                drop = prev == nullptr || next == nullptr || prev->kind == TokenKind::lparen ||
                       next->kind == TokenKind::rparen || is_binary_op(*prev) || is_not(*prev);
            } else if (is_not(t)) {
                drop = next == nullptr || next->kind == TokenKind::rparen || is_binary_op(*next) ||
                       is_not(*next);
            } else if (t.kind == TokenKind::lparen) {
                drop = next != nullptr && next->kind == TokenKind::rparen;
                if (drop) {
                    tokens[live[li + 1]].removed = true;
                }
            }
            if (drop) {
                t.removed = true;
                changed = true;
                break;
            }
        }
    }
}

std::string rebuild(std::string_view text, const std::vector<Token>& tokens,
                    const std::map<std::size_t, std::string>& replacements) {
    std::string out;
    std::size_t last_end = std::string_view::npos;
    bool gap_removed = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.removed) {
            gap_removed = true;
            continue;
        }
        if (last_end != std::string_view::npos) {
            const std::string_view gap = text.substr(last_end, t.start - last_end);
            if (!gap_removed) {
                out += gap;
            } else if (!gap.empty() || t.kind != TokenKind::rparen) {
                out += ' ';
            }
        }
        const auto r = replacements.find(i);
        out += r != replacements.end() ? r->second
                                       : std::string(text.substr(t.start, t.end - t.start));
        last_end = t.end;
        gap_removed = false;
    }
    return out;
}

} // namespace newsdex::search
