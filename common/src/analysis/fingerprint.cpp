#include "newsdex/analysis/fingerprint.h"

#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>

#include <geonames/geonames.h>

#include "gazetteer_internal.h"
#include "newsdex/analysis/tagger.h"
#include "newsdex/error.h"
#include "newsdex/hash.h"
#include "newsdex/version.h"

namespace newsdex::analysis {
namespace {

std::uint64_t hash_file(const std::string& path, std::uint64_t h) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ResourceError("cannot open data file '" + path + "'");
    }
    const std::string content((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    // The length first, so that the end of one file cannot pass for the start of the next.
    return fnv1a64(content, fnv1a64(std::to_string(content.size()) + ":", h));
}

AnalysisFingerprint compute(bool entities) {
    AnalysisFingerprint f;
    f.entities = entities;
    f.program = NEWSDEX_VERSION;
    if (!entities) {
        return f;
    }
    f.tagger = hex16(hash_file(default_tagger_model_path(), fnv1a64_basis));
    const GazetteerOptions options;
    const detail::TablePaths tables(options.data_dir);
    const std::string& places = tables.all[0];
    const std::string& aliases = tables.all[1];
    const std::string& demonyms = tables.all[2];
    const std::string& stopwords = tables.all[3];
    std::uint64_t g = fnv1a64_basis;
    for (const std::string* table : {&places, &demonyms, &stopwords}) {
        g = hash_file(*table, g);
    }
    for (const char* json : {"/iso_3166-1.json", "/iso_3166-2.json", "/iso_3166-3.json"}) {
        g = hash_file(options.iso_codes_dir + json, g);
    }
    // The cities come from libgeonames' compiled-in data: its size stands for its version.
    g = fnv1a64("geonames:" + std::to_string(geonames_get_n_cities()), g);
    f.gazetteer = hex16(g);
    f.aliases = hex16(hash_file(aliases, fnv1a64_basis));
    return f;
}

} // namespace

std::string AnalysisFingerprint::line() const {
    if (!entities) {
        return "entities=off newsdex=" + program;
    }
    return "tagger=" + tagger + " gazetteer=" + gazetteer + " aliases=" + aliases +
           " newsdex=" + program;
}

std::optional<AnalysisFingerprint> AnalysisFingerprint::parse(std::string_view line) {
    AnalysisFingerprint f;
    std::istringstream words{std::string(line)};
    std::string word;
    bool any = false;
    while (words >> word) {
        const auto eq = word.find('=');
        if (eq == std::string::npos) {
            return std::nullopt;
        }
        const std::string key = word.substr(0, eq);
        std::string value = word.substr(eq + 1);
        if (key == "entities" && value == "off") {
            f.entities = false;
        } else if (key == "tagger") {
            f.tagger = std::move(value);
        } else if (key == "gazetteer") {
            f.gazetteer = std::move(value);
        } else if (key == "aliases") {
            f.aliases = std::move(value);
        } else if (key == "newsdex") {
            f.program = std::move(value);
        } else {
            return std::nullopt;
        }
        any = true;
    }
    return any ? std::optional<AnalysisFingerprint>(f) : std::nullopt;
}

std::vector<std::string> AnalysisFingerprint::differences(const AnalysisFingerprint& o) const {
    std::vector<std::string> out;
    if (entities != o.entities) {
        out.emplace_back("entities on/off");
    } else if (entities) {
        if (tagger != o.tagger) {
            out.emplace_back("tagger model");
        }
        if (gazetteer != o.gazetteer) {
            out.emplace_back("gazetteer");
        }
        if (aliases != o.aliases) {
            out.emplace_back("alias file");
        }
    }
    if (program != o.program) {
        out.emplace_back("newsdex version");
    }
    return out;
}

AnalysisFingerprint current_analysis(bool entities) {
    // Every Indexer asks (one per shard of a long archive): the files are read once.
    static std::mutex mutex;
    static std::map<std::pair<std::string, bool>, AnalysisFingerprint> known;
    const std::pair<std::string, bool> key{default_data_dir() + '\n' + default_tagger_model_path(),
                                           entities};
    std::lock_guard<std::mutex> lock(mutex);
    const auto found = known.find(key);
    if (found != known.end()) {
        return found->second;
    }
    return known.emplace(key, compute(entities)).first->second;
}

} // namespace newsdex::analysis
