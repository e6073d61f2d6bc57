/// @file
/// @brief Plain-text reader: one article a file (optional headers, headline, body, byline).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/article_source.h"
#include "newsdex/corpus/input_stream.h"
#include "newsdex/corpus/open_source.h"

namespace newsdex::corpus {

/// Splits the text of one plain-text article into an Article: optional `Key: value` header
/// lines (Date, Source, URL, Author, Title, Id, Language), the headline (first non-empty line),
/// the body (paragraphs joined by "\n\n") and a trailing byline ("By Jane Doe", "• Jane Doe",
/// "— Jane Doe") that becomes the author. Problems (bad date, invalid UTF-8) go to the sink;
/// origin, id fallback and size checks are the caller's. Never throws for bad text.
[[nodiscard]] Article parse_plaintext(std::string text, const SourceLocation& where,
                                      const ProblemSink& sink);

/// An ArticleSource over one plain-text file: at most one article.
class PlaintextReader : public ArticleSource {
public:
    /// @param file_name   used in problems and Article::origin
    /// @param default_id  the id when the text has no Id or URL header (the file's path
    ///                    relative to the directory named on the command line); when empty,
    ///                    a hash of title and body is used
    PlaintextReader(std::unique_ptr<InputStream> input, std::string file_name,
                    std::string default_id, const ReaderOptions& options, ProblemSink sink);

    std::optional<Article> next() override;

private:
    std::unique_ptr<InputStream> m_input;
    std::string m_file;
    std::string m_default_id;
    std::size_t m_max_bytes;
    ProblemSink m_sink;
    bool m_done = false;
};

} // namespace newsdex::corpus
