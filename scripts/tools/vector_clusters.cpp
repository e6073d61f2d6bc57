// Quantises word vectors (fastText's .vec text format) into cluster ids at several granularities
// and joins them with the exchange clusters of newsdex-word-clusters: the tagger's cluster table.
//
// Spherical k-means, hierarchical like Brown-cluster prefixes: the finest level clusters the
// words, each coarser level clusters the centroids of the level below, so a word's coarse id is
// a function of its fine id. Deterministic: centroids start at words spread evenly over the
// frequency ranks, a fixed number of iterations, ties to the lowest cluster, one thread.
#include <boost/program_options.hpp>

#include "tool_options.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace po = boost::program_options;

namespace {

/// Rows of `dim` floats, each of unit length (or zero).
struct Points {
    std::size_t dim = 0;
    std::vector<float> values;
    [[nodiscard]] std::size_t size() const { return dim == 0 ? 0 : values.size() / dim; }
    [[nodiscard]] const float* row(std::size_t i) const { return &values[i * dim]; }
};

void normalise(float* v, std::size_t dim) {
    double norm = 0.0;
    for (std::size_t d = 0; d < dim; ++d) {
        norm += static_cast<double>(v[d]) * v[d];
    }
    if (norm > 0.0) {
        const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
        for (std::size_t d = 0; d < dim; ++d) {
            v[d] *= scale;
        }
    }
}

/// Spherical k-means of `points` into `k` clusters; returns each point's cluster and leaves the
/// centroids in `centroids`.
std::vector<int> kmeans(const Points& points, std::size_t k, int iterations, Points& centroids) {
    const std::size_t n = points.size();
    const std::size_t dim = points.dim;
    k = std::min(k, n);
    centroids.dim = dim;
    centroids.values.assign(k * dim, 0.0F);
    for (std::size_t c = 0; c < k; ++c) {
        std::copy_n(points.row(c * n / k), dim, &centroids.values[c * dim]);
    }
    std::vector<int> assigned(n, 0);
    std::vector<double> sums(k * dim);
    for (int it = 0; it < iterations; ++it) {
        std::size_t changed = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const float* p = points.row(i);
            int best = 0;
            float best_score = -2.0F;
            for (std::size_t c = 0; c < k; ++c) {
                const float* q = centroids.row(c);
                float s = 0.0F;
                for (std::size_t d = 0; d < dim; ++d) {
                    s += p[d] * q[d];
                }
                if (s > best_score) {
                    best_score = s;
                    best = static_cast<int>(c);
                }
            }
            if (best != assigned[i] || it == 0) {
                changed += best != assigned[i] ? 1 : 0;
                assigned[i] = best;
            }
        }
        std::fill(sums.begin(), sums.end(), 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            double* s = &sums[static_cast<std::size_t>(assigned[i]) * dim];
            const float* p = points.row(i);
            for (std::size_t d = 0; d < dim; ++d) {
                s[d] += p[d];
            }
        }
        for (std::size_t c = 0; c < k; ++c) {
            const double* s = &sums[c * dim];
            if (std::all_of(s, s + dim, [](double v) { return v == 0.0; })) {
                continue; // an empty cluster keeps its centroid
            }
            for (std::size_t d = 0; d < dim; ++d) {
                centroids.values[c * dim + d] = static_cast<float>(s[d]);
            }
            normalise(&centroids.values[c * dim], dim);
        }
        std::fprintf(stderr, "k=%zu iteration %d: %zu moved\n", k, it + 1, changed);
    }
    return assigned;
}

} // namespace

int main(int argc, char** argv) {
    std::string vectors_path;
    std::string exchange_path;
    std::string out_path;
    std::string levels_text = "1024,256,64";
    std::size_t max_words = 100000;
    int iterations = 12;
    po::options_description desc("newsdex-vector-clusters options");
    desc.add_options()("help,h", "show this help")(
        "vectors", po::value(&vectors_path)->required(),
        "word vectors in fastText's .vec text format, most frequent first")(
        "exchange", po::value(&exchange_path),
        "word<TAB>cluster file of newsdex-word-clusters to join as the first id column")(
        "levels", po::value(&levels_text)->default_value(levels_text),
        "cluster counts, finest first; each level clusters the centroids of the one before")(
        "max-words", po::value(&max_words)->default_value(max_words),
        "only the most frequent words")(
        "iterations", po::value(&iterations)->default_value(iterations), "k-means iterations")(
        "out", po::value(&out_path)->required(),
        "output: word<TAB>exchange<TAB>level ids..., -1 where a word has no id");
    try {
        if (!newsdex::tools::parse_tool_options(argc, argv, desc)) {
            return 0;
        }
        std::vector<std::size_t> levels;
        {
            std::istringstream in(levels_text);
            std::string item;
            while (std::getline(in, item, ',')) {
                levels.push_back(static_cast<std::size_t>(std::stoul(item)));
            }
        }
        if (levels.empty() || !std::is_sorted(levels.rbegin(), levels.rend()) ||
            levels.back() < 2) {
            throw std::runtime_error("--levels must be decreasing counts >= 2");
        }
        std::ifstream in(vectors_path);
        if (!in) {
            throw std::runtime_error(vectors_path + ": cannot open");
        }
        std::size_t n_file = 0;
        Points points;
        in >> n_file >> points.dim;
        std::vector<std::string> words;
        std::string line;
        std::getline(in, line);
        while (words.size() < max_words && std::getline(in, line)) {
            std::istringstream fields(line);
            std::string word;
            fields >> word;
            if (word.empty() || word == "</s>") {
                continue; // fastText's sentence-end token is not a word
            }
            const std::size_t at = points.values.size();
            points.values.resize(at + points.dim);
            for (std::size_t d = 0; d < points.dim; ++d) {
                fields >> points.values[at + d];
            }
            if (!fields) {
                throw std::runtime_error(vectors_path + ": bad vector for '" + word + "'");
            }
            normalise(&points.values[at], points.dim);
            words.push_back(word);
        }
        std::fprintf(stderr, "%zu words of %zu, dimension %zu\n", words.size(), n_file, points.dim);

        // ids[level][word]
        std::vector<std::vector<int>> ids;
        Points level_points = points;
        std::vector<int> to_word_level; // cluster of the level below -> cluster of this level
        for (const std::size_t k : levels) {
            Points centroids;
            const std::vector<int> assigned = kmeans(level_points, k, iterations, centroids);
            if (ids.empty()) {
                ids.push_back(assigned);
            } else {
                std::vector<int> word_ids(words.size());
                for (std::size_t w = 0; w < words.size(); ++w) {
                    word_ids[w] = assigned[static_cast<std::size_t>(ids.back()[w])];
                }
                ids.push_back(std::move(word_ids));
            }
            level_points = std::move(centroids);
        }

        // The union of both vocabularies, in the order the vectors list them, then the
        // exchange-only words in their file's order.
        std::map<std::string, std::vector<int>> table;
        std::vector<std::string> order;
        const std::size_t columns = 1 + levels.size();
        for (std::size_t w = 0; w < words.size(); ++w) {
            std::vector<int> row(columns, -1);
            for (std::size_t l = 0; l < levels.size(); ++l) {
                row[1 + l] = ids[l][w];
            }
            if (table.emplace(words[w], std::move(row)).second) {
                order.push_back(words[w]);
            }
        }
        if (!exchange_path.empty()) {
            std::ifstream ex(exchange_path);
            if (!ex) {
                throw std::runtime_error(exchange_path + ": cannot open");
            }
            std::string word;
            int id = 0;
            while (ex >> word >> id) {
                auto [it, inserted] = table.try_emplace(word, std::vector<int>(columns, -1));
                it->second[0] = id;
                if (inserted) {
                    order.push_back(word);
                }
            }
        }
        std::ofstream out(out_path, std::ios::trunc);
        for (const std::string& word : order) {
            out << word;
            for (const int id : table[word]) {
                out << '\t' << id;
            }
            out << '\n';
        }
        if (!out) {
            throw std::runtime_error(out_path + ": write failed");
        }
        std::fprintf(stderr, "wrote %zu words to %s\n", order.size(), out_path.c_str());
        return 0;
    } catch (const po::error& e) {
        std::cerr << "newsdex-vector-clusters: " << e.what() << "\n" << desc << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-vector-clusters: " << e.what() << "\n";
        return 1;
    }
}
