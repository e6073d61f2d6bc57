// Learns word clusters from unlabelled news for the named-entity tagger's cluster features.
//
// Predictive exchange clustering (Uszkoreit & Brants 2008): each word moves to the class that
// best predicts it from the word before it. Deterministic: fixed initial classes by frequency
// rank, words visited in rank order, ties to the lowest class.
#include "newsdex/analysis/tagger.h"

#include <boost/program_options.hpp>

#include "tool_options.h"
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

class Corpus {
public:
    explicit Corpus(std::size_t max_tokens) : m_max(max_tokens) {}

    [[nodiscard]] bool full() const { return m_tokens.size() >= m_max; }

    void add_text(std::string_view text) {
        for (const auto& sentence : newsdex::analysis::split_sentences(text)) {
            for (const auto& t : sentence) {
                const std::string word(text.substr(t.start, t.end - t.start));
                auto [it, inserted] = m_ids.try_emplace(word, static_cast<int>(m_words.size()));
                if (inserted) {
                    m_words.push_back(word);
                    m_counts.push_back(0);
                }
                ++m_counts[static_cast<std::size_t>(it->second)];
                m_tokens.push_back(it->second);
            }
            m_tokens.push_back(-1);
        }
    }

    std::vector<int> m_tokens; // word ids, -1 ends a sentence
    std::vector<std::string> m_words;
    std::vector<std::uint64_t> m_counts;

private:
    std::size_t m_max;
    std::unordered_map<std::string, int> m_ids;
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void add_reuters21578(Corpus& corpus, const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".sgm") {
            files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        const std::string sgml = read_file(f);
        for (std::size_t p = sgml.find("<BODY>"); p != std::string::npos && !corpus.full();
             p = sgml.find("<BODY>", p)) {
            const std::size_t e = sgml.find("</BODY>", p);
            if (e == std::string::npos) {
                break;
            }
            std::string body = sgml.substr(p + 6, e - p - 6);
            for (const auto& [from, to] : {std::pair<std::string, std::string>{"&lt;", "<"},
                                           {"&gt;", ">"},
                                           {"&amp;", "&"}}) {
                for (std::size_t k = body.find(from); k != std::string::npos;
                     k = body.find(from, k + to.size())) {
                    body.replace(k, from.size(), to);
                }
            }
            corpus.add_text(body);
            p = e;
        }
    }
}

void add_bbc(Corpus& corpus, const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.path().extension() == ".txt") {
            files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        if (corpus.full()) {
            return;
        }
        corpus.add_text(read_file(f));
    }
}

void add_jsonl_gz(Corpus& corpus, const fs::path& path) {
    gzFile gz = gzopen(path.c_str(), "rb");
    if (gz == nullptr) {
        throw std::runtime_error(path.string() + ": cannot open");
    }
    std::string line;
    char buf[1 << 16];
    while (!corpus.full() && gzgets(gz, buf, sizeof buf) != nullptr) {
        line += buf;
        if (line.empty() || line.back() != '\n') {
            continue;
        }
        const auto j = nlohmann::json::parse(line, nullptr, false);
        line.clear();
        if (j.is_object() && j.contains("body") && j["body"].is_string()) {
            corpus.add_text(j["body"].get<std::string>());
        }
    }
    gzclose(gz);
}

inline double xlogx(double x) { return x > 0 ? x * std::log(x) : 0.0; }

} // namespace

int main(int argc, char** argv) {
    std::string reuters;
    std::string bbc;
    std::string financial;
    std::string out_path;
    std::string text_out;
    std::size_t max_tokens = 12'000'000;
    int n_classes = 256;
    int min_count = 4;
    int max_vocab = 60000;
    int passes = 8;
    po::options_description desc("newsdex-word-clusters options");
    desc.add_options()("help,h", "show this help")("reuters21578", po::value(&reuters),
                                                   "directory of reut2-*.sgm")(
        "bbc", po::value(&bbc), "BBC news directory of .txt files")(
        "jsonl-gz", po::value(&financial), "gzipped JSON Lines with a \"body\" field")(
        "max-tokens", po::value(&max_tokens)->default_value(max_tokens), "corpus size cap")(
        "classes", po::value(&n_classes)->default_value(n_classes), "number of clusters")(
        "min-count", po::value(&min_count)->default_value(min_count), "rarer words are skipped")(
        "max-vocab", po::value(&max_vocab)->default_value(max_vocab), "most frequent words kept")(
        "passes", po::value(&passes)->default_value(passes), "exchange passes")(
        "out", po::value(&out_path)->required(), "output: word<TAB>cluster per line")(
        "text-out", po::value(&text_out),
        "also write the corpus as our tokenizer cuts it, one sentence per line (the input of "
        "the word vectors that newsdex-vector-clusters quantises)");
    try {
        if (!newsdex::tools::parse_tool_options(argc, argv, desc)) {
            return 0;
        }
        const auto start = std::chrono::steady_clock::now();
        auto elapsed = [&] {
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        };
        Corpus corpus(max_tokens);
        if (!reuters.empty()) {
            add_reuters21578(corpus, reuters);
        }
        if (!bbc.empty()) {
            add_bbc(corpus, bbc);
        }
        if (!financial.empty()) {
            add_jsonl_gz(corpus, financial);
        }
        std::fprintf(stderr, "corpus: %zu tokens, %zu types (%.0f s)\n", corpus.m_tokens.size(),
                     corpus.m_words.size(), elapsed());

        if (!text_out.empty()) {
            std::ofstream text(text_out, std::ios::trunc);
            bool line_start = true;
            for (const int t : corpus.m_tokens) {
                if (t < 0) {
                    text << '\n';
                    line_start = true;
                    continue;
                }
                if (!line_start) {
                    text << ' ';
                }
                text << corpus.m_words[static_cast<std::size_t>(t)];
                line_start = false;
            }
            if (!text) {
                throw std::runtime_error(text_out + ": write failed");
            }
        }
        // Vocabulary by frequency, ties by spelling, so ids do not depend on hash-map order.
        std::vector<int> order(corpus.m_words.size());
        for (std::size_t k = 0; k < order.size(); ++k) {
            order[k] = static_cast<int>(k);
        }
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            const auto ca = corpus.m_counts[static_cast<std::size_t>(a)];
            const auto cb = corpus.m_counts[static_cast<std::size_t>(b)];
            return ca != cb ? ca > cb
                            : corpus.m_words[static_cast<std::size_t>(a)] <
                                  corpus.m_words[static_cast<std::size_t>(b)];
        });
        std::size_t vocab = 0;
        while (vocab < order.size() && vocab < static_cast<std::size_t>(max_vocab) &&
               corpus.m_counts[static_cast<std::size_t>(order[vocab])] >=
                   static_cast<std::uint64_t>(min_count)) {
            ++vocab;
        }
        std::vector<int> rank(corpus.m_words.size(), -1);
        for (std::size_t r = 0; r < vocab; ++r) {
            rank[static_cast<std::size_t>(order[r])] = static_cast<int>(r);
        }
        // Predecessor ids: vocabulary ranks, then one id for rare words and one for <s>.
        const auto rare = static_cast<int>(vocab);
        const auto sentence_start = static_cast<int>(vocab + 1);
        const std::size_t n_pred = vocab + 2;

        std::vector<std::uint64_t> pairs; // (word << 32 | predecessor)
        int prev = sentence_start;
        for (const int t : corpus.m_tokens) {
            if (t < 0) {
                prev = sentence_start;
                continue;
            }
            const int r = rank[static_cast<std::size_t>(t)];
            if (r >= 0) {
                pairs.push_back(static_cast<std::uint64_t>(r) << 32U |
                                static_cast<std::uint32_t>(prev));
            }
            prev = r >= 0 ? r : rare;
        }
        std::sort(pairs.begin(), pairs.end());
        std::vector<std::size_t> first(vocab + 1, 0);
        std::vector<std::uint32_t> pred;
        std::vector<std::uint32_t> pred_count;
        std::vector<std::uint64_t> word_count(vocab, 0);
        for (std::size_t k = 0; k < pairs.size();) {
            std::size_t j = k;
            while (j < pairs.size() && pairs[j] == pairs[k]) {
                ++j;
            }
            const auto w = static_cast<std::size_t>(pairs[k] >> 32U);
            pred.push_back(static_cast<std::uint32_t>(pairs[k] & 0xFFFFFFFFU));
            pred_count.push_back(static_cast<std::uint32_t>(j - k));
            word_count[w] += j - k;
            first[w + 1] = pred.size();
            k = j;
        }
        for (std::size_t w = 1; w <= vocab; ++w) {
            first[w] = std::max(first[w], first[w - 1]);
        }
        pairs.clear();
        pairs.shrink_to_fit();
        std::fprintf(stderr, "vocabulary %zu words, %zu distinct bigrams (%.0f s)\n", vocab,
                     pred.size(), elapsed());

        const auto C = static_cast<std::size_t>(n_classes);
        std::vector<int> cls(vocab);
        std::vector<std::int64_t> n_vc(n_pred * C, 0);
        std::vector<std::int64_t> n_c(C, 0);
        for (std::size_t w = 0; w < vocab; ++w) {
            cls[w] = static_cast<int>(w % C);
            for (std::size_t k = first[w]; k < first[w + 1]; ++k) {
                n_vc[pred[k] * C + w % C] += pred_count[k];
            }
            n_c[w % C] += static_cast<std::int64_t>(word_count[w]);
        }
        std::vector<double> gain(C);
        for (int pass = 1; pass <= passes; ++pass) {
            std::size_t moved = 0;
            for (std::size_t w = 0; w < vocab; ++w) {
                const auto a = static_cast<std::size_t>(cls[w]);
                const auto nw = static_cast<std::int64_t>(word_count[w]);
                for (std::size_t k = first[w]; k < first[w + 1]; ++k) {
                    n_vc[pred[k] * C + a] -= pred_count[k];
                }
                n_c[a] -= nw;
                for (std::size_t c = 0; c < C; ++c) {
                    gain[c] = -(xlogx(static_cast<double>(n_c[c] + nw)) -
                                xlogx(static_cast<double>(n_c[c])));
                }
                for (std::size_t k = first[w]; k < first[w + 1]; ++k) {
                    const std::int64_t* row = &n_vc[pred[k] * C];
                    const double n = pred_count[k];
                    const double base = xlogx(n);
                    for (std::size_t c = 0; c < C; ++c) {
                        if (row[c] == 0) {
                            gain[c] += base;
                        } else {
                            const double x = static_cast<double>(row[c]);
                            gain[c] += xlogx(x + n) - xlogx(x);
                        }
                    }
                }
                std::size_t best = 0;
                for (std::size_t c = 1; c < C; ++c) {
                    if (gain[c] > gain[best] + 1e-9) {
                        best = c;
                    }
                }
                if (best != a) {
                    ++moved;
                }
                cls[w] = static_cast<int>(best);
                for (std::size_t k = first[w]; k < first[w + 1]; ++k) {
                    n_vc[pred[k] * C + best] += pred_count[k];
                }
                n_c[best] += nw;
            }
            std::fprintf(stderr, "pass %d: %zu words moved (%.0f s)\n", pass, moved, elapsed());
        }
        std::ofstream out(out_path, std::ios::trunc);
        for (std::size_t r = 0; r < vocab; ++r) {
            out << corpus.m_words[static_cast<std::size_t>(order[r])] << '\t' << cls[r] << '\n';
        }
        if (!out) {
            throw std::runtime_error(out_path + ": write failed");
        }
        return 0;
    } catch (const po::error& e) {
        std::cerr << "newsdex-word-clusters: " << e.what() << "\n" << desc << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-word-clusters: " << e.what() << "\n";
        return 1;
    }
}
