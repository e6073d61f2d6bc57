#include "newsdex/analysis/dates.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/parsepos.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>

#include "newsdex/ascii.h"
#include "newsdex/error.h"

namespace newsdex::analysis {
namespace {

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days), so that the fast
// paths and the mention resolver never need ICU or the C library's time zone state.

std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(m > 2 ? m - 3 : m + 9);
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool valid_date(int y, int m, int d) {
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// 0 = Sunday … 6 = Saturday.
int weekday(const CivilDate& d) {
    const std::int64_t days = days_from_civil(d.year, d.month, d.day);
    return static_cast<int>(((days % 7) + 11) % 7); // 1970-01-01 was a Thursday
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

// Reads exactly `n` digits at `pos`.
bool read_fixed(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
    if (pos + n > s.size()) {
        return false;
    }
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (!is_digit(c)) {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    pos += n;
    out = v;
    return true;
}

// Reads a clock time "HH:MM", "HH:MM:SS" or "HH:MM:SS.fff" (or ",fff") at `pos`; fractions
// of a second are skipped. With seconds_required, "HH:MM" alone is refused.
bool read_clock(std::string_view s, std::size_t& pos, bool seconds_required, int& h, int& mi,
                int& sec) {
    sec = 0;
    if (!read_fixed(s, pos, 2, h) || pos >= s.size() || s[pos] != ':') {
        return false;
    }
    ++pos;
    if (!read_fixed(s, pos, 2, mi)) {
        return false;
    }
    if (pos >= s.size() || s[pos] != ':') {
        return !seconds_required;
    }
    ++pos;
    if (!read_fixed(s, pos, 2, sec)) {
        return false;
    }
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        const std::size_t start = pos;
        while (pos < s.size() && is_digit(s[pos])) {
            ++pos;
        }
        return pos > start;
    }
    return true;
}

// Reads 1..max_n digits at `pos`.
bool read_upto(std::string_view s, std::size_t& pos, std::size_t max_n, int& out) {
    std::size_t n = 0;
    int v = 0;
    while (pos + n < s.size() && n < max_n && is_digit(s[pos + n])) {
        v = v * 10 + (s[pos + n] - '0');
        ++n;
    }
    if (n == 0) {
        return false;
    }
    pos += n;
    out = v;
    return true;
}

constexpr std::array<std::string_view, 12> month_abbrevs = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> weekday_abbrevs = {"sun", "mon", "tue", "wed",
                                                              "thu", "fri", "sat"};

// 1..12 for a three-letter month abbreviation in any case, 0 otherwise.
int month_from_abbrev(std::string_view s) {
    if (s.size() != 3) {
        return 0;
    }
    for (std::size_t i = 0; i < month_abbrevs.size(); ++i) {
        if (iequals(s, month_abbrevs[i])) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

bool is_weekday_abbrev(std::string_view s) {
    for (const auto w : weekday_abbrevs) {
        if (iequals(s, w)) {
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Zones. ICU 72 with en_US parses only the US abbreviations plus GMT/UTC (checked: BST, CET,
// CEST, IST, JST, MSK, AEST, HKT, SGT, EET all fail), so we resolve zones ourselves and hand ICU
// only the zone-less rest. That also keeps "no zone" meaning UTC, whatever the host's TZ is.

struct ZoneAbbrev {
    std::string_view name;
    int offset_minutes;
};

// Ambiguous abbreviations take the reading most common in English-language news wires:
// CST is US Central (not China), IST is India (not Ireland/Israel), BST is British Summer Time.
constexpr ZoneAbbrev zone_table[] = {
    {"UTC", 0},     {"GMT", 0},     {"UT", 0},      {"Z", 0},       {"WET", 0},
    {"WEST", 60},   {"BST", 60},    {"CET", 60},    {"MET", 60},    {"WAT", 60},
    {"CEST", 120},  {"MEST", 120},  {"EET", 120},   {"SAST", 120},  {"CAT", 120},
    {"IST", 330},   {"EEST", 180},  {"MSK", 180},   {"EAT", 180},   {"AST", -240},
    {"GST", 240},   {"PKT", 300},   {"NPT", 345},   {"ICT", 420},   {"WIB", 420},
    {"HKT", 480},   {"SGT", 480},   {"AWST", 480},  {"PHT", 480},   {"MYT", 480},
    {"KST", 540},   {"JST", 540},   {"ACST", 570},  {"ACDT", 630},  {"AEST", 600},
    {"AEDT", 660},  {"NZST", 720},  {"NZDT", 780},  {"ADT", -180},  {"NST", -210},
    {"NDT", -150},  {"EST", -300},  {"EDT", -240},  {"CST", -360},  {"CDT", -300},
    {"MST", -420},  {"MDT", -360},  {"PST", -480},  {"PDT", -420},  {"AKST", -540},
    {"AKDT", -480}, {"HST", -600},  {"BRT", -180},
};

std::optional<int> zone_from_abbrev(std::string_view s) {
    if (s.empty() || s.size() > 4) {
        return std::nullopt;
    }
    for (const auto& z : zone_table) {
        if (iequals(s, z.name)) {
            return z.offset_minutes;
        }
    }
    return std::nullopt;
}

// `+01:00`, `+0100`, `+01`, `-05:00` (the whole of `s`).
std::optional<int> zone_from_numeric(std::string_view s) {
    if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) {
        return std::nullopt;
    }
    const int sign = s[0] == '-' ? -1 : 1;
    std::size_t pos = 1;
    int hh = 0;
    int mm = 0;
    if (!read_fixed(s, pos, 2, hh)) {
        return std::nullopt;
    }
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
    }
    if (pos < s.size() && !read_fixed(s, pos, 2, mm)) {
        return std::nullopt;
    }
    if (pos != s.size() || hh > 18 || mm > 59) {
        return std::nullopt;
    }
    return sign * (hh * 60 + mm);
}

// Any zone spelling we accept as a whole token: abbreviation, numeric, or `GMT+1`/`UTC-05:00`.
std::optional<int> zone_from_token(std::string_view s) {
    if (auto z = zone_from_abbrev(s)) {
        return z;
    }
    if (auto z = zone_from_numeric(s)) {
        return z;
    }
    if (s.size() > 3 && (iequals(s.substr(0, 3), "GMT") || iequals(s.substr(0, 3), "UTC"))) {
        auto rest = s.substr(3);
        // `GMT+1` has a one-digit hour, which zone_from_numeric does not take.
        if (rest.size() == 2 && (rest[0] == '+' || rest[0] == '-') && is_digit(rest[1])) {
            return (rest[0] == '-' ? -1 : 1) * (rest[1] - '0') * 60;
        }
        return zone_from_numeric(rest);
    }
    return std::nullopt;
}

Timestamp make_timestamp(int y, int mo, int d, int h, int mi, int sec, int offset_minutes) {
    const std::int64_t local =
        days_from_civil(y, mo, d) * 86400 + std::int64_t{h} * 3600 + mi * 60 + sec;
    return Timestamp{local - std::int64_t{offset_minutes} * 60, offset_minutes};
}

// ---------------------------------------------------------------------------------------------
// Fast paths: plain byte scanning for the shapes that make up nearly all of the real dumps.
// Each returns nullopt on any surprise, and the general path then gets its chance.

// YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:MM]| ZONE]
std::optional<Timestamp> parse_iso8601(std::string_view s) {
    std::size_t pos = 0;
    int y = 0;
    int mo = 0;
    int d = 0;
    if (!read_fixed(s, pos, 4, y) || pos >= s.size() || s[pos] != '-') {
        return std::nullopt;
    }
    ++pos;
    if (!read_fixed(s, pos, 2, mo) || pos >= s.size() || s[pos] != '-') {
        return std::nullopt;
    }
    ++pos;
    if (!read_fixed(s, pos, 2, d) || !valid_date(y, mo, d)) {
        return std::nullopt;
    }
    if (pos == s.size()) {
        return make_timestamp(y, mo, d, 0, 0, 0, 0);
    }
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') {
        return std::nullopt;
    }
    ++pos;
    int h = 0;
    int mi = 0;
    int sec = 0;
    if (!read_clock(s, pos, false, h, mi, sec)) {
        return std::nullopt;
    }
    // 24:00:00 is ISO's "end of day"; we don't take it, nor leap seconds.
    if (h > 23 || mi > 59 || sec > 59) {
        return std::nullopt;
    }
    int offset = 0;
    std::string_view rest = s.substr(pos);
    if (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
    }
    if (!rest.empty()) {
        const auto z = zone_from_token(rest);
        if (!z) {
            return std::nullopt;
        }
        offset = *z;
    }
    return make_timestamp(y, mo, d, h, mi, sec, offset);
}

// The Reuters 2006–2013 dump: `Sat Oct 21, 2006 8:11pm EDT`.
std::optional<Timestamp> parse_reuters_wire(std::string_view s) {
    if (s.size() < 24 || s[3] != ' ' || s[7] != ' ' || !is_weekday_abbrev(s.substr(0, 3))) {
        return std::nullopt;
    }
    const int mo = month_from_abbrev(s.substr(4, 3));
    if (mo == 0) {
        return std::nullopt;
    }
    std::size_t pos = 8;
    int d = 0;
    int y = 0;
    int h = 0;
    int mi = 0;
    if (!read_upto(s, pos, 2, d) || s.substr(pos, 2) != ", ") {
        return std::nullopt;
    }
    pos += 2;
    if (!read_fixed(s, pos, 4, y) || pos >= s.size() || s[pos] != ' ') {
        return std::nullopt;
    }
    ++pos;
    if (!read_upto(s, pos, 2, h) || pos >= s.size() || s[pos] != ':') {
        return std::nullopt;
    }
    ++pos;
    if (!read_fixed(s, pos, 2, mi) || pos + 2 > s.size()) {
        return std::nullopt;
    }
    const char a = lower(s[pos]);
    if ((a != 'a' && a != 'p') || lower(s[pos + 1]) != 'm') {
        return std::nullopt;
    }
    pos += 2;
    if (pos >= s.size() || s[pos] != ' ') {
        return std::nullopt;
    }
    const auto zone = zone_from_token(s.substr(pos + 1));
    if (!zone || !valid_date(y, mo, d) || h < 1 || h > 12 || mi > 59) {
        return std::nullopt;
    }
    h = h % 12 + (a == 'p' ? 12 : 0);
    return make_timestamp(y, mo, d, h, mi, 0, *zone);
}

// RFC 2822: `[Wed, ]24 Jan 2018 10:15[:00] +0100` with a numeric or abbreviated zone. Two-digit
// years and comments are left to the general path.
std::optional<Timestamp> parse_rfc2822(std::string_view s) {
    std::size_t pos = 0;
    if (s.size() > 5 && s[3] == ',' && s[4] == ' ') {
        if (!is_weekday_abbrev(s.substr(0, 3))) {
            return std::nullopt;
        }
        pos = 5;
    }
    int d = 0;
    if (!read_upto(s, pos, 2, d) || pos + 5 > s.size() || s[pos] != ' ' || s[pos + 4] != ' ') {
        return std::nullopt;
    }
    const int mo = month_from_abbrev(s.substr(pos + 1, 3));
    if (mo == 0) {
        return std::nullopt;
    }
    pos += 5;
    int y = 0;
    int h = 0;
    int mi = 0;
    int sec = 0;
    if (!read_fixed(s, pos, 4, y) || pos >= s.size() || s[pos] != ' ') {
        return std::nullopt;
    }
    ++pos;
    if (!read_clock(s, pos, false, h, mi, sec)) {
        return std::nullopt;
    }
    if (pos >= s.size() || s[pos] != ' ') {
        return std::nullopt;
    }
    const auto zone = zone_from_token(s.substr(pos + 1));
    if (!zone || !valid_date(y, mo, d) || h > 23 || mi > 59 || sec > 59) {
        return std::nullopt;
    }
    return make_timestamp(y, mo, d, h, mi, sec, *zone);
}

constexpr std::array<std::string_view, 12> month_names = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// 1..12 for a full English month name or its three-letter abbreviation, any case; 0 otherwise.
int month_from_name(std::string_view s) {
    if (s.size() == 3) {
        return month_from_abbrev(s);
    }
    for (std::size_t i = 0; i < month_names.size(); ++i) {
        if (iequals(s, month_names[i])) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

// Date-only `January 24, 2018` and `24 January 2018`, too common in feeds to leave to ICU
// (which needs ~10 µs to reach their patterns).
std::optional<Timestamp> parse_month_name_date(std::string_view s) {
    std::size_t pos = 0;
    int d = 0;
    int y = 0;
    int mo = 0;
    if (is_digit(s[0])) {
        if (!read_upto(s, pos, 2, d) || pos >= s.size() || s[pos] != ' ') {
            return std::nullopt;
        }
        const std::size_t name_end = s.find(' ', pos + 1);
        if (name_end == std::string_view::npos) {
            return std::nullopt;
        }
        mo = month_from_name(s.substr(pos + 1, name_end - pos - 1));
        pos = name_end + 1;
    } else {
        const std::size_t name_end = s.find(' ');
        if (name_end == std::string_view::npos) {
            return std::nullopt;
        }
        mo = month_from_name(s.substr(0, name_end));
        pos = name_end + 1;
        if (!read_upto(s, pos, 2, d) || s.substr(pos, 2) != ", ") {
            return std::nullopt;
        }
        pos += 2;
    }
    if (mo == 0 || !read_fixed(s, pos, 4, y) || pos != s.size() || !valid_date(y, mo, d)) {
        return std::nullopt;
    }
    return make_timestamp(y, mo, d, 0, 0, 0, 0);
}

// Reuters-21578: `26-FEB-1987 15:01:01.79` (no zone: UTC).
std::optional<Timestamp> parse_reuters_21578(std::string_view s) {
    std::size_t pos = 0;
    int d = 0;
    if (!read_upto(s, pos, 2, d) || pos + 5 > s.size() || s[pos] != '-' || s[pos + 4] != '-') {
        return std::nullopt;
    }
    const int mo = month_from_abbrev(s.substr(pos + 1, 3));
    if (mo == 0) {
        return std::nullopt;
    }
    pos += 5;
    int y = 0;
    int h = 0;
    int mi = 0;
    int sec = 0;
    if (!read_fixed(s, pos, 4, y) || !valid_date(y, mo, d)) {
        return std::nullopt;
    }
    if (pos == s.size()) {
        return make_timestamp(y, mo, d, 0, 0, 0, 0);
    }
    if (s[pos] != ' ') {
        return std::nullopt;
    }
    ++pos;
    if (!read_clock(s, pos, true, h, mi, sec)) {
        return std::nullopt;
    }
    if (pos != s.size() || h > 23 || mi > 59 || sec > 59) {
        return std::nullopt;
    }
    return make_timestamp(y, mo, d, h, mi, sec, 0);
}

// All digits: `YYYYMMDD` when it reads as a plausible day, else Unix seconds (9–11 digits) or
// milliseconds (above 1e11). Shorter numbers are rejected: "2018" is a year, not 1970-01-01.
std::optional<Timestamp> parse_number(std::string_view s) {
    std::size_t int_len = 0;
    while (int_len < s.size() && is_digit(s[int_len])) {
        ++int_len;
    }
    if (int_len == 0) {
        return std::nullopt;
    }
    if (int_len < s.size()) {
        // Seconds with a fraction, e.g. `1516788900.5`.
        if (s[int_len] != '.' || int_len + 1 == s.size()) {
            return std::nullopt;
        }
        for (std::size_t i = int_len + 1; i < s.size(); ++i) {
            if (!is_digit(s[i])) {
                return std::nullopt;
            }
        }
    }
    const std::string_view digits = s.substr(0, int_len);
    if (digits.size() == 8 && int_len == s.size()) {
        std::size_t pos = 0;
        int y = 0;
        int mo = 0;
        int d = 0;
        read_fixed(digits, pos, 4, y);
        read_fixed(digits, pos, 2, mo);
        read_fixed(digits, pos, 2, d);
        if (y >= 1800 && y <= 2200 && valid_date(y, mo, d)) {
            return make_timestamp(y, mo, d, 0, 0, 0, 0);
        }
    }
    if (digits.size() < 9 || digits.size() > 14) {
        return std::nullopt;
    }
    std::int64_t v = 0;
    for (const char c : digits) {
        v = v * 10 + (c - '0');
    }
    if (v > 100'000'000'000LL) {
        v = v / 1000; // milliseconds
    }
    return Timestamp{v, 0};
}

// ---------------------------------------------------------------------------------------------
// General path: ICU SimpleDateFormat over a pattern table, zone already removed.

// Tried in order; the first one that consumes the whole (zone-less) string wins. `MMM` and
// `EEE` also accept full names in ICU (UDAT_PARSE_MULTIPLE_PATTERNS_FOR_MATCH), and `a` takes
// "pm" and "PM", with or without a space before it.
constexpr const char* icu_patterns[] = {
    // RFC 2822 / RFC 822 (two-digit years after the four-digit ones; see the year check).
    "EEE, d MMM yyyy HH:mm:ss",
    "EEE, d MMM yyyy HH:mm",
    "d MMM yyyy HH:mm:ss",
    "d MMM yyyy HH:mm",
    "EEE, d MMM yy HH:mm:ss",
    "EEE, d MMM yy HH:mm",
    // Wire styles: `Fri Oct 20, 2006 6:15pm`, asctime `Wed Jan 24 10:15:00 2018`.
    "EEE MMM d, yyyy h:mma",
    "EEE MMM d, yyyy",
    "EEE MMM d HH:mm:ss yyyy",
    // `26-FEB-1987 15:01:01.79` and friends.
    "d-MMM-yyyy HH:mm:ss.S",
    "d-MMM-yyyy HH:mm:ss",
    "d-MMM-yyyy HH:mm",
    "d-MMM-yyyy",
    // `January 24, 2018`, `Jan 24, 2018 10:15 AM`, `Wednesday, January 24, 2018`.
    "MMM d, yyyy",
    "MMM d, yyyy h:mm a",
    "MMM d, yyyy h:mm:ss a",
    "MMM d, yyyy HH:mm",
    "MMM d, yyyy HH:mm:ss",
    "EEE, MMM d, yyyy",
    "EEE, MMM d, yyyy h:mm a",
    // `24 January 2018`, `Wednesday 24 January 2018`.
    "d MMM yyyy",
    "EEE d MMM yyyy",
    "EEE, d MMM yyyy",
    "d MMM yyyy, HH:mm",
    // Numeric: `2018/01/24`, ISO-ish with slashes, and dotted European `24.01.2018`.
    "yyyy/MM/dd",
    "yyyy/MM/dd HH:mm:ss",
    "yyyy/MM/dd HH:mm",
    "d.M.yyyy",
    "d.M.yyyy HH:mm",
    "d.M.yyyy HH:mm:ss",
    "yyyy-MM-dd'T'HH:mm:ss.SSS",
};

// SimpleDateFormat::parse mutates the formatter, so each thread gets its own set; building
// them is what costs, so it happens once per thread, on the first date the fast paths miss.
class IcuParsers {
public:
    IcuParsers() {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Locale locale("en_US");
        m_calendar.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), locale,
                                                       status));
        check(status, "calendar");
        m_calendar->setLenient(false);
        for (const char* pattern : icu_patterns) {
            status = U_ZERO_ERROR;
            auto format = std::make_unique<icu::SimpleDateFormat>(
                icu::UnicodeString(pattern, -1, US_INV), locale, status);
            check(status, pattern);
            // Non-lenient: "32-FEB-1987" must fail rather than roll over into March.
            format->setLenient(false);
            // We parse into m_calendar (GMT), but keep the formatter's own zone off the host's
            // TZ too, so no code path can pick the local zone up.
            format->setTimeZone(*icu::TimeZone::getGMT());
            m_formats.push_back(std::move(format));
        }
    }

    std::optional<std::int64_t> parse_local_seconds(std::string_view text) {
        const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
            icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
        for (auto& format : m_formats) {
            m_calendar->clear();
            icu::ParsePosition pos(0);
            format->parse(u, *m_calendar, pos);
            if (pos.getErrorIndex() >= 0 || pos.getIndex() != u.length()) {
                continue;
            }
            UErrorCode status = U_ZERO_ERROR;
            const UDate ms = m_calendar->getTime(status);
            if (U_FAILURE(status)) {
                continue; // a field out of range for the non-lenient calendar
            }
            const std::int32_t year = m_calendar->get(UCAL_EXTENDED_YEAR, status);
            // `yyyy` happily reads "88" as year 88: refuse it so the `yy` pattern gets it.
            if (U_FAILURE(status) || year < 1800 || year > 2200) {
                continue;
            }
            return static_cast<std::int64_t>(std::floor(ms / 1000.0));
        }
        return std::nullopt;
    }

private:
    static void check(UErrorCode status, const char* what) {
        if (U_FAILURE(status)) {
            throw ResourceError(std::string("ICU date format unavailable (") + what +
                                "): " + u_errorName(status));
        }
    }

    std::unique_ptr<icu::Calendar> m_calendar;
    std::vector<std::unique_ptr<icu::SimpleDateFormat>> m_formats;
};

IcuParsers& icu_parsers() {
    thread_local IcuParsers parsers;
    return parsers;
}

// Collapses whitespace runs, drops an RFC 2822 comment like `(UTC)`, and splits a trailing
// (or, as in `date(1)` output, next-to-last) zone token off.
std::optional<Timestamp> parse_general(std::string_view s) {
    std::string text;
    text.reserve(s.size());
    for (const char c : s) {
        if (is_space(c)) {
            if (!text.empty() && text.back() != ' ') {
                text.push_back(' ');
            }
        } else {
            text.push_back(c);
        }
    }
    if (!text.empty() && text.back() == ')') {
        const auto open = text.rfind(" (");
        if (open != std::string::npos) {
            text.erase(open);
        }
    }
    int offset = 0;
    const auto last_space = text.rfind(' ');
    if (last_space != std::string::npos) {
        const std::string_view last = std::string_view(text).substr(last_space + 1);
        if (const auto z = zone_from_token(last)) {
            offset = *z;
            text.erase(last_space);
        } else if (last.size() == 4 && is_digit(last[0]) && last_space > 0) {
            const auto prev_space = text.rfind(' ', last_space - 1);
            if (prev_space != std::string::npos) {
                const std::string_view prev =
                    std::string_view(text).substr(prev_space + 1, last_space - prev_space - 1);
                if (const auto z2 = zone_from_abbrev(prev)) {
                    offset = *z2;
                    text.erase(prev_space, last_space - prev_space);
                }
            }
        }
    }
    const auto local = icu_parsers().parse_local_seconds(text);
    if (!local) {
        return std::nullopt;
    }
    return Timestamp{*local - std::int64_t{offset} * 60, offset};
}

// ---------------------------------------------------------------------------------------------
// Mentions. One pass turns the text into small tokens (ASCII words, numbers, punctuation; other
// bytes separate them), words are classified by one table look-up, and the rules below run over
// the token array. Nothing allocates per token beyond the vector itself.

enum class TokKind : std::uint8_t { word, number, punct };

// What a word means to the rules; anything not in the table is `other`.
enum class WordClass : std::uint8_t {
    other,
    month,      // value 1..12
    weekday,    // value 0..6, Sunday = 0
    yesterday,
    today,
    tomorrow,
    last,       // "last", "previous"
    this_,
    next,
    year,
    month_word, // "month"
    week,
    preposition, // words after which a bare full month name is a date ("in December")
    ordinal,    // "st", "nd", "rd", "th"
    of,
    count_noun, // "2011 people": the number is a count, not a year
};

struct Tok {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    TokKind kind = TokKind::punct;
    WordClass cls = WordClass::other;
    bool abbrev = false; // month abbreviation ("Jan", "Sept"), or May/March: needs a number
    char punct = 0;      // for punct: the ASCII char; '-' also for an en dash, '$' for £ € ¥
    int value = 0;       // month 1..12, weekday 0..6, or the number's value (capped)
    std::uint32_t length() const { return end - start; }
};

struct WordEntry {
    std::string_view word;
    WordClass cls;
    int value;
    bool abbrev;
};

constexpr WordEntry word_table[] = {
    {"january", WordClass::month, 1, false},    {"february", WordClass::month, 2, false},
    {"march", WordClass::month, 3, true},       {"april", WordClass::month, 4, false},
    {"may", WordClass::month, 5, true},         {"june", WordClass::month, 6, false},
    {"july", WordClass::month, 7, false},       {"august", WordClass::month, 8, false},
    {"september", WordClass::month, 9, false},  {"october", WordClass::month, 10, false},
    {"november", WordClass::month, 11, false},  {"december", WordClass::month, 12, false},
    {"jan", WordClass::month, 1, true},         {"feb", WordClass::month, 2, true},
    {"mar", WordClass::month, 3, true},         {"apr", WordClass::month, 4, true},
    {"jun", WordClass::month, 6, true},         {"jul", WordClass::month, 7, true},
    {"aug", WordClass::month, 8, true},         {"sep", WordClass::month, 9, true},
    {"sept", WordClass::month, 9, true},        {"oct", WordClass::month, 10, true},
    {"nov", WordClass::month, 11, true},        {"dec", WordClass::month, 12, true},
    {"sunday", WordClass::weekday, 0, false},   {"monday", WordClass::weekday, 1, false},
    {"tuesday", WordClass::weekday, 2, false},  {"wednesday", WordClass::weekday, 3, false},
    {"thursday", WordClass::weekday, 4, false}, {"friday", WordClass::weekday, 5, false},
    {"saturday", WordClass::weekday, 6, false}, {"yesterday", WordClass::yesterday, 0, false},
    {"today", WordClass::today, 0, false},      {"tomorrow", WordClass::tomorrow, 0, false},
    {"last", WordClass::last, 0, false},        {"previous", WordClass::last, 0, false},
    {"this", WordClass::this_, 0, false},       {"next", WordClass::next, 0, false},
    {"year", WordClass::year, 0, false},        {"month", WordClass::month_word, 0, false},
    {"week", WordClass::week, 0, false},        {"in", WordClass::preposition, 0, false},
    {"since", WordClass::preposition, 0, false}, {"until", WordClass::preposition, 0, false},
    {"during", WordClass::preposition, 0, false}, {"early", WordClass::preposition, 0, false},
    {"late", WordClass::preposition, 0, false}, {"mid", WordClass::preposition, 0, false},
    {"st", WordClass::ordinal, 0, false},       {"nd", WordClass::ordinal, 0, false},
    {"rd", WordClass::ordinal, 0, false},       {"th", WordClass::ordinal, 0, false},
    {"of", WordClass::of, 0, false},
    // After a 4-digit number these make it a count, an amount or a clock time, not a year.
    {"people", WordClass::count_noun, 0, false}, {"persons", WordClass::count_noun, 0, false},
    {"shares", WordClass::count_noun, 0, false}, {"jobs", WordClass::count_noun, 0, false},
    {"workers", WordClass::count_noun, 0, false}, {"employees", WordClass::count_noun, 0, false},
    {"staff", WordClass::count_noun, 0, false}, {"troops", WordClass::count_noun, 0, false},
    {"soldiers", WordClass::count_noun, 0, false}, {"tons", WordClass::count_noun, 0, false},
    {"tonnes", WordClass::count_noun, 0, false}, {"barrels", WordClass::count_noun, 0, false},
    {"bpd", WordClass::count_noun, 0, false},   {"units", WordClass::count_noun, 0, false},
    {"cars", WordClass::count_noun, 0, false},  {"vehicles", WordClass::count_noun, 0, false},
    {"homes", WordClass::count_noun, 0, false}, {"houses", WordClass::count_noun, 0, false},
    {"points", WordClass::count_noun, 0, false}, {"votes", WordClass::count_noun, 0, false},
    {"seats", WordClass::count_noun, 0, false}, {"deaths", WordClass::count_noun, 0, false},
    {"dead", WordClass::count_noun, 0, false},  {"cases", WordClass::count_noun, 0, false},
    {"meters", WordClass::count_noun, 0, false}, {"metres", WordClass::count_noun, 0, false},
    {"feet", WordClass::count_noun, 0, false},  {"miles", WordClass::count_noun, 0, false},
    {"km", WordClass::count_noun, 0, false},    {"kilometers", WordClass::count_noun, 0, false},
    {"kilometres", WordClass::count_noun, 0, false}, {"acres", WordClass::count_noun, 0, false},
    {"hectares", WordClass::count_noun, 0, false}, {"dollars", WordClass::count_noun, 0, false},
    {"euros", WordClass::count_noun, 0, false}, {"pounds", WordClass::count_noun, 0, false},
    {"yen", WordClass::count_noun, 0, false},   {"mln", WordClass::count_noun, 0, false},
    {"million", WordClass::count_noun, 0, false}, {"billion", WordClass::count_noun, 0, false},
    {"bln", WordClass::count_noun, 0, false},   {"percent", WordClass::count_noun, 0, false},
    {"pct", WordClass::count_noun, 0, false},   {"members", WordClass::count_noun, 0, false},
    {"students", WordClass::count_noun, 0, false}, {"children", WordClass::count_noun, 0, false},
    {"hours", WordClass::count_noun, 0, false}, {"hrs", WordClass::count_noun, 0, false},
    {"gmt", WordClass::count_noun, 0, false},   {"utc", WordClass::count_noun, 0, false},
    {"et", WordClass::count_noun, 0, false},    {"est", WordClass::count_noun, 0, false},
    {"edt", WordClass::count_noun, 0, false},   {"bst", WordClass::count_noun, 0, false},
    {"cet", WordClass::count_noun, 0, false},   {"local", WordClass::count_noun, 0, false},
};

// The table bucketed by first letter, built once; lookups compare only same-letter words.
struct WordIndex {
    std::array<std::vector<const WordEntry*>, 26> by_letter;
    WordIndex() {
        for (const auto& e : word_table) {
            by_letter[static_cast<std::size_t>(e.word[0] - 'a')].push_back(&e);
        }
    }
};

const WordEntry* lookup_word(std::string_view text, std::uint32_t start, std::uint32_t end) {
    static const WordIndex index;
    const std::uint32_t n = end - start;
    if (n < 2 || n > 10) {
        return nullptr;
    }
    char buf[10];
    for (std::uint32_t i = 0; i < n; ++i) {
        buf[i] = lower(text[start + i]);
    }
    const std::string_view w(buf, n);
    for (const WordEntry* e : index.by_letter[static_cast<std::size_t>(buf[0] - 'a')]) {
        if (e->word == w) {
            return e;
        }
    }
    return nullptr;
}

std::vector<Tok> tokenize_for_dates(std::string_view text) {
    std::vector<Tok> toks;
    toks.reserve(text.size() / 5 + 4);
    const auto n = static_cast<std::uint32_t>(text.size());
    std::uint32_t i = 0;
    while (i < n) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        Tok t;
        t.start = i;
        if (is_alpha(c)) {
            while (i < n && is_alpha(text[i])) {
                ++i;
            }
            t.end = i;
            t.kind = TokKind::word;
            if (const WordEntry* e = lookup_word(text, t.start, t.end)) {
                t.cls = e->cls;
                t.value = e->value;
                t.abbrev = e->abbrev;
            }
        } else if (is_digit(c)) {
            int v = 0;
            while (i < n && is_digit(text[i])) {
                if (v < 100'000'000) {
                    v = v * 10 + (text[i] - '0');
                }
                ++i;
            }
            t.end = i;
            t.kind = TokKind::number;
            t.value = v;
        } else if (u < 0x80) {
            ++i;
            if (is_space(c)) {
                continue;
            }
            t.end = i;
            t.punct = c;
        } else {
            // UTF-8: en/em dash as a range dash, £ ¥ (C2 A3/A5) and € (E2 82 AC) as currency.
            std::uint32_t len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
            if (i + len > n) {
                len = n - i;
            }
            const std::string_view seq = text.substr(i, len);
            i += len;
            if (seq == "\xE2\x80\x93" || seq == "\xE2\x80\x94") {
                t.punct = '-';
            } else if (seq == "\xC2\xA3" || seq == "\xC2\xA5" || seq == "\xE2\x82\xAC") {
                t.punct = '$';
            } else {
                continue;
            }
            t.end = i;
        }
        toks.push_back(t);
    }
    return toks;
}

std::int64_t to_days(const CivilDate& d) { return days_from_civil(d.year, d.month, d.day); }

CivilDate month_last(int y, int m) { return CivilDate{y, m, days_in_month(y, m)}; }

class MentionScanner {
public:
    MentionScanner(std::string_view text, const std::optional<Timestamp>& published)
        : m_toks(tokenize_for_dates(text)) {
        if (published) {
            m_pub = local_date(*published);
            m_pub_days = to_days(*m_pub);
        }
    }

    std::vector<DateMention> run() {
        std::size_t i = 0;
        while (i < m_toks.size()) {
            const std::size_t next = try_at(i);
            i = next > i ? next : i + 1;
        }
        return std::move(m_out);
    }

private:
    // Returns the index after the consumed tokens, or `i` when nothing matched there.
    std::size_t try_at(std::size_t i) {
        const Tok& t = m_toks[i];
        if (t.kind == TokKind::number) {
            if (const std::size_t n = iso_date(i); n != i) {
                return n;
            }
            if (const std::size_t n = day_first(i); n != i) {
                return n;
            }
            return year_alone(i);
        }
        if (t.kind != TokKind::word) {
            return i;
        }
        switch (t.cls) {
        case WordClass::month:
            return month_first(i);
        case WordClass::weekday:
            return weekday_at(i, 0, i);
        case WordClass::yesterday:
            return relative_day(i, -1);
        case WordClass::today:
            return relative_day(i, 0);
        case WordClass::tomorrow:
            return relative_day(i, 1);
        case WordClass::last:
            return relative_period(i, -1);
        case WordClass::this_:
            return relative_period(i, 0);
        case WordClass::next:
            return relative_period(i, 1);
        default:
            return i;
        }
    }

    const Tok* at(std::size_t i) const { return i < m_toks.size() ? &m_toks[i] : nullptr; }

    bool adjacent(std::size_t a, std::size_t b) const {
        return b < m_toks.size() && m_toks[a].end == m_toks[b].start;
    }

    bool is_punct(std::size_t i, char c) const {
        const Tok* t = at(i);
        return t != nullptr && t->kind == TokKind::punct && t->punct == c;
    }

    bool is_number(std::size_t i) const {
        const Tok* t = at(i);
        return t != nullptr && t->kind == TokKind::number;
    }

    // A 1–2 digit day 1..31 that is not part of a larger number ("1,000", "5.4").
    bool is_day_number(std::size_t i) const {
        const Tok* t = at(i);
        if (t == nullptr || t->kind != TokKind::number || t->length() > 2 || t->value < 1 ||
            t->value > 31) {
            return false;
        }
        return !continues_number(i);
    }

    bool is_year_number(std::size_t i) const {
        const Tok* t = at(i);
        return t != nullptr && t->kind == TokKind::number && t->length() == 4 &&
               t->value >= 1900 && t->value <= 2100 && !continues_number(i);
    }

    // "1,000" / "5.4" / "2011%" / "1990s": the digits run on into something that isn't a date.
    bool continues_number(std::size_t i) const {
        const std::size_t n = i + 1;
        if (!adjacent(i, n)) {
            return false;
        }
        const Tok& t = m_toks[n];
        if (t.kind == TokKind::word) {
            return t.cls != WordClass::ordinal;
        }
        if (t.kind == TokKind::number) {
            return true;
        }
        if (t.punct == '%') {
            return true;
        }
        return (t.punct == ',' || t.punct == '.' || t.punct == ':') && adjacent(n, n + 1) &&
               is_number(n + 1);
    }

    bool preceded_by_number_glue(std::size_t i) const {
        if (i < 2 || !adjacent(i - 1, i)) {
            return false;
        }
        const Tok& p = m_toks[i - 1];
        // "1,2011", "3.2011", a case number "602825/2008".
        return p.kind == TokKind::punct && (p.punct == ',' || p.punct == '.' || p.punct == '/') &&
               adjacent(i - 2, i - 1) && m_toks[i - 2].kind == TokKind::number;
    }

    void emit(std::size_t first_tok, std::size_t last_tok, CivilDate first, CivilDate last,
              DatePrecision precision) {
        DateMention m;
        m.start = m_toks[first_tok].start;
        m.end = m_toks[last_tok].end;
        m.first = first;
        m.last = last;
        m.precision = precision;
        m_out.push_back(m);
    }

    void emit_days(std::size_t first_tok, std::size_t last_tok, std::int64_t first_day,
                   std::int64_t last_day) {
        emit(first_tok, last_tok, civil_from_days(first_day), civil_from_days(last_day),
             DatePrecision::day);
    }

    // The year that puts month/day nearest the publication day (never more than ~6 months off).
    int infer_year(int month, int day) const {
        const int y = m_pub->year;
        const int d = std::min(day, days_in_month(y, month));
        const std::int64_t delta = days_from_civil(y, month, d) - m_pub_days;
        if (delta > 183) {
            return y - 1;
        }
        if (delta < -183) {
            return y + 1;
        }
        return y;
    }

    // `2018-01-24`
    std::size_t iso_date(std::size_t i) {
        if (m_toks[i].length() != 4 || !is_punct(i + 1, '-') || !adjacent(i, i + 1) ||
            !adjacent(i + 1, i + 2) || !is_number(i + 2) || m_toks[i + 2].length() != 2 ||
            !is_punct(i + 3, '-') || !adjacent(i + 2, i + 3) || !adjacent(i + 3, i + 4) ||
            !is_number(i + 4) || m_toks[i + 4].length() != 2 || continues_number(i + 4)) {
            return i;
        }
        const int y = m_toks[i].value;
        const int mo = m_toks[i + 2].value;
        const int d = m_toks[i + 4].value;
        if (!valid_date(y, mo, d)) {
            return i;
        }
        emit(i, i + 4, {y, mo, d}, {y, mo, d}, DatePrecision::day);
        return i + 5;
    }

    // Skips "th" in "29th" and the "." in "Jan."; returns the next token index.
    std::size_t skip_ordinal(std::size_t i) const {
        if (adjacent(i, i + 1) && m_toks[i + 1].kind == TokKind::word &&
            m_toks[i + 1].cls == WordClass::ordinal) {
            return i + 2;
        }
        return i + 1;
    }

    std::size_t skip_abbrev_dot(std::size_t i) const {
        if (m_toks[i].abbrev && is_punct(i + 1, '.') && adjacent(i, i + 1)) {
            return i + 2;
        }
        return i + 1;
    }

    // Reads `29`, `29-30`, `29th`, `29th-30th` at j. Returns the index after, or j.
    std::size_t day_range(std::size_t j, int& d1, int& d2) const {
        if (!is_day_number(j)) {
            return j;
        }
        d1 = m_toks[j].value;
        d2 = d1;
        std::size_t k = skip_ordinal(j);
        if (is_punct(k, '-') && is_day_number(k + 1) && m_toks[k + 1].value > d1) {
            d2 = m_toks[k + 1].value;
            k = skip_ordinal(k + 1);
        }
        return k;
    }

    // Emits a day or day range in month `mo` of `year` (inferred when year is 0).
    bool emit_day_range(std::size_t first_tok, std::size_t last_tok, int year, int mo, int d1,
                        int d2) {
        if (year == 0) {
            if (!m_pub) {
                return false;
            }
            year = infer_year(mo, d1);
        }
        if (!valid_date(year, mo, d1) || !valid_date(year, mo, d2)) {
            return false;
        }
        emit(first_tok, last_tok, {year, mo, d1}, {year, mo, d2}, DatePrecision::day);
        return true;
    }

    // `January 29-30`, `Jan. 29, 2018`, `January 2018`, `in December`.
    std::size_t month_first(std::size_t i) {
        const int mo = m_toks[i].value;
        const std::size_t j = skip_abbrev_dot(i);
        int d1 = 0;
        int d2 = 0;
        const std::size_t k = day_range(j, d1, d2);
        if (k != j) {
            std::size_t end = k;
            int year = 0;
            if (is_punct(end, ',') && is_year_number(end + 1)) {
                year = m_toks[end + 1].value;
                end += 2;
            } else if (is_year_number(end)) {
                year = m_toks[end].value;
                end += 1;
            }
            return emit_day_range(i, end - 1, year, mo, d1, d2) ? end : i;
        }
        const std::size_t y = is_punct(j, ',') ? j + 1 : j;
        if (is_year_number(y)) {
            const int year = m_toks[y].value;
            emit(i, y, {year, mo, 1}, month_last(year, mo), DatePrecision::month);
            return y + 1;
        }
        // Bare month: only full, unambiguous names right after "in", "since", "last" …
        if (m_toks[i].abbrev || !m_pub || i == 0 || m_toks[i - 1].kind != TokKind::word ||
            (m_toks[i - 1].cls != WordClass::preposition && m_toks[i - 1].cls != WordClass::last)) {
            return i;
        }
        const int year = mo <= m_pub->month ? m_pub->year : m_pub->year - 1;
        emit(i, i, {year, mo, 1}, month_last(year, mo), DatePrecision::month);
        return i + 1;
    }

    // `29 January 2018`, `29th of Jan`, `29-30 January`.
    std::size_t day_first(std::size_t i) {
        int d1 = 0;
        int d2 = 0;
        std::size_t k = day_range(i, d1, d2);
        if (k == i || preceded_by_number_glue(i)) {
            return i;
        }
        if (const Tok* t = at(k); t != nullptr && t->kind == TokKind::word &&
                                  t->cls == WordClass::of) {
            ++k;
        }
        const Tok* m = at(k);
        if (m == nullptr || m->kind != TokKind::word || m->cls != WordClass::month) {
            return i;
        }
        std::size_t end = skip_abbrev_dot(k);
        int year = 0;
        if (is_year_number(end)) {
            year = m_toks[end].value;
            end += 1;
        } else if (is_punct(end, ',') && is_year_number(end + 1)) {
            year = m_toks[end + 1].value;
            end += 2;
        }
        return emit_day_range(i, end - 1, year, m->value, d1, d2) ? end : i;
    }

    // `2011`, unless it reads as a count, an amount, a clock time or part of a bigger number.
    std::size_t year_alone(std::size_t i) {
        if (!is_year_number(i) || preceded_by_number_glue(i)) {
            return i;
        }
        if (i > 0 && m_toks[i - 1].kind == TokKind::punct && m_toks[i - 1].punct == '$') {
            return i;
        }
        if (const Tok* n = at(i + 1);
            n != nullptr && n->kind == TokKind::word && n->cls == WordClass::count_noun) {
            return i;
        }
        const int y = m_toks[i].value;
        emit(i, i, {y, 1, 1}, {y, 12, 31}, DatePrecision::year);
        return i + 1;
    }

    // `Wednesday` (on or before publication), `last Wednesday` (before), `next Wednesday`.
    std::size_t weekday_at(std::size_t i, int direction, std::size_t first_tok) {
        if (!m_pub) {
            return i;
        }
        // "Wednesday, January 24" names the day again: let the month rule take it.
        const std::size_t j = is_punct(i + 1, ',') ? i + 2 : i + 1;
        if (const Tok* t = at(j); t != nullptr &&
                                  ((t->kind == TokKind::word && t->cls == WordClass::month) ||
                                   (is_day_number(j) && at(j + 1) != nullptr &&
                                    m_toks[j + 1].cls == WordClass::month))) {
            return i;
        }
        const int pub_wd = weekday(*m_pub);
        const int wd = m_toks[i].value;
        std::int64_t day = 0;
        if (direction > 0) {
            const int ahead = (wd - pub_wd + 7) % 7;
            day = m_pub_days + (ahead == 0 ? 7 : ahead);
        } else {
            const int back = (pub_wd - wd + 7) % 7;
            day = m_pub_days - (back == 0 && direction < 0 ? 7 : back);
        }
        emit_days(first_tok, i, day, day);
        return i + 1;
    }

    std::size_t relative_day(std::size_t i, int delta) {
        if (!m_pub) {
            return i;
        }
        emit_days(i, i, m_pub_days + delta, m_pub_days + delta);
        return i + 1;
    }

    // `last year`, `previous month`, `this week`, `next Wednesday` …
    std::size_t relative_period(std::size_t i, int delta) {
        const Tok* n = at(i + 1);
        if (!m_pub || n == nullptr || n->kind != TokKind::word) {
            return i;
        }
        switch (n->cls) {
        case WordClass::year: {
            const int y = m_pub->year + delta;
            emit(i, i + 1, {y, 1, 1}, {y, 12, 31}, DatePrecision::year);
            return i + 2;
        }
        case WordClass::month_word: {
            int y = m_pub->year;
            int mo = m_pub->month + delta;
            if (mo < 1) {
                mo += 12;
                --y;
            } else if (mo > 12) {
                mo -= 12;
                ++y;
            }
            emit(i, i + 1, {y, mo, 1}, month_last(y, mo), DatePrecision::month);
            return i + 2;
        }
        case WordClass::week: {
            // Weeks run Monday to Sunday (ISO 8601).
            const std::int64_t monday = m_pub_days - (weekday(*m_pub) + 6) % 7 + 7 * delta;
            emit_days(i, i + 1, monday, monday + 6);
            return i + 2;
        }
        case WordClass::weekday:
            return delta == 0 ? i : weekday_at(i + 1, delta, i);
        default:
            return i;
        }
    }

    std::vector<Tok> m_toks;
    std::optional<CivilDate> m_pub;
    std::int64_t m_pub_days = 0;
    std::vector<DateMention> m_out;
};

std::string two_digits(int v) {
    std::string out(2, '0');
    out[0] = static_cast<char>('0' + (v / 10) % 10);
    out[1] = static_cast<char>('0' + v % 10);
    return out;
}

} // namespace

std::int64_t days_from_civil(const CivilDate& d) { return days_from_civil(d.year, d.month, d.day); }

CivilDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

std::optional<Timestamp> parse_date(std::string_view text) {
    const std::string_view s = trim(text);
    if (s.size() < 6 || s.size() > 100) {
        return std::nullopt;
    }
    // Each fast path gives up within a few bytes on a shape that is not its own.
    using FastPath = std::optional<Timestamp> (*)(std::string_view);
    static constexpr FastPath digit_first[] = {parse_iso8601, parse_reuters_21578, parse_number,
                                               parse_rfc2822, parse_month_name_date};
    static constexpr FastPath letter_first[] = {parse_reuters_wire, parse_rfc2822,
                                                parse_month_name_date};
    if (is_digit(s[0])) {
        for (const FastPath f : digit_first) {
            if (auto t = f(s)) {
                return t;
            }
        }
    } else {
        for (const FastPath f : letter_first) {
            if (auto t = f(s)) {
                return t;
            }
        }
    }
    // Every shape has digits; text without any (e.g. "yesterday") need not visit ICU's table.
    if (s.find_first_of("0123456789") == std::string_view::npos) {
        return std::nullopt;
    }
    return parse_general(s);
}

std::string format_iso8601(const Timestamp& t) {
    const std::int64_t local = t.unix_seconds + std::int64_t{t.utc_offset_minutes} * 60;
    const std::int64_t days = floor_div(local, 86400);
    const auto secs = static_cast<int>(local - days * 86400);
    const CivilDate d = civil_from_days(days);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day,
                  secs / 3600, secs / 60 % 60, secs % 60);
    std::string out(buf);
    if (t.utc_offset_minutes == 0) {
        out += 'Z';
    } else {
        const int off = t.utc_offset_minutes < 0 ? -t.utc_offset_minutes : t.utc_offset_minutes;
        out += t.utc_offset_minutes < 0 ? '-' : '+';
        out += two_digits(off / 60);
        out += ':';
        out += two_digits(off % 60);
    }
    return out;
}

CivilDate local_date(const Timestamp& t) {
    const std::int64_t local = t.unix_seconds + std::int64_t{t.utc_offset_minutes} * 60;
    return civil_from_days(floor_div(local, 86400));
}

std::string day_key(const CivilDate& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
    return buf;
}

std::vector<DateMention> find_date_mentions(std::string_view text,
                                            const std::optional<Timestamp>& published) {
    // Offsets are 32-bit inside the scanner; an article is never near 4 GiB.
    if (text.size() >= 0xFFFFFFFFu) {
        text = text.substr(0, 0xFFFFFFFEu);
    }
    return MentionScanner(text, published).run();
}

} // namespace newsdex::analysis
