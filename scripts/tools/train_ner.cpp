// Trains the named-entity tagger on a CoNLL file and writes the model (see scripts/train-ner).
#include "ner_tool_common.h"

#include <boost/program_options.hpp>

#include "tool_options.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace po = boost::program_options;
using namespace newsdex;

namespace {

struct SelectionContext {
    const std::vector<analysis::LabelledDocument>* held_out;
    int best_epoch = 0;
    double best_f1 = -1.0;
    std::chrono::steady_clock::time_point start;
};

void on_epoch(int epoch, const std::string& bytes, void* context) {
    auto& ctx = *static_cast<SelectionContext*>(context);
    const auto tagger = analysis::Tagger::from_bytes(bytes, "epoch model");
    const auto scores = analysis::evaluate_tagger(tagger, *ctx.held_out);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - ctx.start).count();
    std::fprintf(stderr, "epoch %2d: F1 ALL %.4f  PER %.4f ORG %.4f LOC %.4f  (%zu rows, %.0f s)\n",
                 epoch, scores.main.f1(), scores.by_type[0].f1(), scores.by_type[1].f1(),
                 scores.by_type[2].f1(), tagger.feature_count(), seconds);
    // Only a clear gain moves the choice later: fewer epochs generalise as well and train faster.
    if (scores.main.f1() > ctx.best_f1 + 0.0005) {
        ctx.best_f1 = scores.main.f1();
        ctx.best_epoch = epoch;
    }
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> train_paths;
    std::string out_path;
    analysis::TrainOptions options;
    int select_max = 0;
    int holdout_every = 10;
    std::string clusters_path;
    std::string topics_path;
    std::string names_dir;
    std::string report_path;
    po::options_description desc("newsdex-train-ner options");
    desc.add_options()("help,h", "show this help")(
        "train", po::value(&train_paths)->required()->composing(),
        "CoNLL training file; give it again to add more (e.g. the hand-annotated modern tuning "
        "set beside CoNLL-2003 train)")("out", po::value(&out_path)->required(),
                                        "model file to write")(
        "epochs", po::value(&options.epochs)->default_value(options.epochs),
        "training epochs (ignored with --select-epochs)")(
        "select-epochs", po::value(&select_max)->default_value(0),
        "pick the epoch count (1..N) on a held-out split of the training documents first")(
        "holdout-every", po::value(&holdout_every)->default_value(holdout_every),
        "with --select-epochs, every K-th document is held out")(
        "hash-bits", po::value(&options.hash_bits)->default_value(options.hash_bits),
        "log2 of the number of feature buckets")(
        "prune", po::value(&options.prune_below)->default_value(options.prune_below),
        "drop feature rows whose largest averaged weight is below this")(
        "seed", po::value(&options.seed)->default_value(options.seed), "shuffling seed")(
        "seeds", po::value(&options.seeds)->default_value(options.seeds),
        "train this many models (seeds seed, seed+1, ...) side by side and average them")(
        "report-dev", po::value(&report_path),
        "CoNLL file scored after every epoch of the final training (for reading only: the "
        "epoch count stays --epochs)")(
        "document-dropout",
        po::value(&options.document_dropout)->default_value(options.document_dropout),
        "percent of documents trained without the document-level features")(

        "names", po::value(&names_dir),
        "embed the name list of the Gazetteer (GeoNames, iso-codes, the tables in this data "
        "directory, e.g. common/data)")("clusters", po::value(&clusters_path),
                                        "word<TAB>cluster ids file (common/data/ner-clusters.tsv; "
                                        "embedded in the model as hashes)")(
        "topics", po::value(&topics_path),
        "word<TAB>topic file (common/data/ner-topics.tsv; embedded in the model as hashes)");
    try {
        if (!tools::parse_tool_options(argc, argv, desc)) {
            return 0;
        }
        if (!clusters_path.empty()) {
            std::ifstream in(clusters_path);
            if (!in) {
                throw InputError(clusters_path + ": cannot open file");
            }
            std::string line;
            while (std::getline(in, line)) {
                if (line.empty() || line.rfind("# ", 0) == 0) {
                    continue; // a comment; the word "#" has a tab after it
                }
                std::istringstream fields(line);
                std::string word;
                std::vector<int> ids;
                int id = 0;
                fields >> word;
                while (fields >> id) {
                    ids.push_back(id);
                }
                options.word_clusters.emplace_back(word, std::move(ids));
            }
            std::fprintf(stderr, "%zu clustered words\n", options.word_clusters.size());
        }
        if (!topics_path.empty()) {
            std::ifstream in(topics_path);
            if (!in) {
                throw InputError(topics_path + ": cannot open file");
            }
            std::string line;
            std::size_t line_number = 0;
            while (std::getline(in, line)) {
                ++line_number;
                if (line.empty() || line[0] == '#') {
                    continue;
                }
                std::istringstream fields(line);
                std::string word;
                int topic = 0;
                if (!(fields >> word >> topic) || topic < 1 || topic > analysis::max_topic_id) {
                    throw InputError(topics_path + ":" + std::to_string(line_number) +
                                     ": expected a word, a tab and a topic id 1.." +
                                     std::to_string(analysis::max_topic_id));
                }
                options.word_topics.emplace_back(word, static_cast<std::uint8_t>(topic));
            }
            std::fprintf(stderr, "%zu topic words\n", options.word_topics.size());
        }
        if (!names_dir.empty()) {
            options.names = analysis::gazetteer_names(names_dir);
            std::fprintf(stderr, "%zu listed names\n", options.names.size());
        }
        std::vector<analysis::LabelledDocument> docs;
        for (const std::string& path : train_paths) {
            auto more = tools::read_conll_file(path);
            std::fprintf(stderr, "%zu training documents from %s\n", more.size(), path.c_str());
            docs.insert(docs.end(), std::make_move_iterator(more.begin()),
                        std::make_move_iterator(more.end()));
        }
        std::fprintf(stderr, "%zu training documents\n", docs.size());
        if (select_max > 0) {
            std::vector<analysis::LabelledDocument> fit;
            std::vector<analysis::LabelledDocument> held_out;
            for (std::size_t k = 0; k < docs.size(); ++k) {
                (k % static_cast<std::size_t>(holdout_every) ==
                         static_cast<std::size_t>(holdout_every) - 1
                     ? held_out
                     : fit)
                    .push_back(docs[k]);
            }
            std::fprintf(stderr, "selecting epochs on %zu held-out documents (%zu for fitting)\n",
                         held_out.size(), fit.size());
            SelectionContext ctx{&held_out, 0, -1.0, std::chrono::steady_clock::now()};
            analysis::TrainOptions select = options;
            select.epochs = select_max;
            (void)analysis::train_tagger(fit, select, on_epoch, &ctx);
            options.epochs = ctx.best_epoch;
            std::fprintf(stderr, "chosen: %d epochs (held-out F1 %.4f)\n", ctx.best_epoch,
                         ctx.best_f1);
        }
        const auto start = std::chrono::steady_clock::now();
        std::vector<analysis::LabelledDocument> report_docs;
        SelectionContext report{&report_docs, 0, -1.0, start};
        if (!report_path.empty()) {
            report_docs = tools::read_conll_file(report_path);
            std::fprintf(stderr, "scoring each epoch on %s\n", report_path.c_str());
        }
        const std::string model = analysis::train_tagger(
            docs, options, report_path.empty() ? nullptr : on_epoch, &report);
        std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
        out.write(model.data(), static_cast<std::streamsize>(model.size()));
        out.close();
        if (!out) {
            throw ResourceError(out_path + ": cannot write model");
        }
        const auto tagger = analysis::Tagger::from_bytes(model, out_path);
        std::fprintf(
            stderr, "wrote %s: %zu bytes, %zu feature rows, %d epochs, %.0f s\n", out_path.c_str(),
            model.size(), tagger.feature_count(), options.epochs,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        return 0;
    } catch (const po::error& e) {
        std::cerr << "newsdex-train-ner: " << e.what() << "\n" << desc << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-train-ner: " << e.what() << "\n";
        return 1;
    }
}
