#include "newsdex/analysis/tagger.h"

#include "newsdex/ascii.h"
#include "newsdex/error.h"
#include "tagger_features.h"
#include "tagger_weights.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <type_traits>

namespace newsdex::analysis {

using detail::n_tags;
static_assert(detail::WeightTable::tags == n_tags, "a weight row holds one weight per tag");

std::string_view entity_type_label(EntityType type) noexcept {
    switch (type) {
    case EntityType::person:
        return "PER";
    case EntityType::organisation:
        return "ORG";
    case EntityType::location:
        return "LOC";
    case EntityType::misc:
        return "MISC";
    }
    return "?";
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

namespace {

inline bool is_alnum_ascii(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha_ascii(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Length of a non-ASCII space (no-break space, the U+2000 block) at p, else 0.
std::size_t unicode_space_len(const unsigned char* p, std::size_t left) {
    if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
        return 2;
    }
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF)) {
        return 3;
    }
    if (left >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
        return 3;
    }
    return 0;
}

/// Length of typographic punctuation (dashes, curly quotes, ellipsis, guillemets) at p, else 0.
std::size_t unicode_punct_len(const unsigned char* p, std::size_t left) {
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0xBA) {
        return 3;
    }
    if (left >= 2 && p[0] == 0xC2 &&
        (p[1] == 0xAB || p[1] == 0xBB || p[1] == 0xA1 || p[1] == 0xBF)) {
        return 2;
    }
    return 0;
}

/// An apostrophe (ASCII or U+2019) at p: its byte length, else 0.
std::size_t apostrophe_len(const unsigned char* p, std::size_t left) {
    if (left >= 1 && p[0] == '\'') {
        return 1;
    }
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99) {
        return 3;
    }
    return 0;
}

class Splitter {
public:
    Splitter(std::string_view text, std::vector<TokenRange>& tokens,
             std::vector<std::size_t>& sentence_ends)
        : m_p(reinterpret_cast<const unsigned char*>(text.data())), m_n(text.size()),
          m_tokens(tokens), m_ends(sentence_ends) {
        m_tokens.clear();
        m_ends.clear();
    }

    void run() {
        std::size_t i = 0;
        std::size_t line_start = 0;
        while (i < m_n) {
            const unsigned char c = m_p[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n') {
                i = whitespace(i, line_start);
                continue;
            }
            if (const std::size_t s = unicode_space_len(m_p + i, m_n - i); s != 0) {
                i += s;
                continue;
            }
            i = token(i);
        }
        end_sentence();
    }

private:
    [[nodiscard]] bool is_word_at(std::size_t i) const {
        if (i >= m_n) {
            return false;
        }
        const unsigned char c = m_p[i];
        if (c < 0x80) {
            return is_alnum_ascii(c);
        }
        return unicode_punct_len(m_p + i, m_n - i) == 0 && unicode_space_len(m_p + i, m_n - i) == 0;
    }

    [[nodiscard]] bool is_letter_at(std::size_t i) const {
        return i < m_n && (is_alpha_ascii(m_p[i]) || (m_p[i] >= 0x80 && is_word_at(i)));
    }

    std::size_t whitespace(std::size_t i, std::size_t& line_start) {
        int newlines = 0;
        std::size_t line_length = 0;
        bool indented = false;
        while (i < m_n) {
            const unsigned char c = m_p[i];
            if (c == '\n') {
                if (newlines == 0) {
                    line_length = i - line_start;
                }
                ++newlines;
                line_start = i + 1;
                indented = false;
            } else if (c == ' ' || c == '\t') {
                indented = indented || (newlines > 0 && i == line_start);
                if (indented && i > line_start && m_p[i - 1] != ' ' && m_p[i - 1] != '\t') {
                    indented = false;
                }
            } else if (c != '\r' && c != '\f' && c != '\v') {
                break;
            }
            ++i;
        }
        // Wrapped wire copy continues sentences across single newlines; a blank line, an
        // indented line or a short line (headline, dateline, table row) ends one.
        if (newlines >= 2 || (newlines == 1 && (indented || line_length < 50))) {
            end_sentence();
        }
        return i;
    }

    [[nodiscard]] bool abbreviation(std::size_t b, std::size_t e) const {
        // A word followed by '.', [b, e) without the period.
        const std::size_t len = e - b;
        if (len == 1 && is_alpha_ascii(m_p[b])) {
            return true; // an initial: "J. Smith"
        }
        for (std::size_t k = b; k < e; ++k) {
            if (m_p[k] == '.') {
                return true; // "U.S" + "."
            }
        }
        static constexpr std::string_view list[] = {
            "mr",     "mrs",  "ms",  "dr",   "prof", "gen",    "lt",  "col", "sgt", "capt",
            "maj",    "adm",  "sen", "rep",  "gov",  "st",     "jr",  "sr",  "rev", "inc",
            "corp",   "co",   "ltd", "bros", "vs",   "jan",    "feb", "mar", "apr", "jun",
            "jul",    "aug",  "sep", "sept", "oct",  "nov",    "dec", "mt",  "ft",  "cf",
            "approx", "dept", "est", "fig",  "pct",  "messrs",
        };
        if (len > 7) {
            return false;
        }
        char lower[8];
        for (std::size_t k = 0; k < len; ++k) {
            const unsigned char c = m_p[b + k];
            lower[k] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        const std::string_view w(lower, len);
        if (w == "no") {
            // "No. 5" but not "said: No."
            std::size_t k = e + 1;
            while (k < m_n && m_p[k] == ' ') {
                ++k;
            }
            return k < m_n && is_digit(m_p[k]);
        }
        for (std::string_view a : list) {
            if (a == w) {
                return true;
            }
        }
        return false;
    }

    std::size_t token(std::size_t i) {
        const unsigned char c = m_p[i];
        // Possessive and contracted clitics split off as PTB does: "Clinton's" -> "Clinton" "'s".
        if (const std::size_t a = apostrophe_len(m_p + i, m_n - i); a != 0) {
            const std::size_t j = i + a;
            if (j < m_n && (m_p[j] == 's' || m_p[j] == 'S') && !is_word_at(j + 1) && i > 0 &&
                is_word_at(i - 1)) {
                emit(i, j + 1);
                return j + 1;
            }
        }
        if (is_word_at(i)) {
            return word(i);
        }
        if (const std::size_t u = unicode_punct_len(m_p + i, m_n - i); u != 0) {
            // "…" and dashes are single tokens; curly quotes too.
            emit(i, i + u);
            return i + u;
        }
        if (c == '.' || c == '-' || c == '`' || c == '\'') {
            std::size_t j = i + 1;
            while (j < m_n && m_p[j] == c) {
                ++j;
            }
            emit(i, j);
            return j;
        }
        emit(i, i + 1);
        return i + 1;
    }

    std::size_t word(std::size_t i) {
        const std::size_t b = i;
        std::size_t j = i;
        while (j < m_n) {
            if (is_word_at(j)) {
                // "don't" -> "do" "n't"
                if ((m_p[j] == 'n' || m_p[j] == 'N') && j > b && j + 2 < m_n &&
                    m_p[j + 1] == '\'' && (m_p[j + 2] == 't' || m_p[j + 2] == 'T') &&
                    !is_word_at(j + 3)) {
                    break;
                }
                ++j;
                continue;
            }
            const unsigned char c = m_p[j];
            const bool prev_digit = is_digit(m_p[j - 1]);
            if ((c == '-' || c == '.' || c == '/' || c == '&' || c == '_' || c == '@') &&
                is_word_at(j + 1)) {
                ++j;
                continue;
            }
            if ((c == ',' || c == ':') && prev_digit && j + 1 < m_n && is_digit(m_p[j + 1])) {
                ++j;
                continue;
            }
            if (const std::size_t a = apostrophe_len(m_p + j, m_n - j); a != 0) {
                const std::size_t k = j + a;
                const bool clitic_s =
                    k < m_n && (m_p[k] == 's' || m_p[k] == 'S') && !is_word_at(k + 1);
                if (!clitic_s && is_letter_at(j - 1) && is_letter_at(k)) {
                    j = k; // "O'Brien"
                    continue;
                }
            }
            break;
        }
        // Keep the period of "U.S.", "Mr." and initials; a sentence-final period splits off.
        if (j < m_n && m_p[j] == '.' && (j + 1 >= m_n || m_p[j + 1] != '.') && abbreviation(b, j)) {
            ++j;
        }
        emit(b, j);
        return j;
    }

    void emit(std::size_t b, std::size_t e) {
        const unsigned char first = m_p[b];
        // A straight quote right after the period closes the sentence's quotation; after a space
        // it opens the next sentence.
        const bool attached = b > 0 && m_p[b - 1] != ' ' && m_p[b - 1] != '\n' &&
                              m_p[b - 1] != '\t' && m_p[b - 1] != '\r';
        const bool closing =
            first == ')' || first == ']' || first == '}' ||
            ((first == '"' || first == '\'') && attached) ||
            (e - b == 3 && first == 0xE2 && (m_p[b + 2] == 0x9D || m_p[b + 2] == 0x99));
        if (m_pending_end && !closing) {
            m_pending_end = false;
            const bool starts_sentence = !(first >= 'a' && first <= 'z') && first != ',' &&
                                         first != ';' && first != ':' && first != '.';
            if (starts_sentence) {
                end_sentence();
            }
        }
        m_tokens.push_back(TokenRange{b, e});
        if (first == '!' || first == '?' || (first == '.' && (e - b == 1 || e - b == 3))) {
            m_pending_end = true;
        }
    }

    void end_sentence() {
        m_pending_end = false;
        const std::size_t last = m_ends.empty() ? 0 : m_ends.back();
        if (m_tokens.size() > last) {
            m_ends.push_back(m_tokens.size());
        }
    }

    const unsigned char* m_p;
    std::size_t m_n;
    std::vector<TokenRange>& m_tokens;
    std::vector<std::size_t>& m_ends;
    bool m_pending_end = false;
};

} // namespace

std::vector<std::vector<TokenRange>> split_sentences(std::string_view text) {
    std::vector<TokenRange> tokens;
    std::vector<std::size_t> ends;
    Splitter(text, tokens, ends).run();
    std::vector<std::vector<TokenRange>> sentences;
    sentences.reserve(ends.size());
    std::size_t b = 0;
    for (const std::size_t e : ends) {
        sentences.emplace_back(tokens.begin() + static_cast<std::ptrdiff_t>(b),
                               tokens.begin() + static_cast<std::ptrdiff_t>(e));
        b = e;
    }
    return sentences;
}

// ---------------------------------------------------------------------------------------------
// Model

struct Tagger::Model {
    int hash_bits = 0;
    detail::WeightTable weights;
    std::array<std::int32_t, std::size_t{n_tags + 1} * n_tags> transitions{};
    detail::ClusterTable clusters;
    detail::NameList names;
    detail::TruecaseTable truecase;
    detail::TopicTable topics;
};

namespace {

class Reader {
public:
    Reader(std::string_view bytes, const std::string& name) : m_bytes(bytes), m_name(name) {}

    template <typename T>
    T get() {
        T value;
        need(sizeof value);
        std::memcpy(&value, m_bytes.data() + m_pos, sizeof value);
        m_pos += sizeof value;
        return value;
    }

    const char* take(std::size_t n) {
        need(n);
        const char* p = m_bytes.data() + m_pos;
        m_pos += n;
        return p;
    }

    [[noreturn]] void fail(const std::string& why) const {
        throw ResourceError("named-entity model '" + m_name + "': " + why);
    }

    [[nodiscard]] std::size_t position() const { return m_pos; }

private:
    void need(std::size_t n) const {
        if (m_bytes.size() - m_pos < n) {
            fail("truncated file");
        }
    }
    std::string_view m_bytes;
    const std::string& m_name;
    std::size_t m_pos = 0;
};

/// Reads one hashed table of the model file: a count, then each entry's 64-bit hash and value
/// (an integer, or an array of them).
template <typename Value>
void read_table(Reader& r, detail::HashedTable<Value>& table) {
    std::vector<std::pair<std::uint64_t, Value>> entries(r.get<std::uint32_t>());
    for (auto& [hash, value] : entries) {
        hash = r.get<std::uint64_t>();
        if constexpr (std::is_integral_v<Value>) {
            value = r.get<Value>();
        } else {
            for (auto& part : value) {
                part = r.get<typename Value::value_type>();
            }
        }
    }
    table.assign(std::move(entries));
}

} // namespace

Tagger::Tagger(std::unique_ptr<Model> model) : m_model(std::move(model)) {}
Tagger::Tagger(Tagger&&) noexcept = default;
Tagger& Tagger::operator=(Tagger&&) noexcept = default;
Tagger::~Tagger() = default;

std::size_t Tagger::feature_count() const noexcept { return m_model->weights.size(); }

Tagger Tagger::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        throw ResourceError("named-entity model '" + path + "': cannot open file");
    }
    // One read of the whole file into a buffer of its size: a stream iterator copies the
    // megabytes a byte at a time, and a string stream copies them twice more.
    const std::streamoff size = in.tellg();
    std::string bytes(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
    in.seekg(0);
    if (size < 0 || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        throw ResourceError("named-entity model '" + path + "': read error");
    }
    return from_bytes(bytes, path);
}

Tagger Tagger::from_bytes(std::string_view bytes, const std::string& name) {
    Reader r(bytes, name);
    if (bytes.size() < sizeof detail::model_magic + 8 ||
        std::memcmp(bytes.data(), detail::model_magic, sizeof detail::model_magic) != 0) {
        r.fail("not a Newsdex tagger model (bad magic)");
    }
    const std::uint64_t stored_sum = [&] {
        std::uint64_t v;
        std::memcpy(&v, bytes.data() + bytes.size() - 8, 8);
        return v;
    }();
    if (detail::hash_bytes(bytes.data(), bytes.size() - 8) != stored_sum) {
        r.fail("checksum mismatch (corrupt or truncated file)");
    }
    r.take(sizeof detail::model_magic);
    if (r.get<std::uint32_t>() != detail::feature_version ||
        r.get<std::uint64_t>() != detail::WordLists::instance().fingerprint()) {
        r.fail("built for another feature set; retrain with scripts/train-ner");
    }
    if (r.get<std::uint32_t>() != static_cast<std::uint32_t>(n_tags)) {
        r.fail("unexpected tag set");
    }
    auto model = std::make_unique<Model>();
    model->hash_bits = static_cast<int>(r.get<std::uint32_t>());
    const auto rows = r.get<std::uint32_t>();
    const auto scale = r.get<float>();
    if (model->hash_bits < 8 || model->hash_bits > 30 || !(scale > 0.0F)) {
        r.fail("bad header");
    }
    for (auto& t : model->transitions) {
        t = static_cast<std::int32_t>(std::lround(static_cast<double>(r.get<float>()) * scale));
    }
    // Keys are delta-coded varints in ascending order, then the int16 weights row by row.
    std::vector<std::uint32_t> keys(rows);
    std::uint32_t key = 0;
    for (std::uint32_t k = 0; k < rows; ++k) {
        std::uint32_t delta = 0;
        for (int shift = 0;; shift += 7) {
            const auto byte = r.get<std::uint8_t>();
            if (shift > 28) {
                r.fail("bad key encoding");
            }
            delta |= static_cast<std::uint32_t>(byte & 0x7FU) << shift;
            if ((byte & 0x80U) == 0) {
                break;
            }
        }
        key += delta;
        if (key >= (1U << model->hash_bits) || (k > 0 && delta == 0)) {
            r.fail("bad key order");
        }
        keys[k] = key;
    }
    model->weights.assign(model->hash_bits, keys,
                          r.take(static_cast<std::size_t>(rows) * n_tags * sizeof(std::int16_t)));
    read_table(r, model->clusters);
    read_table(r, model->names);
    read_table(r, model->truecase);
    read_table(r, model->topics);
    if (r.position() + 8 != bytes.size()) {
        r.fail("trailing bytes");
    }
    return Tagger(std::move(model));
}

// ---------------------------------------------------------------------------------------------
// Tagging

namespace {

/// Per-thread scratch memory: grows to the largest sentence seen, then never reallocates.
struct Scratch {
    detail::FeatureExtractor extractor;
    detail::DocHistory history;
    detail::DocumentScan scan;
    std::vector<std::uint32_t> buckets;
    std::vector<std::uint32_t> offsets;
    std::vector<const std::int16_t*> rows;
    std::vector<std::int32_t> emit;
    std::vector<std::int32_t> delta;
    std::vector<std::uint8_t> back;
    std::vector<int> tags;
    std::vector<TaggedSpan> spans;
    std::vector<std::string_view> words;
    std::vector<TokenRange> tokens;
    std::vector<std::size_t> sentence_ends;
    std::string cased; ///< the words of one sentence with their case restored
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

/// Puts the words of tokens [first, last) of `text` (split into `s.tokens`) in `s.words`.
void token_words(std::string_view text, Scratch& s, std::size_t first, std::size_t last) {
    s.words.clear();
    for (std::size_t k = first; k < last; ++k) {
        s.words.emplace_back(text.data() + s.tokens[k].start, s.tokens[k].end - s.tokens[k].start);
    }
}

/// Splits `text` into `s.tokens` and `s.sentence_ends`; returns whether it is a document written
/// in lower case (detail::CaseCount).
bool split_text(std::string_view text, Scratch& s) {
    Splitter(text, s.tokens, s.sentence_ends).run();
    detail::CaseCount case_count;
    std::size_t b = 0;
    for (const std::size_t e : s.sentence_ends) {
        token_words(text, s, b, e);
        case_count.add(s.words);
        b = e;
    }
    return case_count.lower_case();
}

} // namespace

namespace detail {

/// Tags one sentence of `s.words` (in document order); leaves tags and spans in `s`.
void tag_sentence(const Tagger::Model& model, Scratch& s) {
    const std::size_t n = s.words.size();
    s.extractor.extract(s.words, s.history, s.scan, model.clusters, model.names, model.hash_bits,
                        s.buckets, s.offsets);
    s.emit.assign(n * n_tags, 0);
    // Ask for each feature's bitmap line some features ahead and for its row as soon as it is
    // found, then add the rows up: the cache misses of a sentence's lookups overlap instead of
    // each stalling the sum.
    const std::size_t m = s.buckets.size();
    constexpr std::size_t ahead = 16;
    for (std::size_t f = 0; f < m && f < ahead; ++f) {
        model.weights.prefetch(s.buckets[f]);
    }
    s.rows.resize(s.buckets.size());
    for (std::size_t f = 0; f < m; ++f) {
        if (f + ahead < m) {
            model.weights.prefetch(s.buckets[f + ahead]);
        }
        const std::int16_t* row = model.weights.find(s.buckets[f]);
        if (row != nullptr) {
            __builtin_prefetch(row);
            __builtin_prefetch(row + n_tags - 1);
        }
        s.rows[f] = row;
    }
    for (std::size_t i = 0; i < n; ++i) {
        std::int32_t* out = &s.emit[i * n_tags];
        for (std::uint32_t f = s.offsets[i]; f < s.offsets[i + 1]; ++f) {
            if (const std::int16_t* row = s.rows[f]; row != nullptr) {
                for (int t = 0; t < n_tags; ++t) {
                    out[t] += row[t];
                }
            }
        }
    }
    viterbi(s.emit.data(), n, model.transitions.data(), s.delta, s.back, s.tags);
    s.extractor.remember(s.words, s.tags, s.history);
    tags_to_spans(s.tags, s.spans);
}

} // namespace detail

std::vector<std::vector<TaggedSpan>>
Tagger::tag_document(const std::vector<std::vector<std::string_view>>& sentences) const {
    Scratch& s = scratch();
    s.history.clear();
    s.scan.clear();
    detail::CaseCount case_count;
    for (const auto& sentence : sentences) {
        case_count.add(sentence);
    }
    const bool lower_case = case_count.lower_case();
    const auto sentence_words = [&](const std::vector<std::string_view>& sentence) {
        s.words.assign(sentence.begin(), sentence.end());
        (void)detail::restore_case(s.words, lower_case, m_model->truecase, m_model->clusters,
                                   s.cased);
    };
    for (const auto& sentence : sentences) {
        sentence_words(sentence);
        s.scan.add_sentence(s.words, &m_model->topics);
    }
    std::vector<std::vector<TaggedSpan>> result;
    result.reserve(sentences.size());
    for (const auto& sentence : sentences) {
        sentence_words(sentence);
        detail::tag_sentence(*m_model, s);
        result.emplace_back(s.spans.begin(), s.spans.end());
    }
    return result;
}

std::vector<TextSpan> Tagger::tag_text(std::string_view text) const {
    Scratch& s = scratch();
    s.history.clear();
    s.scan.clear();
    const bool lower_case = split_text(text, s);
    const auto sentence_words = [&](std::size_t first, std::size_t last) {
        token_words(text, s, first, last);
        (void)detail::restore_case(s.words, lower_case, m_model->truecase, m_model->clusters,
                                   s.cased);
    };
    std::size_t b = 0;
    for (const std::size_t e : s.sentence_ends) {
        sentence_words(b, e);
        s.scan.add_sentence(s.words, &m_model->topics);
        b = e;
    }
    std::vector<TextSpan> result;
    b = 0;
    for (const std::size_t e : s.sentence_ends) {
        sentence_words(b, e);
        detail::tag_sentence(*m_model, s);
        for (const TaggedSpan& span : s.spans) {
            result.push_back(TextSpan{s.tokens[b + span.begin].start,
                                      s.tokens[b + span.end - 1].end, span.type});
        }
        b = e;
    }
    return result;
}

std::string Tagger::restored_case(std::string_view text) const {
    // A quick look first, since nearly every article has case: runs of letters, and those
    // that start with a capital. Twice CaseCount's share of capitals rules a document out
    // before it is split into sentences (letter runs and tokens differ a little).
    std::size_t runs = 0;
    std::size_t capitalised = 0;
    bool in_run = false;
    for (const char c : text) {
        const bool letter =
            is_alpha_ascii(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
        if (letter && !in_run) {
            ++runs;
            capitalised += is_upper(c) ? 1 : 0;
        }
        in_run = letter;
    }
    if (runs < 5 || capitalised * 25 > runs) {
        return {};
    }
    Scratch& s = scratch();
    if (!split_text(text, s)) {
        return {};
    }
    std::string cased(text);
    std::size_t b = 0;
    for (const std::size_t e : s.sentence_ends) {
        token_words(text, s, b, e);
        (void)detail::restore_case(s.words, true, m_model->truecase, m_model->clusters, s.cased);
        for (std::size_t k = b; k < e; ++k) {
            const std::string_view word = s.words[k - b];
            std::copy(word.begin(), word.end(),
                      cased.begin() + static_cast<std::ptrdiff_t>(s.tokens[k].start));
        }
        b = e;
    }
    return cased;
}

std::string default_tagger_model_path() {
    if (const char* dir = std::getenv("NEWSDEX_DATA_DIR"); dir != nullptr && *dir != '\0') {
        return std::string(dir) + "/ner.model";
    }
    return std::string(NEWSDEX_SOURCE_DATA_DIR) + "/ner.model";
}

} // namespace newsdex::analysis
