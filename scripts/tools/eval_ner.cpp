// Scores the named-entity tagger on a CoNLL file and measures tagging speed on raw text.
#include "ner_tool_common.h"

#include <boost/program_options.hpp>

#include "newsdex/ascii.h"
#include "tool_options.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

namespace po = boost::program_options;
using namespace newsdex;

namespace {

std::string span_text(const std::vector<std::string>& words, const analysis::TaggedSpan& span) {
    std::string text;
    for (std::size_t i = span.begin; i < span.end; ++i) {
        text += (i == span.begin ? "" : " ") + words[i];
    }
    return text + "/" + std::string(analysis::entity_type_label(span.type));
}

bool same_span(const analysis::TaggedSpan& a, const analysis::TaggedSpan& b) {
    return a.begin == b.begin && a.end == b.end && a.type == b.type;
}

/// For reading errors by eye: every sentence whose predicted spans differ from the gold ones,
/// with the gold spans missed ("-") and the predicted spans that are wrong ("+").
void print_errors(const analysis::Tagger& tagger,
                  const std::vector<analysis::LabelledDocument>& docs) {
    for (const auto& doc : docs) {
        std::vector<std::vector<std::string_view>> sentences;
        for (const auto& s : doc.sentences) {
            sentences.emplace_back(s.begin(), s.end());
        }
        const auto predicted = tagger.tag_document(sentences);
        for (std::size_t k = 0; k < predicted.size(); ++k) {
            std::string missed;
            std::string wrong;
            for (const auto& g : doc.entities[k]) {
                bool found = false;
                for (const auto& p : predicted[k]) {
                    found = found || same_span(g, p);
                }
                if (!found) {
                    missed += "  - " + span_text(doc.sentences[k], g) + "\n";
                }
            }
            for (const auto& p : predicted[k]) {
                bool found = false;
                for (const auto& g : doc.entities[k]) {
                    found = found || same_span(g, p);
                }
                if (!found) {
                    wrong += "  + " + span_text(doc.sentences[k], p) + "\n";
                }
            }
            if (!missed.empty() || !wrong.empty()) {
                std::string text;
                for (const auto& w : doc.sentences[k]) {
                    text += (text.empty() ? "" : " ") + w;
                }
                std::printf("%s\n%s%s", text.c_str(), missed.c_str(), wrong.c_str());
            }
        }
    }
}

void print_bootstrap(const analysis::Tagger& tagger,
                     const std::vector<analysis::LabelledDocument>& docs,
                     const std::string& compare_path, std::size_t resamples) {
    const auto base = analysis::evaluate_documents(tagger, docs);
    const auto own = analysis::bootstrap_f1(base, {}, resamples);
    std::printf("bootstrap: %zu documents, %zu resamples: ALL F1 %.4f, 95 %% interval "
                "[%.4f, %.4f]\n",
                docs.size(), resamples, own.f1, own.low, own.high);
    if (compare_path.empty()) {
        return;
    }
    const auto other_tagger = analysis::Tagger::load(compare_path);
    const auto other = analysis::evaluate_documents(other_tagger, docs);
    const auto diff = analysis::bootstrap_f1(base, other, resamples);
    std::printf("compare: %s minus this model: ALL F1 %+.4f, 95 %% interval [%+.4f, %+.4f], "
                "higher in %.0f %% of resamples\n",
                compare_path.c_str(), diff.f1, diff.low, diff.high, 100.0 * diff.above);
}

} // namespace

int main(int argc, char** argv) {
    std::string model_path = analysis::default_tagger_model_path();
    std::string dev_path;
    double speed_seconds = 2.0;
    bool show_errors = false;
    bool wire_datelines = false;
    bool lower_case = false;
    std::size_t bootstrap = 0;
    std::string compare_path;
    po::options_description desc("newsdex-eval-ner options");
    desc.add_options()("help,h", "show this help")(
        "model", po::value(&model_path)->default_value(model_path),
        "model file")("dev", po::value(&dev_path)->required(), "CoNLL file to score")(
        "speed-seconds", po::value(&speed_seconds)->default_value(speed_seconds),
        "how long to time tag_text (0 skips the speed test)")(
        "wire-datelines", po::bool_switch(&wire_datelines),
        "score the documents with their datelines written as wire datelines (\"PLACE ( Reuters "
        ") - ...\", every other one with the month and day), a style CoNLL-2003 lacks")(
        "lower-case", po::bool_switch(&lower_case),
        "score the documents written all in lower case (ASCII letters), as some feeds are")(
        "show-errors", po::bool_switch(&show_errors),
        "print each sentence with errors: gold spans missed (-), wrong predictions (+)")(
        "bootstrap", po::value(&bootstrap)->default_value(bootstrap),
        "resample the documents this many times and print the 95 % interval of ALL F1 (0: no)")(
        "compare", po::value(&compare_path),
        "another model: score it on the same documents and print the paired bootstrap interval "
        "of its ALL F1 minus this model's (--bootstrap resamples, 1000 if not given)");
    try {
        if (!tools::parse_tool_options(argc, argv, desc)) {
            return 0;
        }
        const auto load_start = std::chrono::steady_clock::now();
        const auto tagger = analysis::Tagger::load(model_path);
        const double load_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - load_start)
                .count();
        auto docs = tools::read_conll_file(dev_path);
        for (std::size_t k = 0; wire_datelines && k < docs.size(); ++k) {
            docs[k] = analysis::with_wire_dateline(docs[k], 1 + static_cast<int>(k % 2));
        }
        for (std::size_t k = 0; lower_case && k < docs.size(); ++k) {
            for (auto& sentence : docs[k].sentences) {
                for (auto& word : sentence) {
                    std::transform(word.begin(), word.end(), word.begin(), to_lower);
                }
            }
        }
        if (show_errors) {
            print_errors(tagger, docs);
        }
        tools::print_scores(stdout, analysis::evaluate_tagger(tagger, docs));
        std::printf("model: %zu feature rows, loaded in %.1f ms\n", tagger.feature_count(),
                    load_ms);
        if (bootstrap > 0 || !compare_path.empty()) {
            print_bootstrap(tagger, docs, compare_path, bootstrap > 0 ? bootstrap : 1000);
        }
        if (speed_seconds <= 0) {
            return 0;
        }
        // Raw text rebuilt from the tokens, one sentence a line, so the timing includes our
        // tokenizer and sentence splitter.
        std::vector<std::string> texts;
        std::size_t tokens = 0;
        for (const auto& doc : docs) {
            std::string text;
            for (const auto& sentence : doc.sentences) {
                for (const auto& word : sentence) {
                    text += word;
                    text += ' ';
                }
                tokens += sentence.size();
                text += '\n';
            }
            texts.push_back(std::move(text));
        }
        std::size_t spans = 0;
        std::size_t rounds = 0;
        const auto start = std::chrono::steady_clock::now();
        double elapsed = 0;
        do {
            for (const auto& text : texts) {
                spans += tagger.tag_text(text).size();
            }
            ++rounds;
            elapsed =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        } while (elapsed < speed_seconds);
        std::printf("speed: tag_text on raw text, 1 thread: %.0f tokens/s (%zu tokens x %zu rounds "
                    "in %.2f s, %zu spans)\n",
                    static_cast<double>(tokens * rounds) / elapsed, tokens, rounds, elapsed,
                    spans / rounds);
        return 0;
    } catch (const po::error& e) {
        std::cerr << "newsdex-eval-ner: " << e.what() << "\n" << desc << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-eval-ner: " << e.what() << "\n";
        return 1;
    }
}
