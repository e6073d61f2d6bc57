#include "newsdex/analysis/boilerplate.h"

#include <algorithm>
#include <iterator>

#include "newsdex/ascii.h"

namespace newsdex::analysis {
namespace {

bool contains_ci(std::string_view s, std::string_view needle) {
    for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
        if (starts_with_nocase(s.substr(i), needle)) {
            return true;
        }
    }
    return false;
}
/// Line openings that mark text which is not the story. Matched case-insensitively at the start
/// of a paragraph, followed by a non-letter, and only when written with a capital.
constexpr std::string_view boilerplate_openings[] = {
    "more news",
    "more from",
    "read more",
    "read also",
    "also read",
    "read next",
    "related:",
    "related stories",
    "related articles",
    "related coverage",
    "related content",
    "related news",
    "related links",
    "related reading",
    "see also:",
    "click here",
    "share this",
    "share on",
    "share:",
    "subscribe",
    "follow us",
    "follow @",
    "sign up",
    "copyright",
    "all rights reserved",
    "advertisement",
    "recommended:",
    "you may also like",
    "don't miss",
    "reporting by",
    "(reporting by",
    "writing by",
    "editing by",
    "additional reporting",
};

/// Decorations before a line's first word: bullets, quote marks of e-mail, arrows, dashes.
std::string_view strip_decoration(std::string_view s) {
    for (;;) {
        s = trim(s);
        if (!s.empty() && (s[0] == '>' || s[0] == '*' || s[0] == '|' || s[0] == '-')) {
            s.remove_prefix(1);
        } else if (s.size() >= 2 &&
                   (s.substr(0, 2) == "\xC2\xBB" || s.substr(0, 2) == "\xC2\xB7")) {
            s.remove_prefix(2);                                           // » ·
        } else if (s.size() >= 3 && (s.substr(0, 3) == "\xE2\x80\xA2" ||  // •
                                     s.substr(0, 3) == "\xE2\x80\x94" ||  // —
                                     s.substr(0, 3) == "\xE2\x80\x93" ||  // –
                                     s.substr(0, 3) == "\xE2\x96\xBA")) { // ►
            s.remove_prefix(3);
        } else {
            return s;
        }
    }
}

bool is_boilerplate_line(std::string_view line) {
    const std::string_view s = strip_decoration(line);
    if (s.empty() || s.size() > 400) {
        return false;
    }
    if (s.substr(0, 2) == "\xC2\xA9") { // ©
        return true;
    }
    if (s.size() <= 200 && contains_ci(s, "all rights reserved")) {
        return true;
    }
    const bool capital = is_upper(s[0]) || (s[0] == '(' && s.size() > 1 && is_upper(s[1]));
    if (!capital) {
        return false;
    }
    for (std::string_view opening : boilerplate_openings) {
        if (starts_with_nocase(s, opening)) {
            // "Subscribe" but not "Subscribers": a whole word, unless the opening ends in
            // punctuation already ("Related:", "Follow @").
            const char next = s.size() > opening.size() ? s[opening.size()] : ' ';
            if (!is_lower(opening.back()) || !is_lower(to_lower(next))) {
                return true;
            }
        }
    }
    if (starts_with_nocase(s, "(c) ") || s == "Reuter" || s == "REUTER") {
        return true;
    }
    return false;
}

bool is_name_particle(std::string_view w) {
    static constexpr std::string_view particles[] = {
        "de", "da", "del", "della", "der", "den", "van", "von", "le",  "la",  "du",
        "di", "al", "el",  "bin",   "ibn", "y",   "and", "dos", "das", "ter", "st.",
    };
    return std::find(std::begin(particles), std::end(particles), w) != std::end(particles);
}

/// "Adam Floyd" from "• Adam Floyd", "By Jane Doe, Reuters", "BY JANE DOE in London"; empty if
/// the line is not a byline. `allow_bullet`: a bullet or dash marks a byline (only at the end).
std::string parse_byline(std::string_view line, bool allow_bullet) {
    std::string_view s = trim(line);
    const std::string_view undecorated = strip_decoration(s);
    bool marked = false;
    if (undecorated.size() != s.size()) {
        if (!allow_bullet) {
            return {};
        }
        marked = true;
        s = undecorated;
    }
    if (starts_with_nocase(s, "by ")) {
        s.remove_prefix(3);
        marked = true;
    }
    if (!marked || s.size() > 80) {
        return {};
    }
    // The name stops at an affiliation or place: ", Reuters", " in London", " (AP)", " | ".
    std::size_t stop = s.find_first_of(",(|;");
    for (std::string_view sep : {" in ", " for ", " at ", " - "}) {
        stop = std::min(stop, s.find(sep));
    }
    s = trim(s.substr(0, std::min(stop, s.size())));
    std::size_t words = 0;
    std::size_t capitalised = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = s.find(' ', i);
        if (j == std::string_view::npos) {
            j = s.size();
        }
        const std::string_view w = s.substr(i, j - i);
        if (!w.empty()) {
            ++words;
            if (starts_capitalised(w)) {
                ++capitalised;
            } else {
                std::string lower(w);
                std::transform(lower.begin(), lower.end(), lower.begin(), to_lower);
                if (!is_name_particle(lower)) {
                    return {};
                }
            }
        }
        i = j + 1;
    }
    if (capitalised < 2 || words > 6) {
        return {};
    }
    return all_caps(s) ? title_case(s) : std::string(s);
}

/// Credit and furniture markers that may stand anywhere in a paragraph, not only at its start:
/// the wires end the last paragraph with "(Reporting by …; Editing by …)", and captions and
/// slideshow links sit inside the text of pages. Matched case-insensitively but only when
/// written with a capital, after the start of a line, "(", ";" or the end of a sentence.
constexpr std::string_view inline_credit_markers[] = {
    "reporting by", "additional reporting",
    "writing by",   "editing by",
    "compiled by",  "reporting and writing by",
    "photo:",       "photos:",
    "file photo",   "slideshow",
    "click here",   "watch:",
    "video:",       "graphic:",
    "picture:",
};

/// Whether the text before `at` leaves room for furniture: a line start, an open parenthesis,
/// a semicolon or the end of a sentence.
bool furniture_may_start(std::string_view body, std::size_t at) {
    std::size_t i = at;
    while (i > 0 && (body[i - 1] == ' ' || body[i - 1] == '\t')) {
        --i;
    }
    if (i == 0) {
        return true;
    }
    const char before = body[i - 1];
    return before == '\n' || before == '(' || before == ';' || before == '.' || before == '!' ||
           before == '?' || before == '"' || before == '|';
}

/// Where a piece of furniture starting at `at` ends: at the parenthesis that closes an open one
/// before it (the credit line may wrap), else at the end of its line.
std::size_t furniture_end(std::string_view body, std::size_t at, bool in_parenthesis) {
    if (in_parenthesis) {
        const std::size_t close = body.find(')', at);
        if (close != std::string_view::npos && close - at <= 400) {
            return close + 1;
        }
    }
    const std::size_t eol = body.find('\n', at);
    std::size_t end = eol == std::string_view::npos ? body.size() : eol;
    if (end > at && body[end - 1] == '\r') {
        --end;
    }
    return end;
}

/// A parenthesised source tag before a dash: "LONDON (Reuters) -", "(AFP) —". One to four
/// words, each capitalised. Returns the end of the closing parenthesis, or npos.
std::size_t source_tag_end(std::string_view body, std::size_t open) {
    const std::size_t close = body.find(')', open);
    if (close == std::string_view::npos || close - open < 3 || close - open > 40) {
        return std::string_view::npos;
    }
    const std::string_view inside = body.substr(open + 1, close - open - 1);
    if (inside.find('\n') != std::string_view::npos || !starts_capitalised(inside)) {
        return std::string_view::npos;
    }
    std::size_t words = 1;
    for (std::size_t i = 0; i < inside.size(); ++i) {
        if (inside[i] == ' ') {
            ++words;
            if (i + 1 < inside.size() && !starts_capitalised(inside.substr(i + 1)) &&
                !is_digit(inside[i + 1])) {
                return std::string_view::npos;
            }
        }
    }
    if (words > 4) {
        return std::string_view::npos;
    }
    std::string_view after = body.substr(close + 1, 8);
    while (!after.empty() && after[0] == ' ') {
        after.remove_prefix(1);
    }
    const bool dash = !after.empty() && (after[0] == '-' || after.substr(0, 3) == "\xE2\x80\x94" ||
                                         after.substr(0, 3) == "\xE2\x80\x93");
    return dash ? close + 1 : std::string_view::npos;
}

} // namespace

std::vector<std::pair<std::size_t, std::size_t>> inline_furniture(std::string_view body) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t covered = 0; // furniture never overlaps: skip what a range already holds
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (i < covered) {
            continue;
        }
        const char c = body[i];
        if (!is_upper(c) || (i > 0 && (is_upper(body[i - 1]) || is_lower(body[i - 1])))) {
            continue;
        }
        for (const std::string_view marker : inline_credit_markers) {
            if (!starts_with_nocase(body.substr(i), marker)) {
                continue;
            }
            const char next = i + marker.size() < body.size() ? body[i + marker.size()] : ' ';
            if ((is_lower(marker.back()) && (is_lower(to_lower(next)))) ||
                !furniture_may_start(body, i)) {
                continue;
            }
            std::size_t from = i;
            while (from > 0 && body[from - 1] == ' ') {
                --from;
            }
            const bool in_parenthesis = from > 0 && body[from - 1] == '(';
            from = in_parenthesis ? from - 1 : i;
            const std::size_t end = furniture_end(body, i, in_parenthesis);
            out.emplace_back(from, end);
            covered = end;
            break;
        }
    }
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> source_tags(std::string_view body) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = body.find('('); i != std::string_view::npos; i = body.find('(', i + 1)) {
        const std::size_t end = source_tag_end(body, i);
        if (end != std::string_view::npos) {
            out.emplace_back(i, end);
        }
    }
    return out;
}

std::string publisher_key(std::string_view source, std::string_view url) {
    std::string_view name = trim(source);
    if (name.empty()) {
        // "http://www.reuters.com/article/…" → "reuters": the label before the public suffix.
        std::size_t from = url.find("://");
        from = from == std::string_view::npos ? 0 : from + 3;
        std::string_view host = url.substr(from, url.find('/', from) - from);
        host = host.substr(0, host.find(':'));
        for (const std::string_view prefix : {"www.", "news.", "uk.", "www2."}) {
            if (host.substr(0, prefix.size()) == prefix) {
                host.remove_prefix(prefix.size());
            }
        }
        name = host.substr(0, host.find('.'));
    }
    std::string key;
    for (char c : name) {
        if (is_upper(c) || is_lower(c) || is_digit(c)) {
            key += to_lower(c);
        } else {
            break; // "reuters-21578", "bbc news": the first word names the publisher
        }
    }
    return key;
}

/// First letter upper case: ASCII A–Z or a Latin-1 capital (U+00C0–U+00DE, "Élysée").
bool starts_capitalised(std::string_view w) {
    if (w.empty()) {
        return false;
    }
    const auto c = static_cast<unsigned char>(w[0]);
    if (c == 0xC3 && w.size() > 1) {
        const auto n = static_cast<unsigned char>(w[1]);
        return n >= 0x80 && n <= 0x9E && n != 0x97;
    }
    return is_upper(static_cast<char>(c));
}

/// Letters present and no ASCII lower-case letter among them.
bool all_caps(std::string_view s) {
    bool letter = false;
    for (char c : s) {
        if (is_lower(c)) {
            return false;
        }
        letter = letter || is_upper(c);
    }
    return letter;
}

/// "JEAN-YVES LE DRIAN" → "Jean-Yves Le Drian": display form of a name seen only in capitals.
std::string title_case(std::string_view s) {
    std::string out(s);
    bool word_start = true;
    for (char& c : out) {
        if (is_upper(c) || is_lower(c)) {
            c = word_start ? to_upper(c) : to_lower(c);
            word_start = false;
        } else {
            word_start = c != '\'' && static_cast<unsigned char>(c) < 0x80;
        }
    }
    return out;
}

BoilerplateScan BoilerplateScan::scan(std::string_view body) {
    BoilerplateScan out;
    struct Line {
        std::size_t start, end;
    };
    std::vector<Line> lines;
    for (std::size_t i = 0; i <= body.size();) {
        std::size_t j = body.find('\n', i);
        if (j == std::string_view::npos) {
            j = body.size();
        }
        std::size_t e = j;
        if (e > i && body[e - 1] == '\r') {
            --e;
        }
        lines.push_back({i, e});
        i = j + 1;
    }
    auto text = [&](const Line& l) { return body.substr(l.start, l.end - l.start); };
    auto blank = [&](const Line& l) { return trim(text(l)).empty(); };
    std::vector<bool> marked(lines.size(), false);

    // A line starts a paragraph when the text before it ended one: wrapped wire text goes on
    // mid-sentence, and there "subscribe" or "copyright" is just a word.
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (blank(lines[k])) {
            continue;
        }
        bool paragraph_start = k == 0 || blank(lines[k - 1]) || marked[k - 1];
        if (!paragraph_start) {
            const std::string_view prev = trim(text(lines[k - 1]));
            const char last = prev.empty() ? '.' : prev.back();
            paragraph_start = last == '.' || last == '!' || last == '?' || last == ':' ||
                              last == '"' || last == ')' ||
                              static_cast<unsigned char>(last) >= 0x80;
        }
        if (paragraph_start && is_boilerplate_line(text(lines[k]))) {
            marked[k] = true;
        }
    }

    // The byline: the last line that is neither blank nor other boilerplate; else "By …" first.
    for (std::size_t k = lines.size(); k-- > 0;) {
        if (blank(lines[k]) || marked[k]) {
            continue;
        }
        std::string name = parse_byline(text(lines[k]), true);
        if (!name.empty()) {
            out.byline = std::move(name);
            marked[k] = true;
        }
        break;
    }
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (blank(lines[k])) {
            continue;
        }
        if (!marked[k]) {
            std::string name = parse_byline(text(lines[k]), false);
            if (!name.empty()) {
                marked[k] = true;
                if (out.byline.empty()) {
                    out.byline = std::move(name);
                }
            }
        }
        break;
    }
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (marked[k]) {
            out.ranges.emplace_back(lines[k].start, lines[k].end);
        }
    }
    // Furniture inside lines the line rule kept: credit lines ending a paragraph, source tags.
    std::vector<std::pair<std::size_t, std::size_t>> whole_lines = out.ranges;
    for (const auto& part : inline_furniture(body)) {
        const bool inside_marked =
            std::any_of(whole_lines.begin(), whole_lines.end(), [&](const auto& r) {
                return r.first <= part.first && part.second <= r.second;
            });
        if (!inside_marked) {
            out.ranges.push_back(part);
        }
    }
    std::sort(out.ranges.begin(), out.ranges.end());
    return out;
}

std::string_view body_dateline(std::string_view body) {
    std::size_t i = 0;
    while (i < body.size() && is_space(body[i])) {
        ++i;
    }
    const std::string_view line = body.substr(i, std::min(body.find('\n', i), body.size()) - i);
    const std::string_view window = line.substr(0, std::min<std::size_t>(line.size(), 120));
    std::size_t dash = std::string_view::npos;
    for (std::string_view sep : {" - ", " -- ", "\xE2\x80\x94", "\xE2\x80\x93"}) {
        dash = std::min(dash, window.find(sep));
    }
    if (dash == std::string_view::npos || dash == 0) {
        return {};
    }
    const std::string_view before = trim(window.substr(0, dash));
    const std::string_view head = trim(before.substr(0, before.find_first_of(",(")));
    if (head.size() < 2 || head.size() > 40 || !all_caps(head)) {
        return {};
    }
    for (char c : head) {
        const bool ok = is_upper(c) || c == ' ' || c == '.' || c == '\'' || c == '-' || c == '/' ||
                        static_cast<unsigned char>(c) >= 0x80;
        if (!ok) {
            return {};
        }
    }
    return before;
}

} // namespace newsdex::analysis
