/// @file
/// @brief Reuters-21578 SGML reader: many `<REUTERS>` records a file, streamed one at a time.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/article_source.h"
#include "newsdex/corpus/input_stream.h"
#include "newsdex/corpus/open_source.h"

namespace newsdex::corpus {

/// Decodes Reuters-21578 text: bytes that are not UTF-8 are read as Latin-1, the entities
/// `&lt; &gt; &amp; &quot; &apos;` and `&#NN;` / `&#xNN;` are decoded, and control characters
/// other than '\n' and '\t' (including DEL) are dropped. Unknown entities are kept as written.
[[nodiscard]] std::string decode_sgml_text(std::string_view raw);

/// Reads the records of one Reuters-21578 file (reut2-NNN.sgm) in order, holding one record
/// at a time. NEWID is the id; DATE, TITLE, DATELINE, AUTHOR and BODY (or, without BODY, the
/// rest of TEXT) fill the article; TOPICS, PLACES, PEOPLE, ORGS and EXCHANGES become labels.
class ReutersSgmlReader : public ArticleSource {
public:
    /// @param file_name  used in problems and Article::origin
    ReutersSgmlReader(std::unique_ptr<InputStream> input, std::string file_name,
                      const ReaderOptions& options, ProblemSink sink);

    std::optional<Article> next() override;

private:
    std::optional<Article> parse_record(const std::string& record, std::uint64_t line);

    std::unique_ptr<InputStream> m_input;
    std::string m_file;
    std::size_t m_max_bytes;
    ProblemSink m_sink;
    std::string m_line;
    std::string m_record;        // the record being collected, from "<REUTERS" on
    std::size_t m_line_pos = 0;  // where m_line is still to be looked at
    bool m_line_pending = false; // m_line has text after m_line_pos
    bool m_oversized = false;    // the record outgrew any real one: drop it at its end
    std::uint64_t m_line_no = 0;
    std::uint64_t m_record_line = 0;
    bool m_in_record = false;
    bool m_saw_record = false;
    bool m_finished = false;
};

} // namespace newsdex::corpus
