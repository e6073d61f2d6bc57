#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tagger_features.h"

using namespace newsdex::analysis::detail;

namespace {

/// The words joined by spaces, to compare a rewritten sentence in one line.
std::string joined(const std::vector<std::string_view>& words) {
    std::string out;
    for (const std::string_view w : words) {
        out += out.empty() ? "" : " ";
        out.append(w);
    }
    return out;
}

/// An invented truecase table from the forms the news would write most often.
TruecaseTable truecase_of(const std::vector<std::string>& usual_forms) {
    std::vector<std::pair<std::uint64_t, std::uint16_t>> entries;
    entries.reserve(usual_forms.size());
    for (const std::string& form : usual_forms) {
        const CasePattern p = case_pattern(form);
        entries.emplace_back(p.lower, p.mask);
    }
    std::sort(entries.begin(), entries.end());
    TruecaseTable table;
    table.assign(std::move(entries));
    return table;
}

/// An invented table keyed by the hashes of the words given, each with its value.
template <typename Value>
HashedTable<Value> table_of(const std::vector<std::pair<std::string, Value>>& words) {
    std::vector<std::pair<std::uint64_t, Value>> entries;
    entries.reserve(words.size());
    for (const auto& [word, value] : words) {
        entries.emplace_back(hash_bytes(word.data(), word.size()), value);
    }
    std::sort(entries.begin(), entries.end());
    HashedTable<Value> table;
    table.assign(std::move(entries));
    return table;
}

/// An invented cluster table: the words the news has written (cluster ids do not matter here).
ClusterTable known_words(const std::vector<std::string>& words) {
    std::vector<std::pair<std::string, ClusterIds>> entries;
    entries.reserve(words.size());
    for (const std::string& w : words) {
        entries.emplace_back(w, ClusterIds{1, 1, 1, 1});
    }
    return table_of(entries);
}

} // namespace

TEST_CASE("case patterns: lower-cased key and the bytes in capitals, Latin-1 included") {
    const CasePattern mcdonald = case_pattern("McDonald");
    CHECK(mcdonald.lower == case_pattern("mcdonald").lower);
    CHECK(mcdonald.mask == 0b101U);
    CHECK(case_pattern("NATO").mask == 0b1111U);
    CHECK(case_pattern("nato").mask == 0U);
    // "Émile": the capital is the second byte of its UTF-8 pair.
    const CasePattern emile = case_pattern("\xC3\x89mile");
    CHECK(emile.lower == case_pattern("\xC3\xA9mile").lower);
    CHECK(emile.mask == 0b10U);

    std::string out;
    append_with_case("mcdonald", mcdonald.mask, out);
    CHECK(out == "McDonald");
    out.clear();
    append_with_case("\xC3\xA9mile", emile.mask, out);
    CHECK(out == "\xC3\x89mile");
    out.clear();
    append_with_case("SAYS", 0, out); // lower-cased, then the mask's capitals
    CHECK(out == "says");
}

TEST_CASE("a document is written in lower case when one word in fifty or fewer has a capital") {
    CaseCount lower;
    lower.add({"angela", "merkel", "met", "nato", "chief", "jens", "stoltenberg", "."});
    CHECK(lower.lower_case());
    CaseCount normal;
    normal.add({"Angela", "Merkel", "met", "NATO", "chief", "Jens", "Stoltenberg", "."});
    CHECK_FALSE(normal.lower_case());
    CaseCount short_text;
    short_text.add({"talks", "resume"}); // too few words to tell
    CHECK_FALSE(short_text.lower_case());
}

TEST_CASE("restore_case gives names their usual case where the text has none") {
    const TruecaseTable truecase = truecase_of({"Merkel", "NATO", "Baker", "U.S.", "Angela"});
    const ClusterTable known = known_words({"met", "chief", "in", "says", "wants", "stable",
                                            "dollar", "the", "talks", "Merkel", "NATO"});
    std::string buffer;

    SUBCASE("every sentence of a lower-case document; words the news never wrote are names") {
        std::vector<std::string_view> words = {"angela", "merkel", "met",        "nato",
                                               "chief",  "jens",   "stoltenberg"};
        CHECK(restore_case(words, true, truecase, known, buffer));
        CHECK(joined(words) == "Angela Merkel met NATO chief Jens Stoltenberg");
    }
    SUBCASE("a headline in capitals: names recased, the common words left in capitals") {
        std::vector<std::string_view> words = {"BAKER", "SAYS",   "U.S.",
                                               "WANTS", "STABLE", "DOLLAR"};
        CHECK(restore_case(words, false, truecase, known, buffer));
        CHECK(joined(words) == "Baker SAYS U.S. WANTS STABLE DOLLAR");
    }
    SUBCASE("a sentence with case is left alone") {
        std::vector<std::string_view> words = {"The", "talks", "in", "Vienna", "resume"};
        CHECK_FALSE(restore_case(words, false, truecase, known, buffer));
        CHECK(joined(words) == "The talks in Vienna resume");
    }
}

namespace {

/// An invented topic table: lower-case words and their topic ids.
TopicTable topics_of(const std::vector<std::pair<std::string, std::uint8_t>>& words) {
    return table_of(words);
}

} // namespace

TEST_CASE("document scan: the article's words vote for its topic") {
    const TopicTable topics =
        topics_of({{"striker", 4}, {"league", 4}, {"goals", 4}, {"shares", 1}, {"goal", 4}});
    DocumentScan scan;
    scan.clear();
    CHECK(scan.topic() == 0);
    // One vote says nothing; words in capitals vote in lower case; short words never vote.
    scan.add_sentence({"Shares", "in", "Milan", "rose", "."}, &topics);
    CHECK(scan.topic() == 0);
    scan.add_sentence({"The", "STRIKER", "scored", "two", "goals", "."}, &topics);
    CHECK(scan.topic() == 4);
    scan.add_sentence({"shares", "shares", "shares", "fell", "."}, &topics);
    CHECK(scan.topic() == 1);
    // No table: no votes. A new document starts from none.
    scan.clear();
    scan.add_sentence({"league", "striker", "goals"}, nullptr);
    CHECK(scan.topic() == 0);
    scan.add_sentence({"league", "striker", "goals"}, &topics);
    CHECK(scan.topic() == 4);
    scan.clear();
    CHECK(scan.topic() == 0);
}

TEST_CASE("document scan: how an article frames a name as a body carries to its other mentions") {
    auto flags = [](const DocumentScan& scan, std::string_view word) {
        std::string lower(word);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return scan.find(hash_bytes(lower.data(), lower.size()));
    };
    DocumentScan scan;
    scan.clear();
    // After a noun naming a kind of body; after a deal noun and its preposition.
    scan.add_sentence({"He", "joined", "serie", "A", "club", "Atalanta", "."}, nullptr);
    scan.add_sentence({"It", "bought", "a", "stake", "in", "Kelmar", "."}, nullptr);
    CHECK((flags(scan, "Atalanta") & doc_after_org_noun) != 0);
    CHECK((flags(scan, "Kelmar") & doc_after_org_noun) != 0);
    // Before what only a body has, past a possessive; before "said it".
    scan.add_sentence({"Deportivo", "'", "keeper", "Songo'o", "saved", "."}, nullptr);
    scan.add_sentence({"Comelf", "said", "it", "doubled", "output", "."}, nullptr);
    scan.add_sentence({"Vestas", "shares", "rose", "."}, nullptr);
    CHECK((flags(scan, "Deportivo") & doc_before_org_cue) != 0);
    CHECK((flags(scan, "Comelf") & doc_before_org_cue) != 0);
    CHECK((flags(scan, "Vestas") & doc_before_org_cue) != 0);
    // A team with a plural verb.
    scan.add_sentence({"Rotor", "are", "well", "placed", "."}, nullptr);
    CHECK((flags(scan, "Rotor") & doc_before_plural_verb) != 0);
    // A person frames none of these: "said he", a capitalised word before "Shares", a title.
    scan.add_sentence({"Lendoiro", "said", "he", "would", "stay", "."}, nullptr);
    scan.add_sentence({"Club", "President", "Lendoiro", "Shares", "A", "View", "."}, nullptr);
    CHECK((flags(scan, "Lendoiro") &
           (doc_after_org_noun | doc_before_org_cue | doc_before_plural_verb)) == 0);
    CHECK((flags(scan, "Vestas") & doc_after_org_noun) == 0);
}
