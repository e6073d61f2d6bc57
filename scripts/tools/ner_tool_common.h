/// @file
/// @brief Small helpers shared by the named-entity developer tools.
#pragma once
#include "newsdex/error.h"
#include "tagger_train.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace newsdex::tools {

inline std::vector<analysis::LabelledDocument> read_conll_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw InputError(path + ": cannot open file");
    }
    return analysis::read_conll(in, path);
}

inline void print_scores(std::FILE* out, const analysis::EntityScores& s) {
    std::fprintf(out, "%-6s %6s %6s %7s %7s %7s %7s\n", "type", "gold", "pred", "correct", "P", "R",
                 "F1");
    auto row = [&](const char* name, const analysis::EntityCounts& c) {
        std::fprintf(out, "%-6s %6zu %6zu %7zu %7.4f %7.4f %7.4f\n", name, c.gold, c.predicted,
                     c.correct, c.precision(), c.recall(), c.f1());
    };
    row("PER", s.by_type[static_cast<int>(analysis::EntityType::person)]);
    row("ORG", s.by_type[static_cast<int>(analysis::EntityType::organisation)]);
    row("LOC", s.by_type[static_cast<int>(analysis::EntityType::location)]);
    row("ALL", s.main);
    row("MISC*", s.by_type[static_cast<int>(analysis::EntityType::misc)]);
    std::fprintf(out, "ALL = PER+ORG+LOC, exact span and type; *MISC is tagged but not scored\n");
}

} // namespace newsdex::tools
