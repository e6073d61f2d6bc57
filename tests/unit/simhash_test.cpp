#include <doctest/doctest.h>

#include <string>

#include "newsdex/analysis/simhash.h"

using namespace newsdex::analysis;

namespace {

// An invented wire story, and rewrites of it of the kind news sites publish.
const std::string original =
    "Russia agreed on Tuesday to extend the gas transit contract through the northern pipeline "
    "for another five years, ending months of uncertainty for utilities across central Europe.\n"
    "\n"
    "The deal was signed in Vienna after two days of talks between energy ministers. Officials "
    "said Russia would guarantee minimum volumes of forty billion cubic metres a year, while "
    "transit fees would rise by about eight percent from January.\n"
    "\n"
    "Traders welcomed the agreement. Benchmark gas prices for next winter fell almost six "
    "percent in early trading in Amsterdam, their largest daily drop since the spring.\n"
    "\n"
    "Critics in the European Parliament warned that the contract deepens reliance on a single "
    "supplier and urged governments to speed up the construction of new import terminals on "
    "the Baltic coast.";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos = s.find(from); pos != std::string::npos;
         pos = s.find(from, pos + to.size())) {
        s.replace(pos, from.size(), to);
    }
    return s;
}

const std::string synonym_swap = replace_all(original, "Russia ", "the Russian Federation ");

const std::string reordered =
    "The deal was signed in Vienna after two days of talks between energy ministers. Officials "
    "said Russia would guarantee minimum volumes of forty billion cubic metres a year, while "
    "transit fees would rise by about eight percent from January.\n"
    "\n"
    "Russia agreed on Tuesday to extend the gas transit contract through the northern pipeline "
    "for another five years, ending months of uncertainty for utilities across central Europe.\n"
    "\n"
    "Critics in the European Parliament warned that the contract deepens reliance on a single "
    "supplier and urged governments to speed up the construction of new import terminals on "
    "the Baltic coast.\n"
    "\n"
    "Traders welcomed the agreement. Benchmark gas prices for next winter fell almost six "
    "percent in early trading in Amsterdam, their largest daily drop since the spring.";

const std::string link_bait = original + "\n\nMore news: the ten cheapest flights this summer";

const std::string all_three = replace_all(reordered, "Russia ", "the Russian Federation ") +
                              "\n\nRead more: sign up for our energy newsletter";

// A light edit a copy desk makes: tense and one number changed, one sentence trimmed.
const std::string copy_edit = replace_all(replace_all(original, "agreed on Tuesday", "has agreed"),
                                          "about eight percent", "8%");

// Different stories on the same topic (Russian gas, Europe, pipelines, prices).
const std::string same_topic_1 =
    "Gas flows from Russia through the northern pipeline stopped on Friday for planned "
    "maintenance, the operator said, and are expected to resume within ten days.\n"
    "\n"
    "Utilities in central Europe said storage sites were more than eighty percent full and "
    "that customers would not notice the interruption. Benchmark prices in Amsterdam rose "
    "three percent on the news before easing in the afternoon.\n"
    "\n"
    "The operator said the work had been agreed with regulators last year and would replace "
    "compressor units installed when the pipeline opened.";

const std::string same_topic_2 =
    "European energy ministers meeting in Brussels failed to agree on a cap for gas prices on "
    "Thursday, with several governments warning that a limit could drive supplies away from "
    "the continent.\n"
    "\n"
    "Russia, still the largest single supplier to the region, was not discussed directly, "
    "officials said, but the talks were overshadowed by the transit contract signed earlier "
    "in the month and by the cost of building import terminals on the Baltic coast.\n"
    "\n"
    "The ministers will meet again in December.";

std::uint64_t sig(const std::string& text) {
    Analyzer analyzer("en");
    const auto s = simhash(text, analyzer);
    REQUIRE(s.has_value());
    return s->bits;
}

} // namespace

TEST_CASE("simhash: hamming and band keys") {
    CHECK(hamming(0, 0) == 0);
    CHECK(hamming(0, ~std::uint64_t{0}) == 64);
    CHECK(hamming(0b1011, 0b0001) == 2);
    const auto keys = band_keys(0x0123456789abcdefULL);
    CHECK(keys.size() == static_cast<std::size_t>(simhash_bands));
    CHECK((keys.front() >> 56) == 0);
    CHECK((keys.back() >> 56) == static_cast<std::uint64_t>(simhash_bands - 1));
    // Different bands never share a key, even with the same bits.
    const auto zero = band_keys(0);
    CHECK(zero[0] != zero[1]);
    // Pigeonhole: flipping simhash_max_distance bits anywhere leaves one band key unchanged.
    for (int shift = 0; shift + simhash_max_distance <= 64; shift += 7) {
        std::uint64_t flipped = 0x0123456789abcdefULL;
        for (int i = 0; i < simhash_max_distance; ++i) {
            flipped ^= std::uint64_t{1} << ((shift + i * 11) % 64);
        }
        const auto other = band_keys(flipped);
        int shared = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            shared += keys[i] == other[i] ? 1 : 0;
        }
        CHECK(shared >= 1);
    }
}

TEST_CASE("simhash: identical text, identical signature; too short gives none") {
    Analyzer analyzer("en");
    CHECK(sig(original) == sig(original));
    CHECK_FALSE(simhash("Shares rose.", analyzer).has_value());
    CHECK_FALSE(simhash("", analyzer).has_value());
}

TEST_CASE("simhash: rewrites of one story are near-duplicates") {
    const std::uint64_t base = sig(original);
    struct Case {
        const char* name;
        const std::string* text;
    };
    const Case cases[] = {
        {"synonym swap Russia -> the Russian Federation", &synonym_swap},
        {"reordered paragraphs", &reordered},
        {"added link-bait line", &link_bait},
        {"all three", &all_three},
        {"copy edit", &copy_edit},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const int d = hamming(base, sig(*c.text));
        CAPTURE(d);
        CHECK(near_duplicate(base, sig(*c.text)));
    }
    // Reordering and link bait change no feature at all.
    CHECK(sig(reordered) == base);
    CHECK(sig(link_bait) == base);
}

TEST_CASE("simhash: ticker annotations are not part of the story") {
    Analyzer analyzer("en");
    const std::string plain =
        "Exxon Mobil offered to pay a bonus to end a dispute with Alaska over a gas field. "
        "Shares of Exxon Mobil and of ConocoPhillips rose in New York trading on Friday.";
    const std::string annotated =
        replace_all(replace_all(plain, "Exxon Mobil offered", "Exxon Mobil ( XOM.N ) offered"),
                    "ConocoPhillips", "ConocoPhillips <COP.N>");
    const auto a = simhash(plain, analyzer, {3, 8, 4});
    const auto b = simhash(annotated, analyzer, {3, 8, 4});
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->bits == b->bits);
    CHECK(is_ticker("XOM.N"));
    CHECK(is_ticker("0005.HK"));
    CHECK_FALSE(is_ticker("U.S"));
    CHECK_FALSE(is_ticker("3.5"));
}

TEST_CASE("simhash: different stories on the same topic stay apart") {
    const std::string* texts[] = {&original, &same_topic_1, &same_topic_2};
    for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t j = i + 1; j < 3; ++j) {
            const int d = hamming(sig(*texts[i]), sig(*texts[j]));
            CAPTURE(i);
            CAPTURE(j);
            CAPTURE(d);
            CHECK(d > 2 * simhash_max_distance);
        }
    }
}

TEST_CASE("simhash: DuplicateClusters groups copies under the first article's id") {
    Analyzer analyzer("en");
    DuplicateClusters clusters;
    CHECK(clusters.add("a", simhash(original, analyzer)) == "a");
    CHECK(clusters.add("b", simhash(same_topic_1, analyzer)) == "b");
    CHECK(clusters.add("c", simhash(all_three, analyzer)) == "a");
    CHECK(clusters.add("d", simhash(same_topic_2, analyzer)) == "d");
    CHECK(clusters.add("e", simhash(link_bait, analyzer)) == "a");
    CHECK(clusters.add("f", simhash("Too short.", analyzer)) == "f");
    CHECK(clusters.add("g", simhash("Too short.", analyzer)) == "g");
    CHECK(clusters.clusters().at("a") == std::vector<std::string>{"a", "c", "e"});
    CHECK(clusters.clusters().size() == 5);
}
