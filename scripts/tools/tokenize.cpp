// Prints the named-entity tagger's tokens (analysis::split_sentences) of each input line, one
// line of tab-separated tokens per input line. scripts/modern-dev compares its own tokenizer,
// which must cut the modern dev set's text exactly as the tagger does, with this output.
//
// Usage: newsdex-tokenize < TEXT
#include "newsdex/analysis/tagger.h"

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc > 1) {
        std::cerr << "usage: " << argv[0] << " < TEXT (prints each line's tokens, tab-separated)\n";
        return std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ? 0 : 2;
    }
    std::string line;
    std::string out;
    while (std::getline(std::cin, line)) {
        out.clear();
        for (const auto& sentence : newsdex::analysis::split_sentences(line)) {
            for (const auto& token : sentence) {
                if (!out.empty()) {
                    out += '\t';
                }
                out.append(line, token.start, token.end - token.start);
            }
        }
        out += '\n';
        std::cout << out;
    }
    return std::cout.good() ? 0 : 1;
}
