#include "tagger_train.h"

#include "newsdex/analysis/gazetteer.h"
#include "newsdex/ascii.h"
#include "newsdex/error.h"
#include "tagger_features.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <istream>
#include <memory>
#include <random>
#include <sstream>
#include <unordered_set>

namespace newsdex::analysis {

using detail::n_tags;

// ---------------------------------------------------------------------------------------------
// CoNLL reading

namespace {

bool parse_type(std::string_view label, EntityType& type) {
    if (label == "PER") {
        type = EntityType::person;
    } else if (label == "ORG") {
        type = EntityType::organisation;
    } else if (label == "LOC") {
        type = EntityType::location;
    } else if (label == "MISC") {
        type = EntityType::misc;
    } else {
        return false;
    }
    return true;
}

struct SentenceBuilder {
    std::vector<std::string> words;
    std::vector<TaggedSpan> spans;
    bool open = false; // the last span may still grow

    void add(std::string word, char prefix, EntityType type) {
        const std::size_t i = words.size();
        words.push_back(std::move(word));
        if (prefix == 'O') {
            open = false;
            return;
        }
        // IOB1: I-X continues an X chunk, B-X always starts one; IOB2 is a special case.
        const bool continues = prefix == 'I' && open && !spans.empty() &&
                               spans.back().type == type && spans.back().end == i;
        if (continues) {
            spans.back().end = i + 1;
        } else {
            spans.push_back(TaggedSpan{i, i + 1, type});
        }
        open = true;
    }
};

} // namespace

std::vector<LabelledDocument> read_conll(std::istream& in, const std::string& name) {
    std::vector<LabelledDocument> docs;
    LabelledDocument doc;
    SentenceBuilder sentence;
    auto end_sentence = [&] {
        if (!sentence.words.empty()) {
            doc.sentences.push_back(std::move(sentence.words));
            doc.entities.push_back(std::move(sentence.spans));
        }
        sentence = SentenceBuilder{};
    };
    auto end_document = [&] {
        end_sentence();
        if (!doc.sentences.empty()) {
            docs.push_back(std::move(doc));
        }
        doc = LabelledDocument{};
    };
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.find_first_not_of(" \t") == std::string::npos) {
            end_sentence();
            continue;
        }
        std::istringstream fields(line);
        std::string word;
        std::string tag;
        std::string column;
        fields >> word;
        while (fields >> column) {
            tag = column;
        }
        if (word == "-DOCSTART-") {
            end_document();
            continue;
        }
        EntityType type = EntityType::misc;
        const bool ok = tag == "O" || (tag.size() > 2 && (tag[0] == 'I' || tag[0] == 'B') &&
                                       tag[1] == '-' && parse_type(tag.substr(2), type));
        if (!ok) {
            throw InputError(name + ":" + std::to_string(line_no) + ": bad entity tag '" + tag +
                             "'");
        }
        sentence.add(std::move(word), tag[0], type);
    }
    end_document();
    return docs;
}

// ---------------------------------------------------------------------------------------------
// Wire datelines

namespace {

bool is_iso_date(const std::string& word) {
    return word.size() == 10 && word[4] == '-' && word[7] == '-' &&
           std::all_of(word.begin(), word.end(), [](char c) { return is_digit(c) || c == '-'; });
}

} // namespace

LabelledDocument with_wire_dateline(const LabelledDocument& doc, int style) {
    // The dateline is one of the first lines: a place and an ISO date last.
    std::size_t line = 0;
    while (line < doc.sentences.size() && line < 3 &&
           !(doc.sentences[line].size() >= 2 && is_iso_date(doc.sentences[line].back()))) {
        ++line;
    }
    if (style == 0 || line + 1 >= doc.sentences.size() || line >= 3) {
        return doc;
    }
    static const char* const months[] = {"Jan",  "Feb", "March", "April", "May", "June",
                                         "July", "Aug", "Sept",  "Oct",   "Nov", "Dec"};
    const std::vector<std::string>& dateline = doc.sentences[line];
    const std::string& date = dateline.back();
    std::vector<std::string> words(dateline.begin(), dateline.end() - 1);
    std::vector<TaggedSpan> spans = doc.entities[line];
    const int month = std::stoi(date.substr(5, 2));
    if (style == 2 && month >= 1 && month <= 12) {
        words.emplace_back(",");
        words.emplace_back(months[month - 1]);
        words.push_back(std::to_string(std::stoi(date.substr(8, 2))));
    }
    words.emplace_back("(");
    spans.push_back(TaggedSpan{words.size(), words.size() + 1, EntityType::organisation});
    words.emplace_back("Reuters");
    words.emplace_back(")");
    words.emplace_back("-");
    const std::size_t shift = words.size();
    words.insert(words.end(), doc.sentences[line + 1].begin(), doc.sentences[line + 1].end());
    for (const TaggedSpan& s : doc.entities[line + 1]) {
        spans.push_back(TaggedSpan{s.begin + shift, s.end + shift, s.type});
    }
    LabelledDocument out;
    out.sentences.assign(doc.sentences.begin(), doc.sentences.begin() + line);
    out.entities.assign(doc.entities.begin(), doc.entities.begin() + line);
    out.sentences.push_back(std::move(words));
    out.entities.push_back(std::move(spans));
    out.sentences.insert(out.sentences.end(), doc.sentences.begin() + line + 2,
                         doc.sentences.end());
    out.entities.insert(out.entities.end(), doc.entities.begin() + line + 2, doc.entities.end());
    return out;
}

// ---------------------------------------------------------------------------------------------
// Name list

std::vector<std::pair<std::string, std::uint8_t>> gazetteer_names(const std::string& data_dir) {
    GazetteerOptions gazetteer_options;
    gazetteer_options.data_dir = data_dir;
    const auto gazetteer = Gazetteer::load(gazetteer_options);
    std::vector<std::pair<std::string, std::uint8_t>> names;
    for (const Place& place : gazetteer.places()) {
        std::uint8_t flags = detail::name_region;
        if (place.kind == PlaceKind::country) {
            flags = detail::name_country;
        } else if (place.kind == PlaceKind::city) {
            flags = detail::name_city;
            if (place.population >= 500000) {
                flags = static_cast<std::uint8_t>(flags | detail::name_large_city);
            }
        }
        names.emplace_back(place.name, flags);
    }
    for (const Country& country : gazetteer.countries()) {
        names.emplace_back(country.name, detail::name_country);
        if (!country.official_name.empty()) {
            names.emplace_back(country.official_name, detail::name_country);
        }
    }
    const std::string aliases_path = data_dir + "/aliases.tsv";
    std::ifstream aliases(aliases_path);
    if (!aliases) {
        throw InputError(aliases_path + ": cannot open file");
    }
    std::string line;
    while (std::getline(aliases, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream fields(line);
        std::string alias;
        std::string canonical;
        std::string type;
        std::getline(fields, alias, '\t');
        std::getline(fields, canonical, '\t');
        std::getline(fields, type, '\t');
        const std::uint8_t flags = type == "PER" ? detail::name_person : detail::name_organisation;
        names.emplace_back(alias, flags);
        names.emplace_back(canonical, flags);
    }
    return names;
}

// ---------------------------------------------------------------------------------------------
// Scores

double EntityCounts::precision() const {
    return predicted == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(predicted);
}

double EntityCounts::recall() const {
    return gold == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(gold);
}

double EntityCounts::f1() const {
    const double p = precision();
    const double r = recall();
    return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
}

EntityScores evaluate_tagger(const Tagger& tagger, const std::vector<LabelledDocument>& documents) {
    EntityScores scores;
    std::vector<std::vector<std::string_view>> sentences;
    for (const LabelledDocument& doc : documents) {
        sentences.clear();
        for (const auto& s : doc.sentences) {
            sentences.emplace_back(s.begin(), s.end());
        }
        const auto predicted = tagger.tag_document(sentences);
        for (std::size_t k = 0; k < predicted.size(); ++k) {
            for (const TaggedSpan& g : doc.entities[k]) {
                ++scores.by_type[static_cast<int>(g.type)].gold;
            }
            for (const TaggedSpan& p : predicted[k]) {
                auto& counts = scores.by_type[static_cast<int>(p.type)];
                ++counts.predicted;
                for (const TaggedSpan& g : doc.entities[k]) {
                    if (g.begin == p.begin && g.end == p.end && g.type == p.type) {
                        ++counts.correct;
                        break;
                    }
                }
            }
        }
    }
    for (const EntityType t :
         {EntityType::person, EntityType::organisation, EntityType::location}) {
        const auto& c = scores.by_type[static_cast<int>(t)];
        scores.main.gold += c.gold;
        scores.main.predicted += c.predicted;
        scores.main.correct += c.correct;
    }
    return scores;
}

std::vector<EntityCounts> evaluate_documents(const Tagger& tagger,
                                             const std::vector<LabelledDocument>& documents) {
    std::vector<EntityCounts> counts;
    counts.reserve(documents.size());
    std::vector<LabelledDocument> one(1);
    for (const LabelledDocument& doc : documents) {
        one[0] = doc;
        counts.push_back(evaluate_tagger(tagger, one).main);
    }
    return counts;
}

BootstrapInterval bootstrap_f1(const std::vector<EntityCounts>& base,
                               const std::vector<EntityCounts>& other, std::size_t resamples,
                               std::uint64_t seed) {
    if (!other.empty() && other.size() != base.size()) {
        throw UsageError("bootstrap_f1: the two taggers were scored on different "
                         "documents");
    }
    const bool paired = !other.empty();
    const auto score = [&](const std::vector<std::size_t>& picks) {
        EntityCounts a;
        EntityCounts b;
        for (const std::size_t k : picks) {
            a.gold += base[k].gold;
            a.predicted += base[k].predicted;
            a.correct += base[k].correct;
            if (paired) {
                b.gold += other[k].gold;
                b.predicted += other[k].predicted;
                b.correct += other[k].correct;
            }
        }
        return paired ? b.f1() - a.f1() : a.f1();
    };
    BootstrapInterval result;
    result.resamples = resamples;
    std::vector<std::size_t> picks(base.size());
    for (std::size_t k = 0; k < picks.size(); ++k) {
        picks[k] = k;
    }
    result.f1 = score(picks);
    if (base.empty() || resamples == 0) {
        result.low = result.high = result.f1;
        return result;
    }
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<std::size_t> pick(0, base.size() - 1);
    std::vector<double> scores;
    scores.reserve(resamples);
    std::size_t above = 0;
    for (std::size_t r = 0; r < resamples; ++r) {
        for (std::size_t& k : picks) {
            k = pick(random);
        }
        scores.push_back(score(picks));
        above += scores.back() > 0 ? 1 : 0;
    }
    std::sort(scores.begin(), scores.end());
    const auto at = [&](double q) {
        const auto k = static_cast<std::size_t>(q * static_cast<double>(resamples - 1) + 0.5);
        return scores[std::min(k, resamples - 1)];
    };
    result.low = at(0.025);
    result.high = at(0.975);
    result.above = static_cast<double>(above) / static_cast<double>(resamples);
    return result;
}

// ---------------------------------------------------------------------------------------------
// Training

namespace {

void put_bytes(std::string& out, const void* p, std::size_t n) {
    out.append(static_cast<const char*>(p), n);
}

template <typename T>
void put(std::string& out, T value) {
    put_bytes(out, &value, sizeof value);
}

/// What the trainers of every seed share: the word clusters and the name list, as hash tables.
struct SharedTables {
    detail::ClusterTable clusters;
    detail::NameList names;
    detail::TruecaseTable truecase;
    detail::TopicTable topics;
};

static_assert(detail::max_topics == max_topic_id, "the topic ids the trainer takes fit the tagger");

/// Sorts `entries` by key and keeps one entry per key (a hash collision or a repeated word):
/// lookups must be unique.
template <typename Value>
void assign_unique(detail::HashedTable<Value>& table,
                   std::vector<std::pair<std::uint64_t, Value>> entries) {
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const auto& a, const auto& b) { return a.first == b.first; }),
                  entries.end());
    table.assign(std::move(entries));
}

SharedTables build_tables(const TrainOptions& options) {
    SharedTables tables;
    std::vector<std::pair<std::uint64_t, detail::ClusterIds>> clusters;
    for (const auto& [word, ids] : options.word_clusters) {
        if (ids.size() > detail::cluster_levels) {
            throw UsageError("train_tagger: too many cluster ids for '" + word + "'");
        }
        detail::ClusterIds stored{};
        for (std::size_t level = 0; level < ids.size(); ++level) {
            if (ids[level] < -1 || ids[level] > 0xFFFE) {
                throw UsageError("train_tagger: cluster id out of range for '" + word + "'");
            }
            stored[level] = static_cast<std::uint16_t>(ids[level] + 1);
        }
        clusters.emplace_back(detail::hash_bytes(word.data(), word.size()), stored);
    }
    assign_unique(tables.clusters, std::move(clusters));
    // The cluster table lists words by frequency, most frequent first: a word whose first
    // listed form has capitals is written so more often than in lower case.
    std::vector<std::pair<std::uint64_t, std::uint16_t>> truecase;
    std::unordered_set<std::uint64_t> seen;
    for (const auto& entry : options.word_clusters) {
        const detail::CasePattern pattern = detail::case_pattern(entry.first);
        if (seen.insert(pattern.lower).second && pattern.mask != 0) {
            truecase.emplace_back(pattern.lower, pattern.mask);
        }
    }
    std::sort(truecase.begin(), truecase.end());
    tables.truecase.assign(std::move(truecase));
    std::vector<std::pair<std::uint64_t, std::uint8_t>> topics;
    for (const auto& [word, topic] : options.word_topics) {
        if (topic < 1 || topic > max_topic_id) {
            throw UsageError("train_tagger: topic id out of range for '" + word + "'");
        }
        topics.emplace_back(detail::hash_bytes(word.data(), word.size()), topic);
    }
    assign_unique(tables.topics, std::move(topics));
    std::vector<std::pair<std::uint64_t, std::uint8_t>> names;
    for (const auto& [name, flags] : options.names) {
        if (const std::uint64_t key = detail::phrase_key(name); key != 0) {
            names.emplace_back(key, flags);
        }
    }
    // A name listed twice (or two names with one key) gets the union of their flags.
    std::sort(names.begin(), names.end());
    std::vector<std::pair<std::uint64_t, std::uint8_t>> merged;
    for (const auto& entry : names) {
        if (!merged.empty() && merged.back().first == entry.first) {
            merged.back().second = static_cast<std::uint8_t>(merged.back().second | entry.second);
        } else {
            merged.push_back(entry);
        }
    }
    tables.names.assign(std::move(merged));
    return tables;
}

/// Rows of the transition table: one per tag and one for the sentence start.
constexpr std::size_t transition_count = static_cast<std::size_t>(n_tags + 1) * n_tags;
using Transitions = std::array<float, transition_count>;

/// The model file bytes of averaged `weights` (2^hash_bits rows of n_tags) and `transitions`.
std::string serialise_model(const std::vector<float>& weights, const Transitions& transitions,
                            const TrainOptions& options, const SharedTables& tables);

/// One averaged structured perceptron, trained document by document.
class Trainer {
public:
    Trainer(const TrainOptions& options, const SharedTables& tables, std::uint32_t seed)
        : m_options(options), m_tables(tables), m_buckets(std::size_t{1} << options.hash_bits),
          m_weights(m_buckets * n_tags, 0.0F), m_totals(m_buckets * n_tags, 0.0) {
        m_dropout.seed(seed);
    }

    void train_document(const LabelledDocument& doc) {
        start_document(doc);
        for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
            m_words.assign(doc.sentences[s].begin(), doc.sentences[s].end());
            (void)detail::restore_case(m_words, m_lower_case, m_tables.truecase, m_tables.clusters,
                                       m_cased);
            train_sentence(m_words, doc.entities[s]);
        }
    }

    /// Adds `share` times the averaged weights and transitions to `weights` and `transitions`.
    void add_averaged(float share, std::vector<float>& weights, Transitions& transitions) const {
        const double c = static_cast<double>(std::max<std::uint64_t>(m_step, 1));
        for (std::size_t k = 0; k < m_weights.size(); ++k) {
            if (m_weights[k] != 0.0F || m_totals[k] != 0.0) {
                weights[k] +=
                    share * static_cast<float>(static_cast<double>(m_weights[k]) - m_totals[k] / c);
            }
        }
        for (std::size_t k = 0; k < m_transitions.size(); ++k) {
            transitions[k] += share * static_cast<float>(static_cast<double>(m_transitions[k]) -
                                                         m_transition_totals[k] / c);
        }
    }

private:
    void train_sentence(const std::vector<std::string_view>& words,
                        const std::vector<TaggedSpan>& gold_spans) {
        const std::size_t n = words.size();
        m_extractor.extract(words, m_history, m_scan, m_tables.clusters, m_tables.names,
                            m_options.hash_bits, m_feats, m_offsets);
        m_emit.assign(n * n_tags, 0.0F);
        for (std::size_t i = 0; i < n; ++i) {
            float* out = &m_emit[i * n_tags];
            for (std::uint32_t f = m_offsets[i]; f < m_offsets[i + 1]; ++f) {
                const float* w = &m_weights[static_cast<std::size_t>(m_feats[f]) * n_tags];
                for (int t = 0; t < n_tags; ++t) {
                    out[t] += w[t];
                }
            }
        }
        detail::viterbi(m_emit.data(), n, m_transitions.data(), m_delta, m_back, m_pred);
        m_gold.assign(n, 0);
        for (const TaggedSpan& s : gold_spans) {
            m_gold[s.begin] = detail::begin_tag(s.type);
            for (std::size_t i = s.begin + 1; i < s.end; ++i) {
                m_gold[i] = detail::inside_tag(s.type);
            }
        }
        ++m_step;
        if (m_pred != m_gold) {
            for (std::size_t i = 0; i < n; ++i) {
                const int g = m_gold[i];
                const int p = m_pred[i];
                if (g != p) {
                    for (std::uint32_t f = m_offsets[i]; f < m_offsets[i + 1]; ++f) {
                        const std::size_t row = static_cast<std::size_t>(m_feats[f]) * n_tags;
                        update(m_weights[row + g], m_totals[row + g], 1.0F);
                        update(m_weights[row + p], m_totals[row + p], -1.0F);
                    }
                }
                const int gp = i == 0 ? detail::start_state : m_gold[i - 1];
                const int pp = i == 0 ? detail::start_state : m_pred[i - 1];
                if (gp != pp || g != p) {
                    update(m_transitions[gp * n_tags + g], m_transition_totals[gp * n_tags + g],
                           1.0F);
                    update(m_transitions[pp * n_tags + p], m_transition_totals[pp * n_tags + p],
                           -1.0F);
                }
            }
        }
        // The document feature is fed by the model's own decisions, as at tagging time.
        m_extractor.remember(words, m_pred, m_history);
    }

    void start_document(const LabelledDocument& doc) {
        m_history.clear();
        m_scan.clear();
        detail::CaseCount case_count;
        for (const auto& sentence : doc.sentences) {
            m_words.assign(sentence.begin(), sentence.end());
            case_count.add(m_words);
        }
        m_lower_case = case_count.lower_case();
        // Some documents are trained without the document scan, as if each sentence stood alone:
        // otherwise the model learns to wait for the rest of the article and misses names that
        // it never repeats (headline-only items, "BAKER SAYS U.S. WANTS STABLE DOLLAR").
        if (m_dropout() % 100 < static_cast<unsigned>(m_options.document_dropout)) {
            return;
        }
        std::vector<std::string_view> words;
        for (const auto& sentence : doc.sentences) {
            words.assign(sentence.begin(), sentence.end());
            (void)detail::restore_case(words, m_lower_case, m_tables.truecase, m_tables.clusters,
                                       m_cased);
            m_scan.add_sentence(words, &m_tables.topics);
        }
    }

    void update(float& weight, double& total, float delta) {
        weight += delta;
        total += static_cast<double>(m_step) * static_cast<double>(delta);
    }

    const TrainOptions& m_options;
    const SharedTables& m_tables;
    std::size_t m_buckets;
    std::vector<float> m_weights;
    std::vector<double> m_totals;
    Transitions m_transitions{};
    std::array<double, transition_count> m_transition_totals{};
    std::uint64_t m_step = 0;
    detail::FeatureExtractor m_extractor;
    detail::DocHistory m_history;
    detail::DocumentScan m_scan;
    std::string m_cased;
    bool m_lower_case = false; ///< the document is written in lower case (see CaseCount)
    std::mt19937 m_dropout;
    std::vector<std::uint32_t> m_feats;
    std::vector<std::uint32_t> m_offsets;
    std::vector<float> m_emit;
    std::vector<float> m_delta;
    std::vector<std::uint8_t> m_back;
    std::vector<int> m_pred;
    std::vector<int> m_gold;
    std::vector<std::string_view> m_words;
};

std::string serialise_model(const std::vector<float>& weights, const Transitions& transitions,
                            const TrainOptions& options, const SharedTables& tables) {
    std::vector<std::uint32_t> keys;
    std::vector<float> rows;
    float max_abs = 0.0F;
    const std::size_t buckets = weights.size() / n_tags;
    for (std::size_t b = 0; b < buckets; ++b) {
        const float* row = &weights[b * n_tags];
        float row_max = 0.0F;
        for (int t = 0; t < n_tags; ++t) {
            row_max = std::max(row_max, std::fabs(row[t]));
        }
        if (row_max == 0.0F || row_max < options.prune_below) {
            continue;
        }
        keys.push_back(static_cast<std::uint32_t>(b));
        rows.insert(rows.end(), row, row + n_tags);
        max_abs = std::max(max_abs, row_max);
    }
    const float scale = max_abs > 0.0F ? 32767.0F / max_abs : 1.0F;
    std::vector<std::int16_t> quantised(rows.size());
    for (std::size_t k = 0; k < rows.size(); ++k) {
        quantised[k] = static_cast<std::int16_t>(std::lround(rows[k] * scale));
    }
    // Rows that quantise to all zeros carry nothing.
    std::vector<std::uint32_t> kept_keys;
    std::vector<std::int16_t> kept;
    for (std::size_t r = 0; r < keys.size(); ++r) {
        const std::int16_t* q = &quantised[r * n_tags];
        if (std::all_of(q, q + n_tags, [](std::int16_t v) { return v == 0; })) {
            continue;
        }
        kept_keys.push_back(keys[r]);
        kept.insert(kept.end(), q, q + n_tags);
    }

    std::string out;
    put_bytes(out, detail::model_magic, sizeof detail::model_magic);
    put(out, detail::feature_version);
    put(out, detail::WordLists::instance().fingerprint());
    put(out, static_cast<std::uint32_t>(n_tags));
    put(out, static_cast<std::uint32_t>(options.hash_bits));
    put(out, static_cast<std::uint32_t>(kept_keys.size()));
    put(out, scale);
    for (const float t : transitions) {
        put(out, t);
    }
    std::uint32_t previous = 0;
    for (const std::uint32_t key : kept_keys) {
        std::uint32_t delta = key - previous;
        previous = key;
        do {
            const auto byte =
                static_cast<std::uint8_t>((delta & 0x7FU) | (delta > 0x7F ? 0x80U : 0U));
            put(out, byte);
            delta >>= 7U;
        } while (delta != 0);
    }
    put_bytes(out, kept.data(), kept.size() * sizeof(std::int16_t));
    put(out, static_cast<std::uint32_t>(tables.clusters.entries().size()));
    for (const auto& [hash, ids] : tables.clusters.entries()) {
        put(out, hash);
        for (const std::uint16_t id : ids) {
            put(out, id);
        }
    }
    put(out, static_cast<std::uint32_t>(tables.names.entries().size()));
    for (const auto& [hash, flags] : tables.names.entries()) {
        put(out, hash);
        put(out, flags);
    }
    put(out, static_cast<std::uint32_t>(tables.truecase.entries().size()));
    for (const auto& [hash, mask] : tables.truecase.entries()) {
        put(out, hash);
        put(out, mask);
    }
    put(out, static_cast<std::uint32_t>(tables.topics.entries().size()));
    for (const auto& [hash, topic] : tables.topics.entries()) {
        put(out, hash);
        put(out, topic);
    }
    put(out, detail::hash_bytes(out.data(), out.size()));
    return out;
}

} // namespace

std::string train_tagger(const std::vector<LabelledDocument>& documents,
                         const TrainOptions& options, EpochCallback on_epoch, void* context) {
    if (options.hash_bits < 8 || options.hash_bits > 26 || options.epochs < 1 ||
        options.seeds < 1 || options.seeds > 16) {
        throw UsageError("train_tagger: hash_bits must be 8..26, epochs >= 1, seeds 1..16");
    }
    const SharedTables tables = build_tables(options);
    // One trainer per seed, each with its own document order; the seeds' models are averaged
    // after each epoch that is reported or saved.
    struct Run {
        std::unique_ptr<Trainer> trainer;
        std::mt19937 rng;
        std::vector<std::size_t> order;
    };
    std::vector<Run> runs;
    for (int k = 0; k < options.seeds; ++k) {
        const std::uint32_t seed = options.seed + static_cast<std::uint32_t>(k);
        Run run{std::make_unique<Trainer>(options, tables, seed), std::mt19937(seed),
                std::vector<std::size_t>(documents.size())};
        for (std::size_t d = 0; d < run.order.size(); ++d) {
            run.order[d] = d;
        }
        runs.push_back(std::move(run));
    }
    std::string model;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        for (Run& run : runs) {
            // mt19937 is specified bit for bit, and the shuffle below is ours (std::shuffle may
            // differ between standard libraries), so training is reproducible anywhere.
            for (std::size_t k = run.order.size(); k > 1; --k) {
                std::swap(run.order[k - 1], run.order[run.rng() % k]);
            }
            for (const std::size_t d : run.order) {
                run.trainer->train_document(documents[d]);
            }
        }
        if (on_epoch != nullptr || epoch == options.epochs) {
            std::vector<float> weights((std::size_t{1} << options.hash_bits) * n_tags, 0.0F);
            Transitions transitions{};
            const float share = 1.0F / static_cast<float>(runs.size());
            for (const Run& run : runs) {
                run.trainer->add_averaged(share, weights, transitions);
            }
            model = serialise_model(weights, transitions, options, tables);
        }
        if (on_epoch != nullptr) {
            on_epoch(epoch, model, context);
        }
    }
    return model;
}

} // namespace newsdex::analysis
