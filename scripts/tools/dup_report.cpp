// Near-duplicate report: SimHash signatures (newsdex::analysis::simhash) of every article of
// some inputs, then how many clusters of more than one article form at each Hamming threshold
// (all pairs compared, clusters = connected components), and sample pairs to inspect by eye.
//
// Usage: newsdex-dup-report [--shingle-words N] [--samples N] [--sample-distance D] INPUT...
#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "newsdex/analysis/analyzer.h"
#include "newsdex/analysis/simhash.h"
#include "newsdex/corpus/open_source.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

struct Doc {
    std::string id, title, body;
    std::uint64_t bits = 0;
};

std::size_t find(std::vector<std::size_t>& parent, std::size_t x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

std::string excerpt(const std::string& s, std::size_t n) {
    std::string out;
    for (char c : s.substr(0, n)) {
        out += (c == '\n' || c == '\t') ? ' ' : c;
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> inputs;
    analysis::SimhashOptions options;
    std::size_t samples = 10;
    int sample_distance = analysis::simhash_max_distance;
    int max_threshold = 10;
    po::options_description desc("newsdex-dup-report options");
    desc.add_options()("help,h", "show this help")(
        "shingle-words", po::value(&options.shingle_words)->default_value(options.shingle_words),
        "words per shingle")(
        "min-paragraph-words",
        po::value(&options.min_paragraph_words)->default_value(options.min_paragraph_words),
        "shorter paragraphs are ignored")("max-threshold",
                                          po::value(&max_threshold)->default_value(max_threshold),
                                          "report thresholds 0..N")(
        "samples", po::value(&samples)->default_value(samples), "sample pairs to print")(
        "sample-distance", po::value(&sample_distance)->default_value(sample_distance),
        "print sample pairs at exactly this distance (-1: none)")(
        "input", po::value(&inputs)->required(), "files or directories");
    po::positional_options_description positional;
    positional.add("input", -1);
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(desc).positional(positional).run(),
                  vm);
        if (vm.count("help") != 0) {
            std::cout << desc << "\n";
            return 0;
        }
        po::notify(vm);
        analysis::Analyzer analyzer("en");
        std::vector<Doc> docs;
        std::size_t total = 0;
        auto source = corpus::open_inputs(inputs, {}, nullptr);
        while (auto a = source->next()) {
            ++total;
            const auto s = analysis::simhash(a->body, analyzer, options);
            if (s) {
                docs.push_back({a->id, a->title, a->body, s->bits});
            }
        }
        std::printf("articles: %zu, with a signature: %zu (the rest are too short)\n", total,
                    docs.size());
        // Pairs by distance, up to max_threshold.
        std::vector<std::vector<std::pair<std::size_t, std::size_t>>> pairs(
            static_cast<std::size_t>(max_threshold) + 1);
        for (std::size_t i = 0; i < docs.size(); ++i) {
            for (std::size_t j = i + 1; j < docs.size(); ++j) {
                const int d = analysis::hamming(docs[i].bits, docs[j].bits);
                if (d <= max_threshold) {
                    pairs[static_cast<std::size_t>(d)].emplace_back(i, j);
                }
            }
        }
        std::vector<std::size_t> parent(docs.size());
        std::iota(parent.begin(), parent.end(), 0);
        std::printf("%9s %8s %9s %10s %8s\n", "threshold", "pairs", "clusters>1", "articles",
                    "largest");
        for (std::size_t t = 0; t < pairs.size(); ++t) {
            for (const auto& [i, j] : pairs[t]) {
                parent[find(parent, i)] = find(parent, j);
            }
            std::map<std::size_t, std::size_t> size;
            for (std::size_t i = 0; i < docs.size(); ++i) {
                ++size[find(parent, i)];
            }
            std::size_t clusters = 0, members = 0, largest = 0;
            for (const auto& [root, n] : size) {
                if (n > 1) {
                    ++clusters;
                    members += n;
                    largest = std::max(largest, n);
                }
            }
            std::size_t npairs = 0;
            for (std::size_t u = 0; u <= t; ++u) {
                npairs += pairs[u].size();
            }
            std::printf("%9zu %8zu %9zu %10zu %8zu%s\n", t, npairs, clusters, members, largest,
                        static_cast<int>(t) == analysis::simhash_max_distance ? "  <- default"
                                                                              : "");
        }
        if (sample_distance >= 0 && sample_distance <= max_threshold) {
            auto chosen = pairs[static_cast<std::size_t>(sample_distance)];
            std::mt19937 rng(42);
            std::shuffle(chosen.begin(), chosen.end(), rng);
            chosen.resize(std::min(samples, chosen.size()));
            std::printf("\nsample pairs at distance %d:\n", sample_distance);
            for (const auto& [i, j] : chosen) {
                std::printf("- %s | %s\n    %s\n  %s | %s\n    %s\n", docs[i].id.c_str(),
                            excerpt(docs[i].title, 70).c_str(), excerpt(docs[i].body, 150).c_str(),
                            docs[j].id.c_str(), excerpt(docs[j].title, 70).c_str(),
                            excerpt(docs[j].body, 150).c_str());
            }
        }
        return 0;
    } catch (const po::error& e) {
        std::cerr << "newsdex-dup-report: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-dup-report: error: " << e.what() << "\n";
        return 1;
    }
}
