#include "newsdex/analysis/name_forms.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

#include "newsdex/analysis/boilerplate.h"
#include "newsdex/analysis/gazetteer.h"
#include "newsdex/analysis/stopwords.h"
#include "newsdex/ascii.h"

namespace newsdex::analysis {
namespace {

/// Words separated by spaces (names come from display(), which collapses whitespace).
std::vector<std::string_view> words_of(std::string_view name) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < name.size()) {
        while (i < name.size() && is_space(name[i])) {
            ++i;
        }
        const std::size_t start = i;
        while (i < name.size() && !is_space(name[i])) {
            ++i;
        }
        if (i > start) {
            out.push_back(name.substr(start, i - start));
        }
    }
    return out;
}

std::string join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        if (!out.empty()) {
            out += ' ';
        }
        out.append(words[i]);
    }
    return out;
}

template <std::size_t N>
bool in(const std::string_view (&list)[N], std::string_view word) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

/// A word without a trailing full stop or comma ("Corp." → "Corp", "Apple," → "Apple").
std::string_view bare(std::string_view word) {
    while (!word.empty() && (word.back() == '.' || word.back() == ',')) {
        word.remove_suffix(1);
    }
    return word;
}

} // namespace

bool is_person_title(std::string_view word) {
    // Titles as English-language news writes them before a name. Not "General" (General
    // Motors), "Major" (John Major) or "Justice": names in their own right too often.
    static constexpr std::string_view titles[] = {
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Mx",
        "Dr",
        "Prof",
        "Professor",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "Rev",
        "Reverend",
        "President",
        "Vice",
        "Prime",
        "Minister",
        "Chancellor",
        "Senator",
        "Sen",
        "Rep",
        "Representative",
        "Congressman",
        "Congresswoman",
        "Gov",
        "Governor",
        "Mayor",
        "Secretary",
        "Gen",
        "Lt",
        "Col",
        "Colonel",
        "Capt",
        "Captain",
        "Judge",
        "Chairman",
        "Chairwoman",
        "Chief",
        "Executive",
        "Premier",
        "Ambassador",
        "Commissioner",
        "Deputy",
        "Foreign",
        "Finance",
        "Defence",
        "Defense",
        "Interior",
        "Speaker",
        "Leader",
        "Coach",
        "Treasurer",
        "Attorney",
        "Sgt",
        "Cmdr",
        "Adm",
        "Admiral",
    };
    return in(titles, bare(word));
}

namespace {

/// Whether `a` becomes `b` by one inserted, deleted or changed letter.
bool one_edit_apart(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) {
        std::swap(a, b);
    }
    if (b.size() - a.size() > 1) {
        return false;
    }
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) {
        ++i;
    }
    if (a.size() == b.size()) {
        return a.substr(i + (i < a.size() ? 1 : 0)) == b.substr(i + (i < b.size() ? 1 : 0));
    }
    return a.substr(i) == b.substr(i + 1);
}

} // namespace

bool is_sentence_opener(std::string_view word) {
    const std::string lower = lower_ascii(word);
    if (lower.empty() || lower == word) {
        return false; // not capitalised
    }
    if (is_stopword(lower)) {
        return true;
    }
    // Longer function words that are no Snowball stop word, and the long stop words for slips.
    static constexpr std::string_view long_words[] = {
        "although", "because", "against",   "between", "through", "before",  "during",
        "further",  "having",  "should",    "whether", "however", "despite", "unless",
        "without",  "within",  "meanwhile", "earlier", "instead", "whereas", "though",
    };
    for (const std::string_view w : long_words) {
        if (lower == w || (lower.size() >= 6 && one_edit_apart(lower, w))) {
            return true;
        }
    }
    return false;
}

bool is_never_an_actor(std::string_view name) {
    static constexpr std::string_view things[] = {
        // Technology and media: kinds of device, format and service, no one's name.
        "PC", "PCs", "DVD", "DVDs", "CD", "CDs", "TV", "HDTV", "MP3", "SMS", "PDA", "GPS", "LCD",
        "USB", "Wi-Fi", "WiFi", "VoIP", "3G", "DSL", "RFID", "DNA",
        // Finance and business: measures and events.
        "GDP", "IPO", "IPOs", "CEO", "CFO", "ATM", "VAT", "EPS", "CPI", "M&A",
        // Awards.
        "Oscar", "Oscars", "Bafta", "Baftas", "Grammy", "Grammys", "Emmy", "Emmys", "Golden Globe",
        "Golden Globes", "Brit Awards", "Academy Award", "Academy Awards"};
    return in(things, name);
}

bool is_given_name(std::string_view word) {
    static constexpr std::string_view names[] = {
#include "given_names.inc"
    };
    static_assert(std::size(names) > 0, "scripts/build-given-names writes the list");
    const std::string lower = lower_ascii(word);
    return std::binary_search(std::begin(names), std::end(names), std::string_view(lower));
}

bool ends_with_company_suffix(std::string_view name) {
    static constexpr std::string_view suffixes[] = {
        "Inc", "Incorporated", "Corp",  "Corporation", "Co",    "Cos", "Ltd", "Limited",
        "plc", "PLC",          "Plc",   "AG",          "SA",    "S.A", "NV",  "N.V",
        "SE",  "SpA",          "S.p.A", "LLC",         "L.L.C", "LP",  "L.P", "GmbH",
        "BV",  "AB",           "ASA",   "Oyj",         "Bhd",   "Tbk",
    };
    const auto words = words_of(name);
    return words.size() > 1 && in(suffixes, bare(words.back()));
}

std::string without_company_suffix(std::string_view org) {
    static constexpr std::string_view before_suffix[] = {"Group", "Holdings", "Holding", "Cos"};
    auto words = words_of(org);
    bool stripped = false;
    while (words.size() > 1 && ends_with_company_suffix(join(words, 0, words.size()))) {
        words.pop_back();
        stripped = true;
        // "JPMorgan Chase & Co", "Procter & Gamble Co": the "&" of "& Co" goes with it.
        if (words.size() > 1 && (words.back() == "&" || words.back() == "and")) {
            words.pop_back();
        }
    }
    if (stripped && words.size() > 1 && in(before_suffix, bare(words.back()))) {
        words.pop_back();
    }
    std::string out = join(words, 0, words.size());
    while (!out.empty() && out.back() == ',') {
        out.pop_back(); // "Apple, Inc."
    }
    return out;
}

std::string without_us_qualifier(std::string_view org) {
    static constexpr std::string_view public_bodies[] = {
        "Treasury",       "Department", "Commission", "Congress", "Senate", "House", "Agency",
        "Administration", "Army",       "Navy",       "Embassy",  "Bureau", "Mint",  "Office",
        "Court",          "Reserve",    "Service",    "Corps",    "Board",
    };
    const auto words = words_of(org);
    std::size_t skip = 0;
    if (!words.empty() && (words[0] == "U.S." || words[0] == "US" || words[0] == "U.S")) {
        skip = 1;
    } else if (words.size() > 1 && words[0] == "United" && words[1] == "States") {
        skip = 2;
    }
    if (skip == 0 || words.size() <= skip || !in(public_bodies, bare(words.back())) ||
        !starts_capitalised(words[skip])) {
        return std::string(org);
    }
    return join(words, skip, words.size());
}

std::string initials(std::string_view name) {
    static constexpr std::string_view function_words[] = {
        "of", "and", "for", "the", "on", "de", "du", "des", "la", "le", "in", "&", "for", "to"};
    std::string out;
    std::size_t words = 0;
    for (std::string_view w : words_of(name)) {
        // "Anglo-American" gives one initial, as acronyms write it.
        if (in(function_words, w)) {
            continue;
        }
        const auto c = static_cast<unsigned char>(w.front());
        if (!(c >= 'A' && c <= 'Z')) {
            return {}; // a lower-case word that is not a function word: no acronym of this
        }
        out += static_cast<char>(c);
        ++words;
    }
    return words >= 2 ? out : std::string();
}

std::string acronym_letters(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z') {
            out += c;
        } else if (c != '&' && c != '.' && c != '-') {
            return {};
        }
    }
    return out.size() >= 2 && out.size() <= 8 ? out : std::string();
}

std::string german_transliteration(std::string_view name) {
    std::string spelled;
    spelled.reserve(name.size() + 4);
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        const auto next = i + 1 < name.size() ? static_cast<unsigned char>(name[i + 1]) : 0;
        const char* german = nullptr;
        if (c == 0xC3) {
            switch (next) {
            case 0xA4:
            case 0x84:
                german = "ae";
                break; // ä Ä
            case 0xB6:
            case 0x96:
                german = "oe";
                break; // ö Ö
            case 0xBC:
            case 0x9C:
                german = "ue";
                break; // ü Ü
            case 0x9F:
                german = "ss";
                break; // ß
            default:
                break;
            }
        }
        if (german != nullptr) {
            spelled += german;
            ++i;
        } else {
            spelled += static_cast<char>(c);
        }
    }
    return spelled;
}

std::string name_form_key(std::string_view name) { return name_key(german_transliteration(name)); }

} // namespace newsdex::analysis
