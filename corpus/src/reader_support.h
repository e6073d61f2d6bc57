/// @file
/// @brief Helpers the readers share: trimming, ids, authors, dates and the final checks.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "newsdex/article_source.h"
#include "newsdex/ascii.h"

namespace newsdex::corpus::detail {

/// Runs of ASCII whitespace become one space; the ends are trimmed.
[[nodiscard]] std::string collapse_whitespace(std::string_view text);

/// "By  Linda Sieg" → "Linda Sieg": whitespace collapsed, a leading "By " dropped.
[[nodiscard]] std::string clean_author(std::string_view text);

/// "en-US" → "en": the first two letters, lower-cased.
[[nodiscard]] std::string language_code(std::string_view text);

/// "h:" + 16 hex digits of FNV-1a 64 over title, a NUL byte, and body.
[[nodiscard]] std::string hash_id(std::string_view title, std::string_view body);

/// Parses `text` into article.published; when it cannot be read, keeps it in published_text
/// and reports ProblemKind::bad_date at article.origin (at `line` instead, when not 0). Blank
/// text is no date at all.
void set_published(Article& article, std::string_view text, const ProblemSink& sink,
                   std::uint64_t line = 0);

/// The day a record was filed under (a folder date such as "20061020"), for a record without a
/// readable publication date: it becomes article.published. Unreadable, it is reported as
/// ProblemKind::bad_date unless the publication date already was.
void set_filed_date(Article& article, std::string_view text, const ProblemSink& sink);

/// The last steps every reader takes: the id falls back to the url, then to hash_id(); an
/// article without title and body (not a tombstone) is reported as missing_body, one over
/// `max_bytes` of title+body as too_large. @return false when the article must be dropped.
/// With `keep_empty`, an article without title and body is kept (see the Reuters reader).
[[nodiscard]] bool finish_article(Article& article, std::size_t max_bytes, const ProblemSink& sink,
                                  bool keep_empty = false);

/// True when `sample` (the first KiB of a file, decompressed) is not text: a known binary
/// signature (PDF, PNG, JPEG, GIF, ZIP, ELF, UTF-16/32 byte order marks), or
/// control bytes (NUL and C0 other than white space and ESC) in more than a tenth of it. A text
/// file with a stray NUL or two is text: the readers judge those record by record.
[[nodiscard]] bool looks_binary(std::string_view sample);

/// How many bytes of raw input one record (a JSON line, an SGML record) may take before it is
/// rejected as too large without being collected: escapes make the raw text of an article
/// longer than the article (JSON's \u0439 is 6 bytes for 2), by at most `expansion`, and a
/// record holds metadata too. 0 (no limit) when max_article_bytes is 0.
[[nodiscard]] constexpr std::size_t raw_record_limit(std::size_t max_article_bytes,
                                                     std::size_t expansion) {
    return max_article_bytes == 0 ? 0 : expansion * max_article_bytes + (std::size_t{1} << 20);
}

/// Reports a problem at `file:line`.
void report(const ProblemSink& sink, ProblemKind kind, const std::string& file, std::uint64_t line,
            std::string message);

} // namespace newsdex::corpus::detail
