/// @file
/// @brief JSON Lines reader: one article object a line, common field names understood.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "newsdex/article_source.h"
#include "newsdex/corpus/input_stream.h"
#include "newsdex/corpus/open_source.h"

namespace newsdex::corpus {

/// Reads one JSON object a line (see corpus/FORMATS.md for the field names it accepts).
/// Blank lines are skipped; a line that is not a JSON object is reported as
/// ProblemKind::malformed_record and skipped; invalid UTF-8 is repaired and reported.
class JsonlReader : public ArticleSource {
public:
    /// @param file_name  used in problems and Article::origin
    JsonlReader(std::unique_ptr<InputStream> input, std::string file_name,
                const ReaderOptions& options, ProblemSink sink);
    ~JsonlReader() override;

    std::optional<Article> next() override;

private:
    struct Fields;
    std::unique_ptr<InputStream> m_input;
    std::string m_file;
    std::unique_ptr<Fields> m_fields;
    std::size_t m_max_bytes;
    ProblemSink m_sink;
    std::string m_line;
    std::uint64_t m_line_no = 0;
    bool m_saw_record = false;
    bool m_finished = false;
};

} // namespace newsdex::corpus
