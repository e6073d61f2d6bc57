/// @file
/// @brief Sources of deletions: ids listed in a file (--delete-ids), and a source that reads
/// one source after another.
#pragma once
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "newsdex/article_source.h"

namespace newsdex::corpus {

/// One tombstone article (Article::deleted) per id listed in a file: one id a line, '#'
/// comments and blank lines skipped, trailing spaces and CR trimmed; "-" reads stdin.
class DeleteIdsSource : public ArticleSource {
public:
    /// Throws Error when the file cannot be opened.
    explicit DeleteIdsSource(const std::string& file);
    std::optional<Article> next() override;

private:
    std::string m_name;
    std::ifstream m_file;
    std::uint64_t m_line = 0;
};

/// Reads one source to its end, then the other (either may be null).
class ChainedSource : public ArticleSource {
public:
    ChainedSource(std::unique_ptr<ArticleSource> first, std::unique_ptr<ArticleSource> second);
    std::optional<Article> next() override;

private:
    std::unique_ptr<ArticleSource> m_first;
    std::unique_ptr<ArticleSource> m_second;
};

} // namespace newsdex::corpus
