#include "newsdex/time/timestamp.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/parsepos.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "newsdex/ascii.h"
#include "newsdex/error.h"
#include "newsdex/time/calendar.h"

namespace newsdex {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
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
    {"UTC", 0},    {"GMT", 0},     {"UT", 0},      {"Z", 0},      {"WET", 0},    {"WEST", 60},
    {"BST", 60},   {"CET", 60},    {"MET", 60},    {"WAT", 60},   {"CEST", 120}, {"MEST", 120},
    {"EET", 120},  {"SAST", 120},  {"CAT", 120},   {"IST", 330},  {"EEST", 180}, {"MSK", 180},
    {"EAT", 180},  {"AST", -240},  {"GST", 240},   {"PKT", 300},  {"NPT", 345},  {"ICT", 420},
    {"WIB", 420},  {"HKT", 480},   {"SGT", 480},   {"AWST", 480}, {"PHT", 480},  {"MYT", 480},
    {"KST", 540},  {"JST", 540},   {"ACST", 570},  {"ACDT", 630}, {"AEST", 600}, {"AEDT", 660},
    {"NZST", 720}, {"NZDT", 780},  {"ADT", -180},  {"NST", -210}, {"NDT", -150}, {"EST", -300},
    {"EDT", -240}, {"CST", -360},  {"CDT", -300},  {"MST", -420}, {"MDT", -360}, {"PST", -480},
    {"PDT", -420}, {"AKST", -540}, {"AKDT", -480}, {"HST", -600}, {"BRT", -180},
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
    const std::int64_t local = days_from_civil(CivilDate{y, mo, d}) * 86400 +
                               std::int64_t{h} * 3600 + std::int64_t{mi} * 60 + sec;
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
    if (s.size() < 24 || s[3] != ' ' || s[7] != ' ' || weekday_from_name(s.substr(0, 3)) < 0) {
        return std::nullopt;
    }
    const int mo = month_from_name(s.substr(4, 3));
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
    const char a = to_lower(s[pos]);
    if ((a != 'a' && a != 'p') || to_lower(s[pos + 1]) != 'm') {
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
        if (weekday_from_name(s.substr(0, 3)) < 0) {
            return std::nullopt;
        }
        pos = 5;
    }
    int d = 0;
    if (!read_upto(s, pos, 2, d) || pos + 5 > s.size() || s[pos] != ' ' || s[pos + 4] != ' ') {
        return std::nullopt;
    }
    const int mo = month_from_name(s.substr(pos + 1, 3));
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
    const int mo = month_from_name(s.substr(pos + 1, 3));
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
        m_calendar.reset(
            icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), locale, status));
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

std::string two_digits(int v) {
    std::string out(2, '0');
    out[0] = static_cast<char>('0' + (v / 10) % 10);
    out[1] = static_cast<char>('0' + v % 10);
    return out;
}

} // namespace

std::optional<Timestamp> parse_date(std::string_view text) {
    std::optional<Timestamp> t = parse_date_any_year(text);
    if (t && !is_plausible_publication_year(local_date(*t).year)) {
        return std::nullopt;
    }
    return t;
}

std::optional<Timestamp> parse_date_any_year(std::string_view text) {
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

} // namespace newsdex
