/// @file
/// @brief The article model every reader yields and every later stage consumes.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

/// A point in time, with the UTC offset the source gave it (so that a "6:15pm EDT"
/// article is still shown as published at 18:15 local time if wanted).
struct Timestamp {
    std::int64_t unix_seconds = 0;       ///< seconds since 1970-01-01T00:00:00Z
    std::int32_t utc_offset_minutes = 0; ///< offset of the original local time from UTC

    friend bool operator==(const Timestamp& a, const Timestamp& b) {
        return a.unix_seconds == b.unix_seconds && a.utc_offset_minutes == b.utc_offset_minutes;
    }
};

/// Where a record came from, for messages: `file:line` (line 0 when unknown).
struct SourceLocation {
    std::string file;
    std::uint64_t line = 0;
};

/// One news article, as read from any input format. All text is valid UTF-8.
struct Article {
    std::string id; ///< unique within the archive; never empty once read
    std::string url;
    std::string title;
    std::string body;
    std::string source; ///< publisher or feed, e.g. "reuters"
    std::string author;
    std::string language; ///< ISO 639-1 code, e.g. "en"; empty = use the default
    std::string dateline; ///< "SAN FRANCISCO, March 13 -" when the format keeps it apart
    std::optional<Timestamp> published;
    std::string published_text; ///< the date as given, kept when it could not be parsed
    /// Categories the source itself assigned (Reuters-21578 TOPICS, PLACES, PEOPLE, ORGS),
    /// by category name. Kept for evaluation; not indexed.
    std::map<std::string, std::vector<std::string>> labels;
    bool deleted = false; ///< a tombstone record: remove this id
    /// When the archive first held this version of the article (unix seconds): set only by
    /// --reanalyse, which keeps it, so that a saved search's --new does not see every article
    /// of a re-analysed archive as new. Empty: now.
    std::optional<double> indexed_time;
    SourceLocation origin;
};

} // namespace newsdex
