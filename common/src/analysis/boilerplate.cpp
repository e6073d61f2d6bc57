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
    "more news",      "more from",        "read more",        "read also",
    "also read",      "read next",        "related:",         "related stories",
    "related articles", "related coverage", "related content", "related news",
    "related links",  "related reading",  "see also:",        "click here",
    "share this",     "share on",         "share:",           "subscribe",
    "follow us",      "follow @",         "sign up",          "copyright",
    "all rights reserved", "advertisement", "recommended:",   "you may also like",
    "don't miss",     "reporting by",     "(reporting by",    "writing by",
    "editing by",     "additional reporting",
};

/// Decorations before a line's first word: bullets, quote marks of e-mail, arrows, dashes.
std::string_view strip_decoration(std::string_view s) {
    for (;;) {
        s = trim(s);
        if (!s.empty() && (s[0] == '>' || s[0] == '*' || s[0] == '|' || s[0] == '-')) {
            s.remove_prefix(1);
        } else if (s.size() >= 2 &&
                   (s.substr(0, 2) == "\xC2\xBB" || s.substr(0, 2) == "\xC2\xB7")) {
            s.remove_prefix(2); // » ·
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
        "de", "da", "del", "della", "der", "den", "van", "von", "le", "la", "du",
        "di", "al", "el", "bin", "ibn", "y", "and", "dos", "das", "ter", "st.",
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

} // namespace

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
        const bool ok = is_upper(c) || c == ' ' || c == '.' || c == '\'' || c == '-' ||
                        static_cast<unsigned char>(c) >= 0x80;
        if (!ok) {
            return {};
        }
    }
    return before;
}

} // namespace newsdex::analysis
