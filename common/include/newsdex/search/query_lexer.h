/// @file
/// @brief The one tokenisation of query syntax: words, operators (AND OR NOT XOR NEAR ADJ,
///        NEAR/3), parentheses and the filter fields the interpreter reads, with byte spans so
///        that whatever is not interpreted can be given back exactly as written.
///
/// Example: `lex("talks NOT location:\"Le Drian\"")` → word "talks", op "NOT", field
/// `location` with value `Le Drian`.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/schema.h"

namespace newsdex::search {

enum class TokenKind { word, op, field, lparen, rparen, other };

struct Token {
    std::size_t start = 0;
    std::size_t end = 0;
    TokenKind kind = TokenKind::other;
    int depth = 0;                        ///< parenthesis depth
    std::string core;                     ///< word: without trailing punctuation; op: the operator
    bool trailing_punct = false;          ///< word: ended in , . ; ! ? (a phrase stops there)
    const schema::Field* field = nullptr; ///< field: which
    std::string value;                    ///< field: the value, unquoted
    bool negated = false;                 ///< field: written with a leading '-'
    bool removed = false;                 ///< interpreted (or a dangling operator): not in the text
    bool joins_alternative = false; ///< op: an OR taken out with a filter it made an alternative
};

/// Whether a word is a boolean or proximity operator of the query syntax, as written (upper
/// case): AND OR NOT XOR, NEAR and ADJ, also with a distance (NEAR/3, ADJ/2).
bool is_operator(std::string_view word);

/// The query split into tokens. Only fields of Kind::facet and Kind::date_range become field
/// tokens (the ones QueryInterpreter reads); `title:peace` and the like are `other` tokens,
/// left to QueryBuilder. A quote runs to its closing quote (or the end) as one token. A lower
/// case "or" between two operands ("Greece or Cyprus") is the operator OR (core "OR"), as
/// QueryBuilder reads it too.
std::vector<Token> lex(std::string_view text);

/// Whether a token can stand before (`before`) or after a lower-case "or" that joins it to
/// the next: a word (not ending a clause with a comma), a field, a phrase, a parenthesis.
bool is_or_operand(const Token& t, bool before);

/// A word outside parentheses, not taken out: what natural phrasing reads.
bool is_plain_word(const Token& t);

/// An operator joining two operands (everything but NOT).
bool is_binary_op(const Token& t);
bool is_not(const Token& t);
/// Operators that tie their neighbours together so that one cannot be taken out alone
/// (OR, XOR, NEAR, ADJ; not AND, which filters keep meaning).
bool is_joining_op(const Token& t);

/// Marks removed the operators left dangling by removed tokens: at either end, next to a
/// parenthesis, doubled, or NOT with nothing after it; and empty parentheses.
void drop_dangling_operators(std::vector<Token>& tokens);

/// The text of the tokens not removed, with the original spacing between neighbours (a gap
/// left by removed tokens becomes one space). `replacements` maps a token index to the text
/// written instead of it.
std::string rebuild(std::string_view text, const std::vector<Token>& tokens,
                    const std::map<std::size_t, std::string>& replacements = {});

} // namespace newsdex::search
