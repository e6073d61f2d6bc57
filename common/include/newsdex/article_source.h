/// @file
/// @brief The interface every input reader implements, and how readers report bad records.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "newsdex/article.h"

namespace newsdex {

/// Why a record (or a whole file) could not be taken as it was.
enum class ProblemKind {
    malformed_record, ///< not parseable (bad JSON, broken SGML …)
    invalid_utf8,     ///< bytes repaired with U+FFFD (the article is still indexed)
    missing_body,     ///< neither title nor body: nothing to index
    too_large,        ///< over --max-article-bytes
    binary_data,      ///< NUL bytes or other signs of a non-text file
    empty_file,
    truncated_gzip,
    unreadable_file,
    bad_date,  ///< the date could not be read; the article is still indexed
    nul_bytes, ///< stray NUL bytes in a text article, replaced with U+FFFD (still indexed)
};

/// Human-readable name of a problem kind, used in summaries ("malformed record").
std::string to_string(ProblemKind kind);

/// True when the record was dropped; false when it was repaired or kept (bad date, bad UTF-8).
bool is_rejection(ProblemKind kind);

/// True when the problem is one record read and dropped (a bad line), not a whole file lost.
bool is_rejected_record(ProblemKind kind);

/// One problem with the input, at a place.
struct Problem {
    ProblemKind kind;
    SourceLocation where;
    std::string message; ///< lower case, no trailing period, e.g. "expected ',' or '}'"
};

/// How many problems of each kind a run met, and how many records they cost.
struct ProblemCounts {
    std::map<ProblemKind, std::uint64_t> by_kind;
    std::uint64_t rejected = 0;         ///< records dropped (is_rejection)
    std::uint64_t rejected_records = 0; ///< of those, records that were read (is_rejected_record)
    void count(const Problem& problem);
};

/// Receives problems as readers find them. Never null inside a reader.
using ProblemSink = std::function<void(const Problem&)>;

/// A stream of articles. Implementations read lazily, one article at a time, so that memory
/// stays bounded whatever the size of the input.
class ArticleSource {
public:
    virtual ~ArticleSource() = default;
    /// The next article, or nullopt at the end. Bad records are reported to the sink given at
    /// construction and skipped; next() only throws for errors that end the whole source.
    virtual std::optional<Article> next() = 0;

    /// How much of the input has been read, from 0 to 1, when the source knows its size
    /// (files, not stdin). May be called from another thread than next().
    virtual std::optional<double> fraction_read() const { return std::nullopt; }
};

} // namespace newsdex
