/// @file
/// @brief Reading test inputs into plain vectors: the articles and the problems reported.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

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

/// A problem a test expects a reader to report: its kind, file (under tests/data), line and
/// message.
struct ExpectedProblem {
    ProblemKind kind;
    std::string file;
    std::uint64_t line;
    std::string message;
};

/// Checks that `r` reported exactly `expected`, in order.
inline void check_problems(const Read& r, const std::vector<ExpectedProblem>& expected) {
    REQUIRE(r.problems.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(r.problems[i].kind == expected[i].kind);
        CHECK(r.problems[i].where.file == data_path(expected[i].file));
        CHECK(r.problems[i].where.line == expected[i].line);
        CHECK(r.problems[i].message == expected[i].message);
    }
}

} // namespace newsdex::test
