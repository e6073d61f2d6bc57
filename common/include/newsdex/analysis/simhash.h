/// @file
/// @brief Near-duplicate signatures: 64-bit SimHash over word shingles, band keys, clustering.
///
/// Why SimHash (and not MinHash): one 64-bit value per article fits a Xapian value slot, and
/// the pigeonhole rule turns "Hamming distance ≤ k" into exact-match lookups on k+1 band terms,
/// so the indexer finds every candidate with one OR query and confirms it with hamming().
/// Its weakness, short texts drifting many bits after a small edit, is handled by what the
/// features are rather than by a looser threshold:
/// - shingles never cross a paragraph (or line) boundary, so reordered paragraphs give the
///   same feature set;
/// - short paragraphs (fewer than `min_paragraph_words` words: bylines, "Read more") and short
///   "Label: …" paragraphs ("More news: …", "Photo: …") are left out, so an added link-bait
///   line changes nothing;
/// - shingles are over stemmed terms without stopwords, so "said"/"says" or an added article
///   "the" do not count as edits;
/// - each distinct shingle counts once (a repeated boilerplate sentence weighs no more).
/// What is left are genuine word edits: a synonym swap ("Russia" → "Russian Federation")
/// changes the shingles around each occurrence. On 150-word fixtures a synonym swap plus
/// reordering plus link bait moves 8 bits; different stories on the same topic stay 27–32
/// bits apart. On Reuters-21578, pairs at distance 7–8 are still mostly copies and corrected
/// versions; see docs/quality.md "Near-duplicates" for counts and samples.
///
/// Lookup cost: 9 bands (eight of 7 bits, one of 8) match an unrelated signature with
/// probability about 8/128 + 1/256 ≈ 6.6%, so rank candidates by how many band keys they
/// share (Xapian::CoordWeight) and confirm only the best few dozen with hamming().
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsdex/analysis/analyzer.h"

namespace newsdex::analysis {

/// Two signatures at most this many bits apart are near-duplicates.
inline constexpr int simhash_max_distance = 8;
/// Band count for the pigeonhole lookup: distance ≤ simhash_max_distance ⇒ one band equal.
inline constexpr int simhash_bands = simhash_max_distance + 1;

struct SimhashOptions {
    std::size_t shingle_words = 3;       ///< words per shingle
    std::size_t min_paragraph_words = 8; ///< shorter paragraphs (link bait, credits) are ignored
    std::size_t min_shingles = 12;       ///< fewer distinct shingles: no signature (too short)
};

/// A body's signature and how many distinct shingles it was built from.
struct Simhash {
    std::uint64_t bits = 0;
    std::size_t shingles = 0;
};

/// The SimHash of an article body (paragraphs separated by blank lines or line breaks).
/// Returns std::nullopt when the body is too short to fingerprint reliably
/// (fewer than options.min_shingles distinct shingles): such articles are never clustered.
/// Example: `simhash(article.body, analyzer)->bits`.
[[nodiscard]] std::optional<Simhash> simhash(std::string_view body, Analyzer& analyzer,
                                             const SimhashOptions& options = {});

/// Whether a word is a stock ticker as news wires annotate company names ("Exxon Mobil (
/// XOM.N )", "<BHP.AX>", "(0005.HK)"): two or more capitals or digits, a dot, one to three
/// capitals. Such annotations are left out of the shingles: a copy re-sent with one added must
/// not look like another story ("U.S" has one letter before its dot and stays).
[[nodiscard]] bool is_ticker(std::string_view word);

/// The headline as a second key of the story (copies that differ in their bodies, such as an
/// update that adds paragraphs, keep their headline): update and correction markers taken off
/// ("UPDATE 2-", "REFILE-", "CORRECTED-", "RPT-", "WRAPUP 1-", repeated), folded, white space
/// collapsed; empty when fewer than four words are left (short headlines recur: "Stocks to
/// watch"). Example: "UPDATE 1-Exxon offers plan to end Alaska dispute" → "exxon offers plan to
/// end alaska dispute".
[[nodiscard]] std::string story_headline(std::string_view title);

/// Copies under one story_headline() are the same story when published at most this many days
/// apart.
inline constexpr int headline_window_days = 2;

/// Number of differing bits.
[[nodiscard]] int hamming(std::uint64_t a, std::uint64_t b);

/// True when hamming(a, b) ≤ simhash_max_distance.
[[nodiscard]] bool near_duplicate(std::uint64_t a, std::uint64_t b);

/// The simhash_bands lookup keys of a signature: the band's number in the top byte, the bits
/// of the signature in that band below. Two signatures within simhash_max_distance share at
/// least one key, so candidates for a new signature are found by looking its keys up.
[[nodiscard]] std::array<std::uint64_t, simhash_bands> band_keys(std::uint64_t bits);

/// Incremental clustering in memory, the same rule the indexer applies with band terms: a new
/// signature joins the cluster of its nearest earlier signature within simhash_max_distance
/// (ties: the earliest), otherwise it starts a cluster named by its own id. Used by tools and
/// tests; the indexer does the same with its database.
class DuplicateClusters {
public:
    /// Adds one article; returns its cluster id (the id of the cluster's first article).
    /// A nullopt signature (too short) always gets a cluster of its own.
    std::string add(const std::string& id, const std::optional<Simhash>& signature);

    /// cluster id → member ids, in insertion order.
    const std::map<std::string, std::vector<std::string>>& clusters() const { return m_members; }

private:
    struct Entry {
        std::uint64_t bits;
        std::string cluster;
    };
    std::vector<Entry> m_entries;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> m_bands; // key → entry indexes
    std::map<std::string, std::vector<std::string>> m_members;
};

} // namespace newsdex::analysis
