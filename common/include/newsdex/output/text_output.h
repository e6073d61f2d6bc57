/// @file
/// @brief SearchResult → text for people: aligned, with highlighted snippets.
#pragma once
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/search/result.h"

namespace newsdex::output {

struct TextStyle {
    bool color = false; ///< ANSI bold for highlights, dim for metadata (a terminal, no NO_COLOR)
    /// Columns to wrap snippets at, indented under their hit; 0 = one line each (piped).
    std::size_t width = 0;
};

/// --color: auto colours only a terminal, and only when NO_COLOR is unset or empty
/// (https://no-color.org); always and never are what the user asked, NO_COLOR or not.
/// `text` safe to print on a terminal: control characters other than tab and newline (ESC,
/// CR, the C1 controls such as CSI U+009B, DEL) and bytes that are not UTF-8 become visible
/// placeholders (^[ for ESC, ^M for CR, U+FFFD for the others), so that an article cannot
/// move the cursor, retitle the window or hide text. Used for every value that comes from
/// articles or queries, whether or not stdout is a terminal (text output gets piped to `less -R`).
[[nodiscard]] std::string printable(std::string_view text);

/// Columns that UTF-8 text takes on a terminal (code points), for aligning tables.
std::size_t display_width(std::string_view text);

enum class ColorMode { automatic, always, never };

/// Parses "auto", "always", "never"; throws UsageError naming --color.
ColorMode parse_color_mode(std::string_view name);

/// Whether stdout gets ANSI colour under `mode`.
bool stdout_wants_color(ColorMode mode = ColorMode::automatic);

/// The terminal's width when stdout is a terminal ($COLUMNS if set, else the terminal's own),
/// else 0: text for people wraps on a terminal only, so that piped output stays one line a hit.
std::size_t stdout_terminal_width();

/// How stdout is styled under `mode`: colour and width as the two functions above say.
TextStyle stdout_style(ColorMode mode);

/// Warnings (unknown facet values, partial shards …) are not written here: they are
/// diagnostics, for stderr (see cli::report_warnings).
void write_text(std::ostream& out, const search::SearchResult& result, const TextStyle& style);

/// write_text's three parts, for output written page by page (--all): the interpretation and
/// match line ("showing all" when streaming), the hits (ranks aligned for ranks up to
/// last_rank), and the facet and histogram tables.
void write_text_header(std::ostream& out, const search::SearchResult& result, bool streaming);
void write_text_hits(std::ostream& out, const std::vector<search::Hit>& hits, std::size_t last_rank,
                     const TextStyle& style);
void write_text_tables(std::ostream& out, const search::SearchResult& result,
                       const TextStyle& style);

/// A whole article (--show): its title, a line each for date, source, author, URL, id,
/// language and every facet with values, a blank line, then the body: wrapped to
/// style.width on a terminal, byte for byte as stored when piped (width 0).
void write_article(std::ostream& out, const search::FullArticle& article, const TextStyle& style);

} // namespace newsdex::output
