#include "newsdex/analysis/stopwords.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

namespace newsdex::analysis {
namespace {

// Snowball's English stop list (https://snowballstem.org/algorithms/english/stop.txt), sorted.
constexpr std::string_view english[] = {
    "a",      "about",  "above",    "after",      "again",      "against", "all",    "am",
    "an",     "and",    "any",      "are",        "as",         "at",      "be",     "because",
    "been",   "before", "being",    "below",      "between",    "both",    "but",    "by",
    "can",    "could",  "did",      "do",         "does",       "doing",   "down",   "during",
    "each",   "few",    "for",      "from",       "further",    "had",     "has",    "have",
    "having", "he",     "her",      "here",       "hers",       "herself", "him",    "himself",
    "his",    "how",    "i",        "if",         "in",         "into",    "is",     "it",
    "its",    "itself", "me",       "more",       "most",       "my",      "myself", "no",
    "nor",    "not",    "of",       "off",        "on",         "once",    "only",   "or",
    "other",  "ought",  "our",      "ours",       "ourselves",  "out",     "over",   "own",
    "same",   "she",    "should",   "so",         "some",       "such",    "than",   "that",
    "the",    "their",  "theirs",   "them",       "themselves", "then",    "there",  "these",
    "they",   "this",   "those",    "through",    "to",         "too",     "under",  "until",
    "up",     "very",   "was",      "we",         "were",       "what",    "when",   "where",
    "which",  "while",  "who",      "whom",       "why",        "with",    "would",  "you",
    "your",   "yours",  "yourself", "yourselves", "s",          "t",       "will",
};

} // namespace

bool is_stopword(std::string_view term) {
    static const std::vector<std::string_view> sorted = [] {
        std::vector<std::string_view> copy(std::begin(english), std::end(english));
        std::sort(copy.begin(), copy.end());
        return copy;
    }();
    return std::binary_search(sorted.begin(), sorted.end(), term);
}

} // namespace newsdex::analysis
