// Document-level facet quality on Reuters-21578: the country facet against the PLACES tags
// and the person facet against the PEOPLE tags, plus extraction speed (articles/s).
#include "newsdex/analysis/entities.h"
#include "newsdex/analysis/gazetteer.h"
#include "newsdex/corpus/open_source.h"
#include "newsdex/error.h"

#include <boost/program_options.hpp>

#include "tool_options.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace newsdex;

namespace {

struct Counts {
    std::size_t gold = 0;
    std::size_t predicted = 0;
    std::size_t correct_gold = 0; // gold values found
    std::size_t correct_pred = 0; // predicted values that are gold
    std::size_t docs = 0;
    double precision() const { return predicted ? double(correct_pred) / double(predicted) : 0; }
    double recall() const { return gold ? double(correct_gold) / double(gold) : 0; }
    double f1() const {
        const double p = precision();
        const double r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
};

/// Reuters PLACES code → ISO code: the table first, then the code read as a country name.
std::map<std::string, std::string> read_places_table(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw ResourceError(path + ": cannot open file");
    }
    std::map<std::string, std::string> table;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto tab = line.find('\t');
        if (tab == std::string::npos) {
            continue;
        }
        table[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return table;
}

void print_row(const char* name, const Counts& c) {
    std::printf("%-22s %6zu %6zu %6zu %7.4f %7.4f %7.4f\n", name, c.docs, c.gold, c.predicted,
                c.precision(), c.recall(), c.f1());
}

} // namespace

int main(int argc, char** argv) {
    std::string reuters_dir;
    std::string table_path;
    std::size_t limit = 0;
    bool show_unmapped = false;
    po::options_description desc("newsdex-eval-entities options");
    desc.add_options()("help,h", "show this help")("reuters", po::value(&reuters_dir)->required(),
                                                   "folder with reut2-*.sgm")(
        "places-table", po::value(&table_path)->required(), "reuters-places.tsv")(
        "limit", po::value(&limit)->default_value(0), "score at most N articles (0: all)")(
        "show-unmapped", po::bool_switch(&show_unmapped), "list PLACES codes with no country");
    try {
        if (!tools::parse_tool_options(argc, argv, desc)) {
            return 0;
        }
        if (!fs::is_directory(reuters_dir)) {
            std::printf("skipped: %s not found\n", reuters_dir.c_str());
            return 0;
        }
        std::vector<std::string> files;
        for (const auto& entry : fs::directory_iterator(reuters_dir)) {
            const std::string name = entry.path().filename().string();
            if (name.rfind("reut2-", 0) == 0 && entry.path().extension() == ".sgm") {
                files.push_back(entry.path().string());
            }
        }
        std::sort(files.begin(), files.end());

        const auto extractor = analysis::EntityExtractor::load_default();
        const analysis::Gazetteer& gaz = extractor.gazetteer();
        const auto table = read_places_table(table_path);
        auto map_place = [&](const std::string& code) -> std::string {
            if (const auto it = table.find(code); it != table.end()) {
                return it->second; // "-" = no country (a region, or gone)
            }
            const analysis::Country* c = gaz.country(code);
            return c != nullptr ? c->code : std::string();
        };

        corpus::ReaderOptions options;
        options.format = corpus::Format::reuters;
        auto source = corpus::open_inputs(files, options, nullptr);
        Counts places;
        Counts people;
        std::set<std::string> unmapped;
        std::size_t articles = 0;
        std::size_t bytes = 0;
        double seconds = 0;
        while (auto article = source->next()) {
            if (article->body.empty()) {
                continue;
            }
            if (limit != 0 && articles >= limit) {
                break;
            }
            const auto start = std::chrono::steady_clock::now();
            const analysis::ArticleEntities e = extractor.extract(*article);
            seconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            ++articles;
            bytes += article->body.size();

            std::set<std::string> gold_places;
            for (const std::string& code : article->labels["places"]) {
                const std::string iso = map_place(code);
                if (iso.empty()) {
                    unmapped.insert(code);
                } else if (iso != "-") {
                    gold_places.insert(iso);
                }
            }
            if (!gold_places.empty()) {
                const std::set<std::string> pred(e.countries.begin(), e.countries.end());
                ++places.docs;
                places.gold += gold_places.size();
                places.predicted += pred.size();
                for (const auto& g : gold_places) {
                    places.correct_gold += pred.count(g);
                }
                for (const auto& p : pred) {
                    places.correct_pred += gold_places.count(p);
                }
            }

            // PEOPLE codes are surnames ("reagan", "de-clercq"): compare with the trailing
            // words of each person's canonical name, folded.
            const auto& gold_people = article->labels["people"];
            if (!gold_people.empty()) {
                std::vector<std::string> keys;
                for (const std::string& p : e.persons) {
                    keys.push_back(" " + analysis::name_key(p));
                }
                auto matches = [](const std::string& key, const std::string& surname) {
                    const std::string s = " " + surname;
                    return key.size() >= s.size() &&
                           key.compare(key.size() - s.size(), s.size(), s) == 0;
                };
                ++people.docs;
                people.gold += gold_people.size();
                people.predicted += keys.size();
                for (const std::string& g : gold_people) {
                    const std::string surname = analysis::name_key(g);
                    people.correct_gold += std::any_of(
                        keys.begin(), keys.end(), [&](auto& k) { return matches(k, surname); });
                }
                for (const std::string& k : keys) {
                    people.correct_pred +=
                        std::any_of(gold_people.begin(), gold_people.end(),
                                    [&](auto& g) { return matches(k, analysis::name_key(g)); });
                }
            }
        }

        std::printf("%-22s %6s %6s %6s %7s %7s %7s\n", "facet (Reuters tag)", "docs", "gold",
                    "pred", "P", "R", "F1");
        print_row("country (PLACES)", places);
        print_row("person (PEOPLE)", people);
        std::printf("docs = articles with a non-empty tag list; values counted once per article\n");
        std::printf("speed: extract() incl. tagger, 1 thread: %.0f articles/s (%zu articles, "
                    "mean %.0f bytes of body, %.2f s)\n",
                    seconds > 0 ? double(articles) / seconds : 0.0, articles,
                    articles ? double(bytes) / double(articles) : 0.0, seconds);
        if (!unmapped.empty()) {
            std::printf("PLACES codes without a country (ignored): %zu", unmapped.size());
            if (show_unmapped) {
                for (const auto& u : unmapped) {
                    std::printf(" %s", u.c_str());
                }
            }
            std::printf("\n");
        }
        return 0;
    } catch (const po::error& e) {
        std::cerr << "newsdex-eval-entities: " << e.what() << "\n" << desc << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "newsdex-eval-entities: " << e.what() << "\n";
        return 1;
    }
}
