/// @file
/// @brief Statistical named-entity tagger (averaged perceptron + Viterbi) for PER/ORG/LOC/MISC.
///
/// The model is trained by `scripts/train-ner` on CoNLL-2003 and committed as
/// `common/data/ner.model`; see `common/data/ner.model.md` for its provenance and scores.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::analysis {

/// Entity types the tagger predicts. MISC (nationalities, events, …) is predicted but callers
/// that only want actors and places usually ignore it.
enum class EntityType : std::uint8_t { person, organisation, location, misc };

/// Short conventional label: "PER", "ORG", "LOC", "MISC".
[[nodiscard]] std::string_view entity_type_label(EntityType type) noexcept;

/// An entity over token indices [begin, end) of one sentence.
struct TaggedSpan {
    std::size_t begin;
    std::size_t end;
    EntityType type;
};

/// An entity over byte offsets [start, end) of the text given to Tagger::tag_text.
struct TextSpan {
    std::size_t start;
    std::size_t end;
    EntityType type;
};

/// A token of the tagger's own tokenizer: byte offsets [start, end) into the text.
struct TokenRange {
    std::size_t start;
    std::size_t end;
};

/// Splits raw text into sentences of CoNLL/PTB-like tokens (byte offsets into `text`).
///
/// Punctuation is split off ("Vienna," -> "Vienna" ","; "Clinton's" -> "Clinton" "'s"), but
/// "U.S.", "al-Assad", "Jean-Yves", "O'Brien", "340,000", "3.5" and "1996-08-22" stay whole.
/// Sentences end at `.`, `!` or `?` before an upper-case letter, digit or quote (not after a
/// known abbreviation or an initial), at a blank line, and at a newline followed by
/// indentation (a new paragraph in wrapped wire text). Text is UTF-8; non-ASCII bytes count as
/// letters except for typographic quotes and dashes, which are split off like ASCII ones.
[[nodiscard]] std::vector<std::vector<TokenRange>> split_sentences(std::string_view text);

/// A trained tagger. Immutable after loading: every `tag_*` call is const and may run on several
/// threads at once (scratch memory is thread-local and reused across calls).
class Tagger {
public:
    /// Loads a model written by the training tool.
    /// @throws newsdex::ResourceError naming `path` if the file is missing, truncated, corrupt
    ///         or built for another feature set.
    [[nodiscard]] static Tagger load(const std::string& path);

    /// Builds a tagger from the bytes of a model file; `name` is used in error messages.
    /// @throws newsdex::ResourceError as load().
    [[nodiscard]] static Tagger from_bytes(std::string_view bytes, const std::string& name);

    /// Tags one document given as sentences of tokens (CoNLL-style tokenisation). Sentences must
    /// be in document order: earlier decisions about a capitalised word inform later ones.
    /// @return the entities of each sentence, by token index, in order.
    [[nodiscard]] std::vector<std::vector<TaggedSpan>>
    tag_document(const std::vector<std::vector<std::string_view>>& sentences) const;

    /// Tags raw UTF-8 text (one document) with split_sentences() as tokenizer.
    /// @return entities as byte offsets into `text`, in text order.
    [[nodiscard]] std::vector<TextSpan> tag_text(std::string_view text) const;

    /// The text with its words in the case the news gives them when the text is a document
    /// written in lower case, as tag_text() reads it ("angela merkel met nato" -> "Angela Merkel
    /// met NATO"); the same length, byte for byte. Empty when the text is written with case.
    [[nodiscard]] std::string restored_case(std::string_view text) const;

    /// Number of stored (non-zero) feature rows; for reports.
    [[nodiscard]] std::size_t feature_count() const noexcept;

    Tagger(Tagger&&) noexcept;
    Tagger& operator=(Tagger&&) noexcept;
    Tagger(const Tagger&) = delete;
    Tagger& operator=(const Tagger&) = delete;
    ~Tagger();

    struct Model; ///< Implementation detail (weights, transitions), defined in tagger.cpp.

private:
    explicit Tagger(std::unique_ptr<Model> model);
    std::unique_ptr<Model> m_model;
};

/// Where the committed model lives: `$NEWSDEX_DATA_DIR/ner.model` when that variable is set,
/// else `ner.model` in the source tree's `common/data` (compile-time NEWSDEX_SOURCE_DATA_DIR).
[[nodiscard]] std::string default_tagger_model_path();

} // namespace newsdex::analysis
