/// @file
/// @brief Which analysis built an archive: content fingerprints of the data the indexer's
///        analysis reads, stored beside the articles so that `--stats` can say what a
///        re-analysis would change.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::analysis {

/// Fingerprints (16 hex digits of the files' contents, not their dates) of what the default
/// analysis reads, and the version of the program that ran it. Without entities only the
/// version counts: no model or table was read.
struct AnalysisFingerprint {
    bool entities = true;
    std::string tagger;    ///< the NER model file
    std::string gazetteer; ///< place tables, demonyms, place stop-words, ISO 3166 lists, geonames
    std::string aliases;   ///< the actor alias table (aliases.tsv)
    std::string program;   ///< the newsdex version, e.g. "0.1.0"

    /// One line, as stored: "tagger=… gazetteer=… aliases=… newsdex=0.1.0", or
    /// "entities=off newsdex=0.1.0".
    std::string line() const;
    /// Reads line() back; nullopt for anything else.
    static std::optional<AnalysisFingerprint> parse(std::string_view line);

    /// What differs from `other`, for people: "tagger model", "gazetteer", "alias file",
    /// "entities on/off", "newsdex version"; empty when the two analyses are the same.
    std::vector<std::string> differences(const AnalysisFingerprint& other) const;

    friend bool operator==(const AnalysisFingerprint& a, const AnalysisFingerprint& b) {
        return a.line() == b.line();
    }
    friend bool operator!=(const AnalysisFingerprint& a, const AnalysisFingerprint& b) {
        return !(a == b);
    }
};

/// The analysis this program runs, with or without entities, on the default model and tables
/// (default_tagger_model_path(), default_data_dir()). The files are read once per process and
/// data directory. Throws ResourceError naming a file that cannot be read.
AnalysisFingerprint current_analysis(bool entities);

} // namespace newsdex::analysis
