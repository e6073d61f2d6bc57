/// @file
/// @brief Reading test inputs into plain vectors: the articles and the problems reported.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "newsdex/article.h"
#include "newsdex/article_source.h"
#include "newsdex/corpus/open_source.h"

namespace newsdex::test {

/// A file under tests/data.
inline std::string data_path(const std::string& relative) {
    return std::string(NEWSDEX_TEST_DATA_DIR) + "/" + relative;
}

/// Everything a source gave: its articles and the problems it reported, in order.
struct Read {
    std::vector<Article> articles;
    std::vector<Problem> problems;
};

/// Drains a source made by make_source(sink).
template <typename MakeSource>
Read read_all(MakeSource&& make_source) {
    Read r;
    auto source = make_source([&r](const Problem& p) { r.problems.push_back(p); });
    while (auto a = source->next()) {
        r.articles.push_back(std::move(*a));
    }
    return r;
}

/// The articles of paths, as newsdex-index would read them.
inline Read read_paths(const std::vector<std::string>& paths,
                       const corpus::ReaderOptions& options = {}) {
    return read_all([&](ProblemSink sink) { return corpus::open_inputs(paths, options, sink); });
}

} // namespace newsdex::test
