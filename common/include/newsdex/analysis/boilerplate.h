/// @file
/// @brief The parts of an article body that are not the story: boilerplate lines ("More news:",
///        "Read more", "Related:", "Click here", "Subscribe", copyright and credit lines), the
///        byline, and the dateline at the start of the body. No tagger or gazetteer needed.
///
/// A boilerplate line counts only when it starts a paragraph with a capital, so hard-wrapped
/// wire text ("…investors who\nsubscribe to…") is safe. Credit lines, captions and source tags
/// also count inside a paragraph (inline_furniture()). EntityExtractor blanks these lines
/// before tagging, so nothing in them becomes an entity or a date, and returns their byte
/// ranges so that snippets can skip them too.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::analysis {

/// The result of scanning a body for boilerplate lines (see BoilerplateScan::scan()).
struct BoilerplateScan {
    /// Byte ranges [first, second) of body lines, or parts of lines (inline_furniture()), that
    /// are not the story (newline excluded); sorted.
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    /// Author from a byline line ("• Adam Floyd", "By Jane Doe, Reuters"), or empty.
    std::string byline;

    /// Finds the boilerplate lines and the byline of a body. The byline is the last line that
    /// is neither blank nor other boilerplate when it is marked by a bullet, dash or "By";
    /// else a first line starting with "By".
    static BoilerplateScan scan(std::string_view body);
};

/// Furniture anywhere in a paragraph: credit lines ("(Reporting by …; Editing by …)",
/// "Additional reporting by …", "Compiled by …"), captions and links ("Photo:", "File Photo",
/// "Slideshow", "Click here", "Watch:") up to the end of their line or closing parenthesis.
/// Byte ranges [first, second), in body order. BoilerplateScan::scan() includes them.
std::vector<std::pair<std::size_t, std::size_t>> inline_furniture(std::string_view body);

/// Source tags before a dash, as datelines carry them: "LONDON (Reuters) -", "(AFP) —": one to
/// four capitalised words in parentheses. Byte ranges [first, second) of the parentheses. Not
/// boilerplate (the reader keeps seeing them), but never an entity: the source is its own facet.
std::vector<std::pair<std::size_t, std::size_t>> source_tags(std::string_view body);

/// The publisher an article comes from, as a lower-case word: its source ("reuters",
/// "BBC News" → "bbc"), else the name in its URL's host ("www.reuters.com" → "reuters").
/// Empty when neither says.
std::string publisher_key(std::string_view source, std::string_view url);

/// The place-name part of a dateline at the start of a body: "SAN FRANCISCO, March 13 -",
/// "LONDON (Reuters) -", "VIENNA — ", "FRANKFURT/NEW YORK (Reuters) -". Returns the text before
/// the dash (empty if none), which Gazetteer::resolve_dateline() reads.
std::string_view body_dateline(std::string_view body);

// Names as written: shared by the byline and by entity display names.

/// First letter upper case: ASCII A–Z or a Latin-1 capital (U+00C0–U+00DE, "Élysée").
bool starts_capitalised(std::string_view word);

/// Letters present and no ASCII lower-case letter among them: "SPD", "JEAN-YVES LE DRIAN".
bool all_caps(std::string_view text);

/// "JEAN-YVES LE DRIAN" → "Jean-Yves Le Drian": display form of a name seen only in capitals.
/// ASCII letters only; other bytes are kept.
std::string title_case(std::string_view text);

} // namespace newsdex::analysis
