#include "tagger_features.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "newsdex/ascii.h"

namespace newsdex::analysis::detail {

// ---------------------------------------------------------------------------------------------

void DocHistory::clear() {
    if (m_keys.empty()) {
        m_keys.assign(1024, 0);
        m_values.assign(1024, 0);
    } else if (m_used != 0) {
        std::fill(m_keys.begin(), m_keys.end(), 0);
    }
    m_used = 0;
}

int DocHistory::find(std::uint64_t key) const {
    if (m_keys.empty()) {
        return -1;
    }
    key |= 1U; // 0 marks an empty slot
    const std::size_t mask = m_keys.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        if (m_keys[i] == key) {
            return m_values[i];
        }
        if (m_keys[i] == 0) {
            return -1;
        }
    }
}

void DocHistory::record(std::uint64_t key, int label) {
    if (m_keys.empty() || (m_used + 1) * 2 > m_keys.size()) {
        grow();
    }
    key |= 1U;
    const std::size_t mask = m_keys.size() - 1;
    std::size_t i = key & mask;
    while (m_keys[i] != 0 && m_keys[i] != key) {
        i = (i + 1) & mask;
    }
    if (m_keys[i] == 0) {
        m_keys[i] = key;
        ++m_used;
    }
    m_values[i] = static_cast<std::int8_t>(label);
}

namespace {

// Doubles an open-addressing table (key 0 = empty, linear probing, power-of-two size) and
// re-inserts what it held: DocHistory and DocumentScan share this layout.
template <typename Value>
void grow_table(std::vector<std::uint64_t>& keys, std::vector<Value>& values) {
    std::vector<std::uint64_t> old_keys(std::max<std::size_t>(1024, keys.size() * 2), 0);
    std::vector<Value> old_values(old_keys.size(), 0);
    old_keys.swap(keys);
    old_values.swap(values);
    const std::size_t mask = keys.size() - 1;
    for (std::size_t j = 0; j < old_keys.size(); ++j) {
        if (old_keys[j] == 0) {
            continue;
        }
        std::size_t i = old_keys[j] & mask;
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = old_keys[j];
        values[i] = old_values[j];
    }
}

} // namespace

void DocHistory::grow() { grow_table(m_keys, m_values); }

// ---------------------------------------------------------------------------------------------

namespace {

enum Template : std::uint64_t {
    t_bias = 1,
    t_word,
    t_exact,
    t_prev_word,
    t_next_word,
    t_prev2_word,
    t_next2_word,
    t_prev_bigram,
    t_next_bigram,
    t_prefix,
    t_suffix = t_prefix + 4,
    t_shape = t_suffix + 4,
    t_short_shape,
    t_prev_short_shape,
    t_next_short_shape,
    t_shape_trigram,
    t_initial_shape,
    t_caps_shape,
    t_caps_word,
    t_gaz,
    t_prev_gaz,
    t_next_gaz,
    t_phrase,
    t_history,
    t_history_shape,
    t_prev_word_shape,
    t_next_word_shape,
    t_next_history,
    t_prev_history,
    t_cluster,
    t_prev_cluster,
    t_next_cluster,
    t_cluster_pair,
    t_vector_cluster,                                               // + level (1..3)
    t_prev_vector_cluster = t_vector_cluster + cluster_levels,      // + level
    t_next_vector_cluster = t_prev_vector_cluster + cluster_levels, // + level
    t_document,
    t_document_shape,
    t_next_document,
    t_prev_document,
    t_name,
    t_name_flags,
    t_next_name,
    t_dateline,
    t_topic_shape,
    t_topic_gaz,
    t_topic_name,
};

constexpr std::uint64_t boundary_before = 0x5bd1e9955bd1e995ULL;
constexpr std::uint64_t boundary_after = 0x2545f4914f6cdd1dULL;

/// Upper-case Latin-1 letters in UTF-8 (C3 80..C3 9E except the multiplication sign).
inline bool is_upper_latin1(const unsigned char* p, std::size_t left) {
    return left >= 2 && p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97;
}

/// What one pass over a token's bytes finds: its shape ("Xxxxx", runs cut at four) and
/// short shape ("Xx", one class per run), and which cases its letters have.
struct Letters {
    char shape[16];
    std::size_t shape_len = 0;
    char short_shape[8];
    std::size_t short_len = 0;
    bool has_upper = false;
    bool has_lower = false;
};

/// Reads the first `len` bytes of a token, writing them lower-cased (ASCII and Latin-1
/// capitals) to `lower`.
Letters read_letters(const unsigned char* p, std::size_t len, char* lower) {
    Letters out;
    char last_class = 0;
    int run = 0;
    for (std::size_t k = 0; k < len; ++k) {
        unsigned char c = p[k];
        char cls;
        if (is_upper(static_cast<char>(c))) {
            cls = 'X';
            c = static_cast<unsigned char>(c + 32);
            out.has_upper = true;
        } else if (is_lower(static_cast<char>(c))) {
            cls = 'x';
            out.has_lower = true;
        } else if (is_digit(static_cast<char>(c))) {
            cls = 'd';
        } else if (c >= 0x80) {
            if (c >= 0xC0) {
                if (is_upper_latin1(p + k, len - k)) {
                    cls = 'X';
                    out.has_upper = true;
                } else {
                    cls = 'x';
                    out.has_lower = true;
                }
            } else {
                // Continuation byte: lower-case a Latin-1 capital, no shape of its own.
                if (k > 0 && p[k - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97) {
                    c = static_cast<unsigned char>(c + 32);
                }
                lower[k] = static_cast<char>(c);
                continue;
            }
        } else {
            cls = static_cast<char>(c);
        }
        lower[k] = static_cast<char>(c);
        if (cls == last_class) {
            ++run;
        } else {
            run = 1;
            last_class = cls;
            if (out.short_len < sizeof out.short_shape) {
                out.short_shape[out.short_len++] = cls;
            }
        }
        if (run <= 4 && out.shape_len < sizeof out.shape) {
            out.shape[out.shape_len++] = cls;
        }
    }
    return out;
}

/// How many bytes of a token its features read: at most 64, and of places joined by a slash
/// ("YORK/FRANKFURT" in "NEW YORK/FRANKFURT (Reuters) -", "PARIS/LONDON") only the first, which
/// the tokenizer keeps as one token, so the first place is looked up as itself.
std::size_t feature_length(std::string_view token) {
    const std::size_t len = std::min<std::size_t>(token.size(), 64);
    const std::size_t slash = token.find('/');
    if (slash != std::string_view::npos && slash > 0 && slash + 1 < len &&
        is_alpha(token[slash - 1]) && is_alpha(token[slash + 1])) {
        return slash;
    }
    return len;
}

/// Fills `info` for one token; `lower` is scratch of at least 64 bytes. Returns what
/// read_letters() found, for the sentence's all-capitals test.
Letters describe_token(std::string_view token, const DocHistory& history, const DocumentScan& scan,
                       const ClusterTable& clusters, const WordLists& lists,
                       std::vector<char>& lower, TokenInfo& info) {
    const auto* p = reinterpret_cast<const unsigned char*>(token.data());
    const std::size_t len = feature_length(token);
    const Letters letters = read_letters(p, len, lower.data());
    info.n_affixes = static_cast<std::uint8_t>(std::min<std::size_t>(len > 1 ? len - 1 : 0, 4));
    // One pass gives the lower-case hash and, on the way, the prefix hashes (FNV-1a is
    // incremental): the same values as hashing each prefix on its own.
    std::uint64_t h = fnv1a64_basis;
    for (std::size_t k = 0; k < len; ++k) {
        h = fnv1a64(static_cast<unsigned char>(lower[k]), h);
        if (k < info.n_affixes) {
            info.prefix[k] = h;
        }
    }
    info.lower = h;
    info.exact = hash_bytes(token.data(), len);
    info.shape = hash_bytes(letters.shape, letters.shape_len);
    info.short_shape = hash_bytes(letters.short_shape, letters.short_len);
    info.capitalised = len > 0 && (is_upper(static_cast<char>(p[0])) || is_upper_latin1(p, len));
    info.all_caps = letters.has_upper && !letters.has_lower;
    info.dateline = 0;
    for (std::size_t k = 0; k < info.n_affixes; ++k) {
        info.suffix[k] = hash_bytes(lower.data() + len - k - 1, k + 1);
    }
    const ClusterIds* ids = clusters.find(info.exact);
    if (ids == nullptr && len > 1 && letters.has_upper && !letters.has_lower) {
        // A word in capitals ("COLOMBIA") borrows the clusters of its title-case form.
        const char first = lower[0];
        lower[0] = static_cast<char>(p[0]);
        ids = clusters.find(hash_bytes(lower.data(), len));
        lower[0] = first;
    }
    if (ids == nullptr) {
        ids = clusters.find(info.lower);
    }
    info.cluster = ids != nullptr ? *ids : ClusterIds{};
    info.gaz = lists.word_flags(info.lower);
    info.phrase = 0;
    info.history = info.capitalised ? static_cast<std::int8_t>(history.find(info.lower)) : -1;
    info.doc = letters.has_upper ? scan.find(info.lower) : 0;
    if (letters.has_lower) {
        info.doc &= static_cast<std::uint16_t>(~doc_acronym);
    }
    return letters;
}

/// Multi-word listed names, longest first, never overlapping: sets TokenInfo::phrase.
void mark_phrases(std::vector<TokenInfo>& info, std::size_t n, const WordLists& lists) {
    for (std::size_t i = 0; i < n;) {
        std::size_t matched = 0;
        int type = 0;
        std::uint64_t h = info[i].lower;
        std::uint64_t hs[4];
        hs[0] = h;
        for (std::size_t k = 1; k < 4 && i + k < n; ++k) {
            hs[k] = h = combine(h, info[i + k].lower);
        }
        for (std::size_t k = std::min<std::size_t>(3, n - 1 - i); k >= 1; --k) {
            type = lists.phrase_type(hs[k]);
            if (type != 0) {
                matched = k + 1;
                break;
            }
        }
        if (matched == 0) {
            ++i;
            continue;
        }
        for (std::size_t k = 0; k < matched; ++k) {
            info[i + k].phrase = static_cast<std::uint8_t>(1 + 2 * (type - 1) + (k > 0 ? 1 : 0));
        }
        i += matched;
    }
}

/// Names of the model's name list, longest first, never overlapping: sets TokenInfo::name.
void mark_names(std::vector<TokenInfo>& info, std::size_t n, const NameList& names) {
    for (std::size_t i = 0; i < n; ++i) {
        info[i].name = 0;
        info[i].name_inside = false;
    }
    if (names.entries().empty()) {
        return;
    }
    for (std::size_t i = 0; i < n;) {
        if (!info[i].capitalised) {
            ++i;
            continue;
        }
        std::uint64_t hs[4];
        std::uint64_t h = info[i].lower;
        hs[0] = h;
        const std::size_t longest = std::min<std::size_t>(4, n - i);
        for (std::size_t k = 1; k < longest; ++k) {
            hs[k] = h = combine(h, info[i + k].lower);
        }
        std::size_t matched = 0;
        std::uint8_t flags = 0;
        for (std::size_t k = longest; k-- > 0;) {
            if (const std::uint8_t* found = names.find(hs[k]); found != nullptr) {
                matched = k + 1;
                flags = *found;
                break;
            }
        }
        if (matched == 0) {
            ++i;
            continue;
        }
        for (std::size_t k = 0; k < matched; ++k) {
            info[i + k].name = flags;
            info[i + k].name_inside = k > 0;
        }
        i += matched;
    }
}

/// A date written as digits and hyphens ("1996-08-22").
bool is_numeric_date(std::string_view token) {
    return token.size() >= 8 && std::all_of(token.begin(), token.end(), [](char c) {
               return is_digit(c) || c == '-' || c == '/';
           });
}

/// The place a wire article opens with, in capitals, before its date or its credit: "LONDON
/// 1996-08-22" (CoNLL-2003's dateline lines), "NEW YORK/FRANKFURT (Reuters) -", "WASHINGTON,
/// March 3 (AP) -", "AKRON, Ohio 1996-08-22". Sets TokenInfo::dateline on the place's words.
/// Any credit in parentheses counts, so the cue carries from one agency's style to another's.
void mark_dateline(const std::vector<std::string_view>& tokens, std::vector<TokenInfo>& info,
                   std::size_t n) {
    std::size_t run = 0;
    while (run < n && run < 4 && info[run].all_caps) {
        ++run;
    }
    if (run == 0) {
        return;
    }
    std::size_t j = run;
    if (j < n && tokens[j] == ",") {
        // A region or a date between the place and the credit: ", Ohio", ", March 3".
        for (++j; j < n && j < run + 5 && tokens[j] != "(" && !is_numeric_date(tokens[j]);) {
            ++j;
        }
    }
    const bool dated = j + 1 == n && is_numeric_date(tokens[j]);
    const bool credited = j + 3 < n && tokens[j] == "(" && info[j + 1].capitalised &&
                          tokens[j + 2] == ")" && (tokens[j + 3] == "-" || tokens[j + 3] == "--");
    if (!dated && !credited) {
        return;
    }
    for (std::size_t k = 0; k < run; ++k) {
        info[k].dateline = k == 0 ? 1 : 2;
    }
}

/// Appends feature buckets: a template and a value hashed into `hash_bits` bits.
class BucketSink {
public:
    BucketSink(std::vector<std::uint32_t>& buckets, int hash_bits)
        : m_buckets(buckets), m_shift(64U - static_cast<std::uint64_t>(hash_bits)) {}
    void add(std::uint64_t templ, std::uint64_t value) {
        m_buckets.push_back(
            static_cast<std::uint32_t>(mix64(value ^ (templ * 0x9E3779B97F4A7C15ULL)) >> m_shift));
    }
    /// One feature per bit set, in bit order.
    void add_flags(std::uint64_t templ, std::uint16_t flags) {
        for (std::uint64_t b = 0; b < 16; ++b) {
            if ((flags >> b) & 1U) {
                add(templ, b + 1);
            }
        }
    }

private:
    std::vector<std::uint32_t>& m_buckets;
    std::uint64_t m_shift;
};

/// The features of token `i`, in the order the committed model was trained with: the order
/// decides nothing in the sum, but a change to any template or value changes the buckets.
void add_token_features(const std::vector<TokenInfo>& info, std::size_t i, std::size_t n,
                        bool caps_sentence, std::uint64_t topic, const ClusterTable& clusters,
                        BucketSink& out) {
    const TokenInfo& t = info[i];
    const std::uint64_t prev = i > 0 ? info[i - 1].lower : boundary_before;
    const std::uint64_t next = i + 1 < n ? info[i + 1].lower : boundary_after;
    const std::uint64_t prev2 = i > 1 ? info[i - 2].lower : boundary_before;
    const std::uint64_t next2 = i + 2 < n ? info[i + 2].lower : boundary_after;
    const std::uint64_t prev_ss = i > 0 ? info[i - 1].short_shape : boundary_before;
    const std::uint64_t next_ss = i + 1 < n ? info[i + 1].short_shape : boundary_after;
    const std::uint64_t caps = caps_sentence ? 1 : 0;

    out.add(t_bias, caps);
    out.add(t_word, t.lower);
    out.add(t_exact, t.exact);
    out.add(t_prev_word, prev);
    out.add(t_next_word, next);
    out.add(t_prev2_word, prev2);
    out.add(t_next2_word, next2);
    out.add(t_prev_bigram, combine(prev, t.lower));
    out.add(t_next_bigram, combine(t.lower, next));
    for (std::size_t k = 0; k < t.n_affixes; ++k) {
        out.add(t_prefix + k, t.prefix[k]);
        out.add(t_suffix + k, t.suffix[k]);
    }
    out.add(t_shape, combine(t.shape, caps));
    out.add(t_short_shape, t.short_shape);
    out.add(t_prev_short_shape, prev_ss);
    out.add(t_next_short_shape, next_ss);
    out.add(t_shape_trigram, combine(combine(prev_ss, t.short_shape), next_ss));
    out.add(t_initial_shape, combine(t.short_shape, i == 0 ? 1 : 0));
    out.add(t_prev_word_shape, combine(prev, t.short_shape));
    out.add(t_next_word_shape, combine(next, t.short_shape));
    if (caps_sentence) {
        out.add(t_caps_word, t.lower);
    }
    out.add_flags(t_gaz, t.gaz);
    if (i > 0) {
        out.add_flags(t_prev_gaz, info[i - 1].gaz);
    }
    if (i + 1 < n) {
        out.add_flags(t_next_gaz, info[i + 1].gaz);
    }
    if (t.phrase != 0) {
        out.add(t_phrase, t.phrase);
    }
    if (t.name != 0) {
        out.add_flags(combine(t_name, t.name_inside ? 1 : 0), t.name);
        out.add(t_name_flags, combine(t.name, t.name_inside ? 1 : 0));
    }
    if (i + 1 < n && info[i + 1].name != 0) {
        out.add(t_next_name, combine(info[i + 1].name, info[i + 1].name_inside ? 1 : 0));
    }
    if (t.history >= 0) {
        out.add(t_history, static_cast<std::uint64_t>(t.history));
        out.add(t_history_shape, combine(static_cast<std::uint64_t>(t.history), t.short_shape));
    }
    if (i + 1 < n && info[i + 1].history >= 0) {
        out.add(t_next_history, static_cast<std::uint64_t>(info[i + 1].history));
    }
    if (i > 0 && info[i - 1].history >= 0) {
        out.add(t_prev_history, static_cast<std::uint64_t>(info[i - 1].history));
    }
    if (!clusters.entries().empty()) {
        const std::uint64_t prev_c = i > 0 ? info[i - 1].cluster[0] : 0xFFFFU;
        const std::uint64_t next_c = i + 1 < n ? info[i + 1].cluster[0] : 0xFFFFU;
        out.add(t_cluster, t.cluster[0]);
        out.add(t_prev_cluster, prev_c);
        out.add(t_next_cluster, next_c);
        out.add(t_cluster_pair, combine(t.cluster[0], next_c));
        // The word-vector clusters at 256 and 64 classes, of the word and its neighbours. The
        // finest level (1024) stays in the table but is no feature: on CoNLL dev (three
        // shuffling seeds) it cost 0.3 F1 to the perceptron, which has no regularisation.
        for (std::size_t level = 2; level < cluster_levels; ++level) {
            if (t.cluster[1] != 0) {
                out.add(t_vector_cluster + level, t.cluster[level]);
            }
            out.add(t_prev_vector_cluster + level, i > 0 ? info[i - 1].cluster[level] : 0xFFFFU);
            out.add(t_next_vector_cluster + level,
                    i + 1 < n ? info[i + 1].cluster[level] : 0xFFFFU);
        }
    }
    if (t.doc != 0) {
        out.add_flags(t_document, t.doc);
        out.add(t_document_shape, combine(t.doc, t.short_shape));
    }
    if (i + 1 < n && info[i + 1].doc != 0) {
        out.add(t_next_document, info[i + 1].doc);
    }
    if (i > 0 && info[i - 1].doc != 0) {
        out.add(t_prev_document, info[i - 1].doc);
    }
    if (t.dateline != 0) {
        out.add(t_dateline, t.dateline);
    }
    // What a capitalised word names depends on what the article is about: a city in a football
    // report is mostly its club ("Milan beat Torino"), in a markets story a place. Only the
    // word's kind (shape, word lists, name list) meets the topic: the word itself with the
    // topic, and the 64 word-vector clusters with it, cost 0.2-0.4 F1 on CoNLL dev.
    if (topic != 0 && t.capitalised) {
        out.add(t_topic_shape, combine(topic, t.short_shape));
        out.add_flags(combine(t_topic_gaz, topic), t.gaz);
        if (t.name != 0) {
            out.add(t_topic_name, combine(topic, t.name));
        }
    }
}

} // namespace

std::uint64_t phrase_key(std::string_view name) {
    std::uint64_t key = 0;
    std::size_t words = 0;
    char lower[64];
    for (const auto& sentence : split_sentences(name)) {
        for (const TokenRange& t : sentence) {
            const std::size_t len = std::min<std::size_t>(t.end - t.start, 64);
            (void)read_letters(reinterpret_cast<const unsigned char*>(name.data() + t.start), len,
                               lower);
            const std::uint64_t h = hash_bytes(lower, len);
            key = words == 0 ? h : combine(key, h);
            if (++words > 4) {
                return 0;
            }
        }
    }
    return key;
}

CasePattern case_pattern(std::string_view word) {
    const auto* p = reinterpret_cast<const unsigned char*>(word.data());
    const std::size_t len = feature_length(word);
    char lower[64];
    (void)read_letters(p, len, lower);
    std::uint16_t mask = 0;
    for (std::size_t k = 0; k < len && k < 16; ++k) {
        const bool latin1_capital = k > 0 && is_upper_latin1(p + k - 1, len - k + 1);
        if (is_upper(static_cast<char>(p[k])) || latin1_capital) {
            mask = static_cast<std::uint16_t>(mask | (1U << k));
        }
    }
    return CasePattern{hash_bytes(lower, len), mask};
}

void append_with_case(std::string_view word, std::uint16_t mask, std::string& out) {
    for (std::size_t k = 0; k < word.size(); ++k) {
        auto c = static_cast<unsigned char>(word[k]);
        if (is_upper(static_cast<char>(c))) {
            c = static_cast<unsigned char>(c + 32);
        } else if (k > 0 && static_cast<unsigned char>(word[k - 1]) == 0xC3 && c >= 0x80 &&
                   c <= 0x9E && c != 0x97) {
            c = static_cast<unsigned char>(c + 32);
        }
        if (k < 16 && ((mask >> k) & 1U) != 0) {
            if (is_lower(static_cast<char>(c))) {
                c = static_cast<unsigned char>(c - 32);
            } else if (k > 0 && static_cast<unsigned char>(word[k - 1]) == 0xC3 && c >= 0xA0 &&
                       c <= 0xBE && c != 0xB7) {
                c = static_cast<unsigned char>(c - 32); // Latin-1: U+00E0.. -> U+00C0..
            }
        }
        out.push_back(static_cast<char>(c));
    }
}

void CaseCount::add(const std::vector<std::string_view>& words) {
    for (const std::string_view word : words) {
        const auto* p = reinterpret_cast<const unsigned char*>(word.data());
        bool letters = false;
        bool capital = false;
        for (std::size_t k = 0; k < word.size(); ++k) {
            letters = letters || is_alpha(static_cast<char>(p[k])) || p[k] >= 0x80;
            capital = capital || is_upper(static_cast<char>(p[k])) ||
                      is_upper_latin1(p + k, word.size() - k);
        }
        m_words += letters ? 1 : 0;
        m_capitalised += capital ? 1 : 0;
    }
}

namespace {

/// A headline: four in five of the words with letters are in capitals.
bool capitals_only(const std::vector<std::string_view>& words) {
    std::size_t alpha = 0;
    std::size_t caps = 0;
    for (const std::string_view word : words) {
        bool upper = false;
        bool lower = false;
        for (const char c : word) {
            upper = upper || is_upper(c);
            lower = lower || is_lower(c);
        }
        alpha += (upper || lower) ? 1 : 0;
        caps += (upper && !lower) ? 1 : 0;
    }
    return alpha >= 2 && caps * 10 >= alpha * 8;
}

} // namespace

bool restore_case(std::vector<std::string_view>& words, bool lower_case_document,
                  const TruecaseTable& truecase, const ClusterTable& clusters,
                  std::string& buffer) {
    if (!lower_case_document && !capitals_only(words)) {
        return false;
    }
    std::size_t bytes = 0;
    for (const std::string_view word : words) {
        bytes += word.size();
    }
    buffer.clear();
    buffer.reserve(bytes); // no reallocation below: the views stay valid
    for (std::string_view& word : words) {
        const std::size_t start = buffer.size();
        const std::uint64_t lower = case_pattern(word).lower;
        if (const std::uint16_t* mask = truecase.find(lower); mask != nullptr) {
            append_with_case(word, *mask, buffer);
        } else if (clusters.find(lower) == nullptr) {
            append_with_case(word, 1U, buffer);
        } else {
            buffer.append(word);
        }
        word = std::string_view(buffer.data() + start, word.size());
    }
    return true;
}

// ---------------------------------------------------------------------------------------------

void DocumentScan::clear() {
    if (m_keys.empty()) {
        m_keys.assign(1024, 0);
        m_values.assign(1024, 0);
    } else if (m_used != 0) {
        std::fill(m_keys.begin(), m_keys.end(), 0);
    }
    m_used = 0;
    m_topic_votes.fill(0);
}

std::uint8_t DocumentScan::topic() const {
    std::uint8_t best = 0;
    std::uint16_t votes = 1; // one word says little
    for (std::size_t t = 1; t < m_topic_votes.size(); ++t) {
        if (m_topic_votes[t] > votes) {
            votes = m_topic_votes[t];
            best = static_cast<std::uint8_t>(t);
        }
    }
    return best;
}

std::uint16_t DocumentScan::find(std::uint64_t lower_hash) const {
    if (m_used == 0) {
        return 0;
    }
    const std::uint64_t key = lower_hash | 1U; // 0 marks an empty slot
    const std::size_t mask = m_keys.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        if (m_keys[i] == key) {
            return m_values[i];
        }
        if (m_keys[i] == 0) {
            return 0;
        }
    }
}

void DocumentScan::add(std::uint64_t key, std::uint16_t flags) {
    if (m_keys.empty() || (m_used + 1) * 2 > m_keys.size()) {
        grow();
    }
    key |= 1U;
    const std::size_t mask = m_keys.size() - 1;
    std::size_t i = key & mask;
    while (m_keys[i] != 0 && m_keys[i] != key) {
        i = (i + 1) & mask;
    }
    if (m_keys[i] == 0) {
        m_keys[i] = key;
        m_values[i] = 0;
        ++m_used;
    }
    m_values[i] = static_cast<std::uint16_t>(m_values[i] | flags);
}

void DocumentScan::grow() { grow_table(m_keys, m_values); }

namespace {

std::uint64_t lower_word_hash(std::string_view word) {
    return hash_bytes(word.data(), word.size());
}

bool in_list(std::uint64_t lower, const std::vector<std::uint64_t>& list) {
    return std::find(list.begin(), list.end(), lower) != list.end();
}

std::vector<std::uint64_t> hash_words(std::initializer_list<std::string_view> words) {
    std::vector<std::uint64_t> out;
    out.reserve(words.size());
    for (const std::string_view word : words) {
        out.push_back(lower_word_hash(word));
    }
    return out;
}

// The word lists of the document scan below are part of the feature set: changing one changes
// what the model was trained on, so it goes with a new feature_version and a retrained model.

bool is_place_word(std::uint64_t lower) {
    static const std::vector<std::uint64_t> words = hash_words({"in", "at", "near", "from"});
    return in_list(lower, words);
}

bool is_person_verb(std::uint64_t lower) {
    static const std::vector<std::uint64_t> words =
        hash_words({"said", "says", "told", "added", "asked"});
    return in_list(lower, words);
}

// A common noun written before a name to say what kind of body it is: "serie A club Atalanta",
// "the carrier Lufthansa". A name met once so framed reads as an organisation everywhere in
// the article, as a title before a surname makes a person.
bool is_org_noun(std::uint64_t lower) {
    static const std::vector<std::uint64_t> words = hash_words(
        {"club",         "side",        "team",      "company",     "firm",     "group",
         "bank",         "carrier",     "airline",   "maker",       "producer", "retailer",
         "insurer",      "lender",      "newspaper", "daily",       "weekly",   "magazine",
         "agency",       "broadcaster", "network",   "rivals",      "rival",    "champions",
         "conglomerate", "operator",    "developer", "brewer",      "miner",    "subsidiary",
         "unit",         "outfit",      "chain",     "supermarket", "studio",   "label",
         "band",         "party",       "union"});
    return in_list(lower, words);
}

// A word written after a name for something only a body has: "Deportivo chairman", "Comelf
// 's output", "Atalanta coach", "Vodafone shares".
bool is_org_cue(std::uint64_t lower) {
    static const std::vector<std::uint64_t> words = hash_words(
        {"chairman", "chairwoman",   "spokesman",    "spokeswoman", "spokesperson", "coach",
         "manager",  "shares",       "shareholders", "stock",       "executives",   "directors",
         "board",    "striker",      "goalkeeper",   "keeper",      "midfielder",   "defender",
         "fans",     "players",      "officials",    "management",  "employees",    "staff",
         "stake",    "headquarters", "boss",         "output",      "profit",       "profits",
         "revenue",  "revenues",     "earnings",     "subsidiary"});
    return in_list(lower, words);
}

// A noun that frames what follows its preposition as a body: "a stake in Telecom Italia",
// "the takeover of Boatmen 's", "a merger with Mercantile".
bool is_org_deal(std::uint64_t lower) {
    static const std::vector<std::uint64_t> words =
        hash_words({"shares", "stake", "stakes", "unit", "subsidiary", "takeover", "acquisition",
                    "merger", "bid", "shareholder", "shareholders", "division", "owner"});
    return in_list(lower, words);
}

bool is_deal_preposition(std::uint64_t lower) {
    static const std::vector<std::uint64_t> words = hash_words({"in", "of", "for", "with"});
    return in_list(lower, words);
}

} // namespace

void DocumentScan::add_sentence(const std::vector<std::string_view>& tokens,
                                const TopicTable* topics) {
    const WordLists& lists = WordLists::instance();
    static const std::uint64_t possessive_s = lower_word_hash("'s");
    static const std::uint64_t apostrophe = lower_word_hash("'");
    static const std::uint64_t it = lower_word_hash("it");
    static const std::uint64_t its = lower_word_hash("its");
    static const std::uint64_t are = lower_word_hash("are");
    static const std::uint64_t were = lower_word_hash("were");
    if (m_lower.size() < 64) {
        m_lower.resize(64);
    }
    m_words.resize(tokens.size());
    std::size_t alpha = 0;
    std::size_t caps = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto* p = reinterpret_cast<const unsigned char*>(tokens[i].data());
        const std::size_t len = feature_length(tokens[i]);
        const Letters letters = read_letters(p, len, m_lower.data());
        Word& w = m_words[i];
        w.lower = hash_bytes(m_lower.data(), len);
        w.capitalised = len > 0 && (is_upper(static_cast<char>(p[0])) || is_upper_latin1(p, len));
        w.has_lower = letters.has_lower;
        w.all_caps = letters.has_upper && !letters.has_lower;
        w.initial = len > 0 ? static_cast<char>(p[0]) : '\0';
        w.gaz = (letters.has_upper || letters.has_lower) ? lists.word_flags(w.lower) : 0;
        if (letters.has_upper || letters.has_lower) {
            ++alpha;
            caps += w.all_caps ? 1 : 0;
            if (topics != nullptr && len >= 4) {
                if (const std::uint8_t* topic = topics->find(w.lower);
                    topic != nullptr && *topic < m_topic_votes.size() &&
                    m_topic_votes[*topic] < 0xFFFFU) {
                    ++m_topic_votes[*topic];
                }
            }
        }
    }
    // In a headline in capitals every word is capitalised: only the neighbour cues count there.
    const bool caps_sentence = alpha >= 2 && caps * 10 >= alpha * 8;
    const std::size_t n = m_words.size();
    char initials[16];
    std::size_t run = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Word& w = m_words[i];
        if (!w.capitalised) {
            if (w.has_lower && !w.all_caps) {
                add(w.lower, doc_lower);
            }
            run = 0;
            continue;
        }
        const bool prev_cap = i > 0 && m_words[i - 1].capitalised;
        const bool next_cap = i + 1 < n && m_words[i + 1].capitalised;
        std::uint16_t flags = 0;
        if (!caps_sentence && w.has_lower && i > 0) {
            flags |= doc_capitalised_mid;
        }
        if (i > 0 && (m_words[i - 1].gaz & (gaz_honorific | gaz_person_role)) != 0) {
            flags |= doc_after_title;
        }
        if (prev_cap && (m_words[i - 1].gaz & gaz_first_name) != 0) {
            flags |= doc_after_first_name;
        }
        if (next_cap && (m_words[i + 1].gaz & (gaz_company_suffix | gaz_org_head)) != 0) {
            flags |= doc_before_company;
        }
        if (!caps_sentence && i > 0) {
            if (!prev_cap && !next_cap) {
                flags |= doc_alone;
            } else if (!prev_cap) {
                flags |= doc_run_start;
            }
        }
        if (!caps_sentence && prev_cap) {
            flags |= doc_in_run;
        }
        if (i > 0 && is_place_word(m_words[i - 1].lower)) {
            flags |= doc_after_place_word;
        }
        if (i + 1 < n && is_person_verb(m_words[i + 1].lower)) {
            flags |= doc_before_person_verb;
        }
        if (i > 0 && !m_words[i - 1].capitalised && is_org_noun(m_words[i - 1].lower)) {
            flags |= doc_after_org_noun;
        }
        if (i > 1 && is_deal_preposition(m_words[i - 1].lower) && !m_words[i - 2].capitalised &&
            is_org_deal(m_words[i - 2].lower)) {
            flags |= doc_after_org_noun;
        }
        // The cue word may follow a possessive ("Comelf 's output", "Deportivo ' keeper").
        std::size_t cue_at = i + 1;
        if (cue_at < n &&
            (m_words[cue_at].lower == possessive_s || m_words[cue_at].lower == apostrophe)) {
            ++cue_at;
        }
        const bool cue =
            cue_at < n && !m_words[cue_at].capitalised && is_org_cue(m_words[cue_at].lower);
        const bool said_it = i + 2 < n && is_person_verb(m_words[i + 1].lower) &&
                             (m_words[i + 2].lower == it || m_words[i + 2].lower == its);
        if (cue || said_it) {
            flags |= doc_before_org_cue;
        }
        if (i + 1 < n && (m_words[i + 1].lower == are || m_words[i + 1].lower == were)) {
            flags |= doc_before_plural_verb;
        }
        add(w.lower, flags);
        // A run of mixed-case capitalised words spells an acronym: "Bank for International
        // Settlements" is not one, "International Business Machines" gives "ibm".
        if (caps_sentence || !w.has_lower) {
            run = 0;
            continue;
        }
        if (run < sizeof initials) {
            initials[run] = static_cast<char>(w.initial + ('a' - 'A'));
        }
        ++run;
        const bool run_ends =
            i + 1 >= n || !m_words[i + 1].capitalised || !m_words[i + 1].has_lower;
        if (run_ends && run >= 2 && run <= sizeof initials) {
            add(hash_bytes(initials, run), doc_acronym);
        }
    }
}

void FeatureExtractor::extract(const std::vector<std::string_view>& tokens,
                               const DocHistory& history, const DocumentScan& scan,
                               const ClusterTable& clusters, const NameList& names, int hash_bits,
                               std::vector<std::uint32_t>& buckets,
                               std::vector<std::uint32_t>& offsets) {
    const std::size_t n = tokens.size();
    const WordLists& lists = WordLists::instance();
    m_info.resize(n);
    buckets.clear();
    offsets.resize(n + 1);
    if (m_lower.size() < 64) {
        m_lower.resize(64);
    }

    // A headline or a results table in capitals carries no case information: the model needs to
    // know that, or every capitalised word would look like a name.
    std::size_t alpha_tokens = 0;
    std::size_t caps_tokens = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Letters letters =
            describe_token(tokens[i], history, scan, clusters, lists, m_lower, m_info[i]);
        if (letters.has_upper || letters.has_lower) {
            ++alpha_tokens;
            if (letters.has_upper && !letters.has_lower) {
                ++caps_tokens;
            }
        }
    }
    const bool caps_sentence = alpha_tokens >= 2 && caps_tokens * 10 >= alpha_tokens * 8;
    mark_phrases(m_info, n, lists);
    mark_names(m_info, n, names);
    mark_dateline(tokens, m_info, n);

    const std::uint64_t topic = scan.topic();
    BucketSink sink(buckets, hash_bits);
    for (std::size_t i = 0; i < n; ++i) {
        offsets[i] = static_cast<std::uint32_t>(buckets.size());
        add_token_features(m_info, i, n, caps_sentence, topic, clusters, sink);
    }
    offsets[n] = static_cast<std::uint32_t>(buckets.size());
}

void FeatureExtractor::remember(const std::vector<std::string_view>& tokens,
                                const std::vector<int>& tags, DocHistory& history) const {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const TokenInfo& t = m_info[i];
        if (!t.capitalised) {
            continue;
        }
        // Sentence-initial words are capitalised by grammar, not because they are names; an O
        // there says nothing about the word elsewhere.
        if (i == 0 && tags[i] == 0) {
            continue;
        }
        history.record(t.lower, tags[i] == 0 ? 0 : 1 + static_cast<int>(tag_type(tags[i])));
    }
}

void tags_to_spans(const std::vector<int>& tags, std::vector<TaggedSpan>& spans) {
    spans.clear();
    for (std::size_t i = 0; i < tags.size();) {
        if (tags[i] == 0) {
            ++i;
            continue;
        }
        const EntityType type = tag_type(tags[i]);
        std::size_t j = i + 1;
        while (j < tags.size() && tags[j] == inside_tag(type)) {
            ++j;
        }
        spans.push_back(TaggedSpan{i, j, type});
        i = j;
    }
}

} // namespace newsdex::analysis::detail
