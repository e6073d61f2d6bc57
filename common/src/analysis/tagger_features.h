/// @file
/// @brief Internal to the tagger: tag set, hashed features, document history and Viterbi.
///
/// Shared by tagger.cpp (inference) and tagger_train.cpp (training) so that both compute exactly
/// the same feature buckets. Not installed; not part of the public API.
#pragma once
#include "newsdex/analysis/tagger.h"
#include "newsdex/hash.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::analysis::detail {

/// BIO over the four types: 0 = O, 1 + 2*type = B-type, 2 + 2*type = I-type.
inline constexpr int n_tags = 9;
inline constexpr int start_state = n_tags; ///< row of the transition table used before token 0

/// Bump when the feature templates or the word lists change: old models are then refused.
inline constexpr std::uint32_t feature_version = 7;

[[nodiscard]] constexpr int begin_tag(EntityType t) { return 1 + 2 * static_cast<int>(t); }
[[nodiscard]] constexpr int inside_tag(EntityType t) { return 2 + 2 * static_cast<int>(t); }
[[nodiscard]] constexpr EntityType tag_type(int tag) {
    return static_cast<EntityType>((tag - 1) / 2);
}
[[nodiscard]] constexpr bool is_inside(int tag) { return tag != 0 && tag % 2 == 0; }

/// A transition BIO forbids (I-X must follow B-X or I-X).
[[nodiscard]] constexpr bool transition_allowed(int prev, int cur) {
    if (!is_inside(cur)) {
        return true;
    }
    return prev != start_state && prev != 0 && tag_type(prev) == tag_type(cur);
}

[[nodiscard]] inline std::uint64_t hash_bytes(const char* p, std::size_t n) {
    return fnv1a64(std::string_view(p, n), fnv1a64_basis);
}

[[nodiscard]] inline std::uint64_t combine(std::uint64_t a, std::uint64_t b) {
    return mix64(a * 0x9E3779B97F4A7C15ULL + b);
}

/// Word-list and cue-word classes (bit flags of one lower-cased word).
enum WordListBit : std::uint16_t {
    gaz_country = 1U << 0U,
    gaz_place = 1U << 1U,
    gaz_first_name = 1U << 2U,
    gaz_person_role = 1U << 3U,
    gaz_org_head = 1U << 4U,
    gaz_nationality = 1U << 5U,
    gaz_time_word = 1U << 6U,
    gaz_place_head = 1U << 7U,
    gaz_company_suffix = 1U << 8U,
    gaz_org_name = 1U << 9U,
    gaz_honorific = 1U << 10U,
};

/// Lookups in the embedded word lists (written for this project; see tagger_features.cpp).
/// Not analysis::Gazetteer: these are hints for the model, fixed at build time.
class WordLists {
public:
    static const WordLists& instance();
    [[nodiscard]] std::uint16_t word_flags(std::uint64_t lower_hash) const;
    /// Entity type + 1 of a listed multi-word name whose words hash to `phrase_hash`, else 0.
    [[nodiscard]] int phrase_type(std::uint64_t phrase_hash) const;
    [[nodiscard]] std::uint64_t fingerprint() const { return m_fingerprint; }

    struct Slot {
        std::uint64_t key;
        std::uint16_t value;
    };

private:
    WordLists();
    std::vector<Slot> m_words;
    std::vector<Slot> m_phrases;
    std::uint64_t m_fingerprint = 0;
};

/// Cluster ids of one word, each 0 when unknown, else id + 1: [0] the exchange cluster
/// (scripts/tools/word_clusters.cpp), [1..3] the word-vector clusters from finest to coarsest
/// (scripts/tools/vector_clusters.cpp; a coarser id is a function of the finer one).
inline constexpr std::size_t cluster_levels = 4;
using ClusterIds = std::array<std::uint16_t, cluster_levels>;

/// A read-only map from 64-bit word or phrase hashes to small values (open addressing).
///
/// Most lookups of a name list ask for word runs it lacks, and the slots are megabytes: a
/// filter of 16 bits per entry (two bits per key in one 64-bit word) answers most of those
/// misses from a table the cache holds. It only ever says "absent" of keys never stored.
template <typename Value>
class HashedTable {
public:
    /// `entries` are (hash, value) pairs, sorted by hash, hashes unique.
    void assign(std::vector<std::pair<std::uint64_t, Value>> entries) {
        m_entries = std::move(entries);
        std::size_t cap = 16;
        while (cap < m_entries.size() * 2) {
            cap *= 2;
        }
        m_slots.assign(cap, Slot{});
        m_filter.assign(std::max<std::size_t>(1, cap / 8), 0);
        for (const auto& [hash, value] : m_entries) {
            const std::uint64_t k = hash | 1U; // 0 marks an empty slot
            const std::uint64_t mixed = mix64(k);
            m_filter[filter_word(mixed)] |= filter_bits(mixed);
            std::size_t i = mixed & (cap - 1);
            while (m_slots[i].key != 0 && m_slots[i].key != k) {
                i = (i + 1) & (cap - 1);
            }
            m_slots[i] = Slot{k, value};
        }
    }
    /// The value stored for `hash`, or nullptr.
    [[nodiscard]] const Value* find(std::uint64_t hash) const {
        if (m_entries.empty()) {
            return nullptr;
        }
        const std::uint64_t k = hash | 1U;
        const std::uint64_t mixed = mix64(k);
        const std::uint64_t bits = filter_bits(mixed);
        if ((m_filter[filter_word(mixed)] & bits) != bits) {
            return nullptr;
        }
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = mixed & mask;; i = (i + 1) & mask) {
            if (m_slots[i].key == k) {
                return &m_slots[i].value;
            }
            if (m_slots[i].key == 0) {
                return nullptr;
            }
        }
    }
    [[nodiscard]] const std::vector<std::pair<std::uint64_t, Value>>& entries() const {
        return m_entries;
    }

private:
    /// A key with its value: one cache miss per lookup (a lookup per token, in tables of
    /// megabytes).
    struct Slot {
        std::uint64_t key = 0;
        Value value{};
    };
    // The slot index takes the low bits of the mixed key; the filter the high ones.
    [[nodiscard]] std::size_t filter_word(std::uint64_t mixed) const {
        return static_cast<std::size_t>(mixed >> 40U) & (m_filter.size() - 1);
    }
    [[nodiscard]] static std::uint64_t filter_bits(std::uint64_t mixed) {
        return (std::uint64_t{1} << ((mixed >> 28U) & 63U)) |
               (std::uint64_t{1} << ((mixed >> 34U) & 63U));
    }
    std::vector<std::pair<std::uint64_t, Value>> m_entries;
    std::vector<Slot> m_slots;
    std::vector<std::uint64_t> m_filter;
};

/// Word clusters learnt from unlabelled news, stored in the model as hashes of the words
/// (case-sensitive) and their ClusterIds.
using ClusterTable = HashedTable<ClusterIds>;

/// What a name in the model's name list is (bit flags; a name may be several).
enum NameBit : std::uint8_t {
    name_country = 1U << 0U,      ///< a country (iso-codes, our places table)
    name_city = 1U << 1U,         ///< a GeoNames city
    name_region = 1U << 2U,       ///< a subdivision, region, sea or other place
    name_organisation = 1U << 3U, ///< an organisation in our alias table
    name_person = 1U << 4U,       ///< a person in our alias table
    name_large_city = 1U << 5U,   ///< a city of 500,000 people or more
};

/// Names of places and actors from the gazetteer, stored in the model as phrase_key()s of
/// their words and NameBit flags.
using NameList = HashedTable<std::uint8_t>;

/// Where the news writes a word with capitals more often than in lower case ("merkel" ->
/// "Merkel", "nato" -> "NATO", "mcdonald" -> "McDonald"), keyed by the hash of the lower-cased
/// word: bit k of the value is set when byte k is an upper-case letter. Restores the case of an
/// article written all in lower case, which would otherwise give the tagger no names at all.
using TruecaseTable = HashedTable<std::uint16_t>;

/// Words that say what an article is about (BBC desks: business, entertainment, politics, sport,
/// tech), keyed by the hash of the lower-cased word, valued by a topic id (1..max_topics).
using TopicTable = HashedTable<std::uint8_t>;
inline constexpr std::size_t max_topics = 15;

/// A word's key for the TruecaseTable (the hash of its lower-cased bytes, as TokenInfo::lower)
/// and its case mask (bit k: byte k is an upper-case ASCII or Latin-1 letter; bytes past the
/// 16th count as lower case).
struct CasePattern {
    std::uint64_t lower;
    std::uint16_t mask;
};
[[nodiscard]] CasePattern case_pattern(std::string_view word);

/// Appends `word` to `out` lower-cased, then with the bytes `mask` marks made upper case (ASCII
/// and Latin-1 letters).
void append_with_case(std::string_view word, std::uint16_t mask, std::string& out);

/// Counts a document's words with letters, and those with a capital among them.
class CaseCount {
public:
    void add(const std::vector<std::string_view>& words);
    /// News has a capital in one word of ten or so; a document with one in fifty or fewer was
    /// written in lower case (a feed, a transcript, a post) and says nothing by its case.
    [[nodiscard]] bool lower_case() const { return m_words >= 5 && m_capitalised * 50 <= m_words; }

private:
    std::size_t m_words = 0;
    std::size_t m_capitalised = 0;
};

/// Where case carries no information, in every sentence of a document written in lower case and
/// in a sentence written in capitals (a headline), gives the words the news writes with
/// capitals their usual case, and capitalises the words the news never wrote (none of the
/// cluster table's words; in text without case they are mostly names, "phil simmons"): "BAKER
/// SAYS U.S. WANTS STABLE DOLLAR" -> "Baker SAYS U.S. WANTS STABLE DOLLAR", "angela merkel met
/// nato" -> "Angela Merkel met NATO". Other words keep their bytes: a headline's common words
/// stay in capitals, which the model reads as a headline (lower-casing them too cost 0.3-0.4
/// F1 on CoNLL dev). The new words live in `buffer` until the next call. Training and tagging
/// both call this, so the model learns from what it will be given.
/// @return whether the words were rewritten.
bool restore_case(std::vector<std::string_view>& words, bool lower_case_document,
                  const TruecaseTable& truecase, const ClusterTable& clusters, std::string& buffer);

/// The key of a name of up to four words as the tagger's tokenizer cuts and lower-cases them
/// ("New York" -> combine(lower("new"), lower("york"))); 0 for longer or empty names.
[[nodiscard]] std::uint64_t phrase_key(std::string_view name);

/// Facts about a word gathered over the whole document before it is tagged (bit flags of its
/// lower-cased form): how the article writes and frames the word elsewhere, so a headline or a
/// first mention learns from the body.
enum DocumentBit : std::uint16_t {
    doc_lower = 1U << 0U,              ///< written in lower case somewhere
    doc_capitalised_mid = 1U << 1U,    ///< capitalised not at a sentence start, in mixed case
    doc_after_title = 1U << 2U,        ///< after an honorific or a person role ("Mr", "President")
    doc_after_first_name = 1U << 3U,   ///< after a capitalised first name
    doc_before_company = 1U << 4U,     ///< before a company suffix or organisation head word
    doc_alone = 1U << 5U,              ///< capitalised, mid-sentence, no capitalised neighbour
    doc_in_run = 1U << 6U,             ///< in a run of capitalised words, not its first
    doc_run_start = 1U << 7U,          ///< first of a run of capitalised words, mid-sentence
    doc_after_place_word = 1U << 8U,   ///< after "in", "at", "near" or "from"
    doc_before_person_verb = 1U << 9U, ///< before "said", "told", "added" ...
    doc_acronym = 1U << 10U, ///< an all-capitals word spelt by the initials of a capitalised run
    doc_after_org_noun = 1U << 11U,     ///< after a noun that names a kind of body ("club", "firm")
    doc_before_org_cue = 1U << 12U,     ///< before a word a body has ("chairman", "shares"), or
                                        ///< before "said it"
    doc_before_plural_verb = 1U << 13U, ///< before "are" or "were": a team ("Rotor are well
                                        ///< placed"), a people, never one person
};

/// The DocumentBit flags of every word of one document (open addressing, reused).
class DocumentScan {
public:
    void clear();
    /// Adds one sentence; sentences in any order. Its words also vote for the document's topic.
    void add_sentence(const std::vector<std::string_view>& tokens, const TopicTable* topics);
    [[nodiscard]] std::uint16_t find(std::uint64_t lower_hash) const;
    /// The topic most of the document's topic words name, or 0 when fewer than two do.
    [[nodiscard]] std::uint8_t topic() const;

private:
    std::array<std::uint16_t, max_topics + 1> m_topic_votes{};
    void add(std::uint64_t key, std::uint16_t flags);
    void grow();
    std::vector<std::uint64_t> m_keys;
    std::vector<std::uint16_t> m_values;
    std::size_t m_used = 0;
    std::vector<char> m_lower;
    struct Word {
        std::uint64_t lower;
        std::uint16_t gaz;
        bool capitalised;
        bool has_lower;
        bool all_caps;
        char initial;
    };
    std::vector<Word> m_words;
};

/// Per-token facts computed once and reused by every feature template.
struct TokenInfo {
    std::uint64_t lower;
    std::uint64_t exact;
    std::uint64_t shape;
    std::uint64_t short_shape;
    std::uint64_t prefix[4];
    std::uint64_t suffix[4];
    std::uint8_t n_affixes;
    std::uint16_t gaz;
    std::uint8_t phrase; ///< 0, or 1 + 2*type (+1 if not the first word) of a listed phrase
    std::int8_t history; ///< -1 unknown, else label last given to this word in the document
    ClusterIds cluster;  ///< see ClusterIds
    std::uint8_t name;   ///< NameBit flags of a listed name covering the token, else 0
    bool name_inside;    ///< not the first word of that name
    std::uint16_t doc;   ///< DocumentBit flags of the word in this document
    bool capitalised;
    bool all_caps;         ///< letters, all capitals
    std::uint8_t dateline; ///< 0, or 1 for the first and 2 for a later word of a dateline's place
};

/// Labels given to capitalised words earlier in the same document (open addressing, reused).
class DocHistory {
public:
    void clear();
    [[nodiscard]] int find(std::uint64_t key) const;
    void record(std::uint64_t key, int label);

private:
    void grow();
    std::vector<std::uint64_t> m_keys;
    std::vector<std::int8_t> m_values;
    std::size_t m_used = 0;
};

/// Turns sentences into feature buckets. Holds scratch buffers: one per thread.
class FeatureExtractor {
public:
    /// Fills `buckets` with the feature buckets of every token (token i owns
    /// buckets[offsets[i] .. offsets[i+1])), using `history` and `scan` for the document
    /// features.
    void extract(const std::vector<std::string_view>& tokens, const DocHistory& history,
                 const DocumentScan& scan, const ClusterTable& clusters, const NameList& names,
                 int hash_bits, std::vector<std::uint32_t>& buckets,
                 std::vector<std::uint32_t>& offsets);

    /// After decoding: remember the label of each capitalised token for later sentences.
    void remember(const std::vector<std::string_view>& tokens, const std::vector<int>& tags,
                  DocHistory& history) const;

private:
    std::vector<TokenInfo> m_info;
    std::vector<char> m_lower;
};

/// Whether the predecessors viterbi() tries are exactly those transition_allowed() admits.
[[nodiscard]] constexpr bool viterbi_predecessors_are_the_allowed_ones() {
    for (int t = 0; t < n_tags; ++t) {
        for (int p = 0; p < n_tags; ++p) {
            const bool tried = !is_inside(t) || p == t - 1 || p == t;
            if (tried != transition_allowed(p, t)) {
                return false;
            }
        }
    }
    return true;
}
static_assert(viterbi_predecessors_are_the_allowed_ones(), "viterbi() must follow BIO");

/// Viterbi over `n` tokens with emission scores `emit[i * n_tags + t]` and transition scores
/// `trans[prev * n_tags + cur]` (prev == start_state for the first token). Writes `tags`.
template <typename Score>
void viterbi(const Score* emit, std::size_t n, const Score* trans, std::vector<Score>& delta,
             std::vector<std::uint8_t>& back, std::vector<int>& tags) {
    tags.resize(n);
    if (n == 0) {
        return;
    }
    const Score minus_inf = std::numeric_limits<Score>::lowest() / 4;
    delta.resize(n * n_tags);
    back.resize(n * n_tags);
    for (int t = 0; t < n_tags; ++t) {
        delta[t] = transition_allowed(start_state, t) ? emit[t] + trans[start_state * n_tags + t]
                                                      : minus_inf;
    }
    for (std::size_t i = 1; i < n; ++i) {
        const Score* prev = &delta[(i - 1) * n_tags];
        for (int t = 0; t < n_tags; ++t) {
            Score best = minus_inf;
            int arg = 0;
            // The predecessors transition_allowed() admits, in the same order: every tag
            // before O or B-X, only B-X and I-X before I-X.
            const int first = is_inside(t) ? t - 1 : 0;
            const int last = is_inside(t) ? t : n_tags - 1;
            for (int p = first; p <= last; ++p) {
                const Score s = prev[p] + trans[p * n_tags + t];
                if (s > best) {
                    best = s;
                    arg = p;
                }
            }
            delta[i * n_tags + t] = best + emit[i * n_tags + t];
            back[i * n_tags + t] = static_cast<std::uint8_t>(arg);
        }
    }
    int best_tag = 0;
    for (int t = 1; t < n_tags; ++t) {
        if (delta[(n - 1) * n_tags + t] > delta[(n - 1) * n_tags + best_tag]) {
            best_tag = t;
        }
    }
    for (std::size_t i = n; i-- > 0;) {
        tags[i] = best_tag;
        best_tag = back[i * n_tags + best_tag];
    }
}

/// Converts BIO tags to spans.
void tags_to_spans(const std::vector<int>& tags, std::vector<TaggedSpan>& spans);

/// Model file layout constants.
inline constexpr char model_magic[8] = {'N', 'D', 'X', 'N', 'E', 'R', '\0', '\1'};

} // namespace newsdex::analysis::detail
