/// @file
/// @brief Training and evaluation of the named-entity Tagger on CoNLL-format corpora.
///
/// Library newsdex_train, for the developer tools in `scripts/tools/` and the unit tests; the
/// shipped library and the search programs only ever load a trained model through
/// Tagger::load().
#pragma once
#include "newsdex/analysis/tagger.h"

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::analysis {

/// One article with gold entities: sentences of tokens and, per sentence, its entity spans.
struct LabelledDocument {
    std::vector<std::vector<std::string>> sentences;
    std::vector<std::vector<TaggedSpan>> entities;
};

/// Reads CoNLL column files (`WORD ... TAG`, blank line between sentences, `-DOCSTART-` between
/// articles). The tag is the last column, in IOB1 or IOB2 with types PER/ORG/LOC/MISC.
/// @param name used in messages as `name:line:`.
/// @throws newsdex::InputError on an unknown tag.
[[nodiscard]] std::vector<LabelledDocument> read_conll(std::istream& in, const std::string& name);

/// The document with its dateline line ("LONDON 1996-08-22", CoNLL-2003's style) written as a
/// wire dateline run into the first line of the text: "LONDON ( Reuters ) - ..." (`style` 1) or
/// "LONDON , Aug 22 ( Reuters ) - ..." (`style` 2, the month and day from the date); "Reuters"
/// is ORG. Unchanged when `style` is 0 or the document has no such line followed by another.
[[nodiscard]] LabelledDocument with_wire_dateline(const LabelledDocument& doc, int style);

/// Training settings. Defaults are the ones the committed model was trained with.
struct TrainOptions {
    int epochs = 12;
    int hash_bits = 22;            ///< feature buckets = 2^hash_bits during training
    std::uint32_t seed = 20030601; ///< fixed document-shuffling seed: training is deterministic
    /// Models trained side by side with the seeds `seed`, `seed` + 1, ... and averaged into one
    /// (their averaged weights, mean of the models): one model file, no cost at tagging time.
    int seeds = 1;
    /// Percent of the documents (drawn with `seed`, once per document and epoch) trained without
    /// the document scan, so that names without document evidence are still learnt. 30 was
    /// chosen on CoNLL dev and Reuters-21578's headline-only items (0 and 50 did worse).
    int document_dropout = 30;
    /// Pruning: buckets whose largest averaged weight (in absolute value) is below this are
    /// dropped from the saved model.
    float prune_below = 0.0F;
    /// Word clusters learnt from unlabelled text: a case-sensitive word and its cluster ids
    /// (the exchange cluster, then the word-vector clusters finest first; -1 where it has none).
    /// They are stored in the model as word hashes. Empty: no cluster features.
    std::vector<std::pair<std::string, std::vector<int>>> word_clusters;
    /// Names of places and actors (as written, up to four words) with their NameBit flags
    /// (tagger_features.h); stored in the model as hashes. Empty: no name-list features.
    std::vector<std::pair<std::string, std::uint8_t>> names;
    /// Lower-case words that say what an article is about, with a topic id (1..max_topic_id; see
    /// common/data/ner-topics.tsv); stored in the model as hashes. Empty: no topic features.
    std::vector<std::pair<std::string, std::uint8_t>> word_topics;
};

/// The name list for TrainOptions::names: GeoNames places and iso-codes countries as the
/// Gazetteer loads them (with the tables of `data_dir`, e.g. common/data), and the aliases and
/// canonical names of `data_dir`/aliases.tsv.
/// @throws newsdex::ResourceError or InputError when a source is missing.
[[nodiscard]] std::vector<std::pair<std::string, std::uint8_t>>
gazetteer_names(const std::string& data_dir);

/// The largest topic id TrainOptions::word_topics may use.
inline constexpr int max_topic_id = 15;

/// Entity-level counts for one type (exact span and type match, as conlleval).
struct EntityCounts {
    std::size_t gold = 0;
    std::size_t predicted = 0;
    std::size_t correct = 0;
    [[nodiscard]] double precision() const;
    [[nodiscard]] double recall() const;
    [[nodiscard]] double f1() const;
};

/// Counts per EntityType (indexed by its value) and the PER+ORG+LOC total (MISC excluded).
struct EntityScores {
    std::array<EntityCounts, 4> by_type{};
    EntityCounts main{};
};

/// Called after each epoch with the 1-based epoch number and the model bytes as of then (with
/// several seeds: the average of the models as of then).
using EpochCallback = void (*)(int epoch, const std::string& model_bytes, void* context);

/// Trains a tagger with the averaged structured perceptron and returns the model file bytes.
/// Same documents and options give byte-identical output.
[[nodiscard]] std::string train_tagger(const std::vector<LabelledDocument>& documents,
                                       const TrainOptions& options,
                                       EpochCallback on_epoch = nullptr, void* context = nullptr);

/// Tags every document with `tagger` and scores it against the gold spans.
[[nodiscard]] EntityScores evaluate_tagger(const Tagger& tagger,
                                           const std::vector<LabelledDocument>& documents);

/// The PER+ORG+LOC counts of each document on its own, for resampling.
[[nodiscard]] std::vector<EntityCounts>
evaluate_documents(const Tagger& tagger, const std::vector<LabelledDocument>& documents);

/// How far an F1 score, or the difference of two taggers' scores on the same documents, can be
/// trusted: the percentile bootstrap over documents (Efron & Tibshirani; paired for a
/// difference, as Koehn 2004 for MT and Berg-Kirkpatrick et al. 2012 for NLP). Documents, not
/// sentences, are resampled because an article's names repeat and its errors go together.
struct BootstrapInterval {
    double f1 = 0;    ///< on all documents (for a difference: other minus base)
    double low = 0;   ///< 2.5th percentile over the resamples
    double high = 0;  ///< 97.5th percentile
    double above = 0; ///< share of resamples above zero (a difference: other better)
    std::size_t resamples = 0;
};

/// `other` empty: the interval of `base`'s F1. Otherwise (same documents, same order): the
/// interval of F1(other) - F1(base). Deterministic for a given `seed`.
/// @throws newsdex::UsageError when `other` is neither empty nor as long as `base`.
[[nodiscard]] BootstrapInterval bootstrap_f1(const std::vector<EntityCounts>& base,
                                             const std::vector<EntityCounts>& other,
                                             std::size_t resamples, std::uint64_t seed = 20030601);

} // namespace newsdex::analysis
