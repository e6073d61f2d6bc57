#include "newsdex/analysis/gazetteer.h"

#include <algorithm>
#include <tuple>

#include "gazetteer_internal.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/analysis/stopwords.h"
#include "newsdex/ascii.h"

// The lookup side of the gazetteer: name keys, ranking and the read-only tables. Building
// the tables is gazetteer_loader.cpp; the binary cache they travel through is
// gazetteer_cache.cpp.

namespace newsdex::analysis {

namespace detail {
const char* const lookup_build_stamp = __DATE__ " " __TIME__;
} // namespace detail

namespace {

const std::vector<const Place*> no_places;

/// A common-word name counts only when written as a name: "Nice" or "NICE", not "nice";
/// very short keys need all capitals, since "Us" and "Of" start sentences.
bool capitalised_enough(std::string_view surface, std::size_t key_length) {
    // name_key() drops a leading "the", so "the Gulf" is judged by "Gulf".
    surface = trim(surface);
    if (surface.size() > 4 && (surface[0] == 't' || surface[0] == 'T') &&
        (surface[1] == 'h' || surface[1] == 'H') && (surface[2] == 'e' || surface[2] == 'E') &&
        is_space(surface[3])) {
        surface = trim(surface.substr(4));
    }
    bool first = true;
    for (char ch : surface) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80) {
            return true; // non-ASCII letter: no cheap case test, give it the benefit
        }
        const bool lower = c >= 'a' && c <= 'z';
        if (!lower && !(c >= 'A' && c <= 'Z')) {
            continue;
        }
        if (lower && (first || key_length <= 2)) {
            return false;
        }
        first = false;
    }
    return !first;
}

int kind_rank(PlaceKind kind) {
    switch (kind) {
    case PlaceKind::country:
        return 6;
    case PlaceKind::region:
        return 5;
    case PlaceKind::sea:
        return 4;
    case PlaceKind::district:
        return 3;
    case PlaceKind::city:
        return 2;
    case PlaceKind::subdivision:
        return 1;
    case PlaceKind::other:
        return 0;
    }
    return 0;
}

} // namespace

std::string_view to_string(PlaceKind kind) {
    switch (kind) {
    case PlaceKind::country:
        return "country";
    case PlaceKind::subdivision:
        return "subdivision";
    case PlaceKind::city:
        return "city";
    case PlaceKind::district:
        return "district";
    case PlaceKind::region:
        return "region";
    case PlaceKind::sea:
        return "sea";
    case PlaceKind::other:
        return "other";
    }
    return "other";
}

std::string name_key(std::string_view surface) {
    const std::string folded = fold(surface);
    std::string out;
    out.reserve(folded.size());
    bool pending_space = false;
    auto put = [&](char c) {
        if (pending_space && !out.empty()) {
            out += ' ';
        }
        pending_space = false;
        out += c;
    };
    for (std::size_t i = 0; i < folded.size(); ++i) {
        const auto c = static_cast<unsigned char>(folded[i]);
        const auto next = i + 1 < folded.size() ? static_cast<unsigned char>(folded[i + 1]) : 0;
        const auto third = i + 2 < folded.size() ? static_cast<unsigned char>(folded[i + 2]) : 0;
        if (is_space(static_cast<char>(c)) || c == '-' || c == '/' || c == '_') {
            pending_space = true;
        } else if (c == '.' || c == ',') {
            // "U.S." = "US", "St. Petersburg" = "St Petersburg".
        } else if (c == '`') {
            put('\'');
        } else if (c == 0xE2 && next == 0x80 && third >= 0x90 && third <= 0x95) {
            pending_space = true; // U+2010..U+2015 hyphens and dashes
            i += 2;
        } else if (c == 0xE2 && next == 0x80 && (third == 0x98 || third == 0x99)) {
            put('\''); // U+2018/U+2019 typographic apostrophes
            i += 2;
        } else if (c == 0xCA && (next == 0xBB || next == 0xBC)) {
            put('\''); // U+02BB/U+02BC modifier-letter apostrophes (transliterations)
            i += 1;
        } else {
            put(static_cast<char>(c));
        }
    }
    constexpr std::string_view the = "the ";
    if (out.size() > the.size() && out.compare(0, the.size(), the) == 0) {
        out.erase(0, the.size());
    }
    return out;
}

const std::vector<const Place*>& Gazetteer::candidates(std::string_view key) const {
    const std::uint32_t i = m_place_keys.find(key);
    return i == detail::NameTable::npos ? no_places : m_candidates[i];
}

const Place* Gazetteer::resolve(std::string_view surface,
                                const std::vector<std::string>& context) const {
    const std::string key = name_key(surface);
    if (m_common_words.count(key) != 0 && !capitalised_enough(surface, key.size())) {
        return nullptr;
    }
    const auto& list = candidates(key);
    if (list.size() <= 1) {
        return list.empty() ? nullptr : list.front();
    }
    const bool has_area =
        std::any_of(list.begin(), list.end(), [](const Place* p) { return is_area(p->kind); });
    auto in_context = [&context](const std::string& code) {
        return !code.empty() && std::find(context.begin(), context.end(), code) != context.end();
    };
    auto score = [&](const Place* p) {
        int ctx = 0;
        if (!(has_area && p->kind == PlaceKind::city)) {
            ctx = in_context(p->subdivision_code) ? 2 : in_context(p->country_code) ? 1 : 0;
        }
        const int group = is_area(p->kind) || p->kind == PlaceKind::district ? 1 : 0;
        return std::make_tuple(ctx, group, kind_rank(p->kind), p->population);
    };
    const Place* best = nullptr;
    for (const Place* p : list) {
        if (best == nullptr) {
            best = p;
            continue;
        }
        const auto a = score(p);
        const auto b = score(best);
        // Ties go to the smaller country code, then name, so results never depend on order.
        if (a > b || (a == b && std::tie(p->country_code, p->name) <
                                    std::tie(best->country_code, best->name))) {
            best = p;
        }
    }
    return best;
}

const Place* Gazetteer::resolve_dateline(std::string_view dateline) const {
    dateline = trim(dateline);
    const auto head_end = dateline.find_first_of(",(/");
    const auto dash = dateline.find(" -");
    const std::string_view head = trim(dateline.substr(0, std::min(head_end, dash)));
    if (head.empty()) {
        return nullptr;
    }
    std::vector<std::string> context;
    if (head_end != std::string_view::npos && dateline[head_end] == ',') {
        std::string_view rest = dateline.substr(head_end + 1);
        rest = trim(rest.substr(0, rest.find_first_of(",(")));
        // By name only: "Va." is Virginia here, not the Vatican's code.
        for (const Place* p : candidates(name_key(rest))) {
            if (p->kind == PlaceKind::subdivision || p->kind == PlaceKind::country) {
                context.push_back(p->country_code);
                context.push_back(p->subdivision_code);
            }
        }
    }
    return resolve(head, context);
}

const Country* Gazetteer::country(std::string_view code_or_name) const {
    for (const Place* p : candidates(name_key(code_or_name))) {
        if (p->kind == PlaceKind::country) {
            return m_country_by_code.at(p->country_code);
        }
    }
    const std::string_view code = trim(code_or_name);
    if ((code.size() == 2 || code.size() == 3) && std::all_of(code.begin(), code.end(), is_alpha)) {
        const auto it = m_country_by_code.find(upper_ascii(code));
        if (it != m_country_by_code.end()) {
            return it->second;
        }
    }
    return nullptr;
}

const Country* Gazetteer::country_for_demonym(std::string_view word) const {
    const auto it = m_country_by_demonym.find(name_key(word));
    return it == m_country_by_demonym.end() ? nullptr : it->second;
}

std::optional<ActorAlias> Gazetteer::actor_alias(std::string_view surface, bool case_tells) const {
    const auto it = m_aliases.find(name_key(surface));
    if (it == m_aliases.end()) {
        return std::nullopt;
    }
    // Where case tells nothing, an exact alias that is also an English function word ("WHO",
    // "IS") is read as the word; one that is not ("UN", "FED") still names its actor.
    const auto function_word = [&] {
        std::string folded(trim(surface));
        std::transform(folded.begin(), folded.end(), folded.begin(), to_lower);
        return is_stopword(folded);
    };
    for (const AliasEntry& e : it->second) {
        if (!e.exact || (e.surface == trim(surface) && (case_tells || !function_word()))) {
            return e.alias;
        }
    }
    return std::nullopt;
}

bool Gazetteer::is_common_word(std::string_view key) const {
    return m_common_words.count(std::string(key)) != 0;
}

bool Gazetteer::is_prefix(std::string_view key) const {
    return m_prefixes.find(key) != detail::NameTable::npos;
}

namespace detail {

NameTable::NameTable(const std::vector<std::string_view>& keys) {
    std::size_t chars = 0;
    for (const std::string_view key : keys) {
        chars += key.size();
    }
    m_chars.reserve(chars);
    m_ends.reserve(keys.size());
    for (const std::string_view key : keys) {
        m_chars += key;
        m_ends.push_back(static_cast<std::uint32_t>(m_chars.size()));
    }
    std::size_t slots = 16;
    while (slots < keys.size() * 2) { // load factor at most 1/2: short probe runs
        slots *= 2;
    }
    m_slots.assign(slots, npos);
    const std::size_t mask = slots - 1;
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
        std::size_t slot = detail::gazetteer_hash(keys[i]) & mask;
        while (m_slots[slot] != npos) {
            slot = (slot + 1) & mask;
        }
        m_slots[slot] = i;
    }
}

std::uint32_t NameTable::find(std::string_view key) const {
    if (m_slots.empty()) {
        return npos;
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = detail::gazetteer_hash(key) & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t i = m_slots[slot];
        if (i == npos || this->key(i) == key) {
            return i;
        }
    }
}

} // namespace detail

} // namespace newsdex::analysis
