#include "newsdex/entity_registry.h"

#include <algorithm>
#include <charconv>

#include "newsdex/schema.h"

namespace newsdex::registry {
namespace {

constexpr char key_separator = '\x1f';

/// Tabs and line breaks would break a record's lines; names never need them.
std::string field_text(std::string_view s) {
    std::string out(s);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (;;) {
        const std::size_t cut = s.find(sep);
        parts.push_back(s.substr(0, cut));
        if (cut == std::string_view::npos) {
            return parts;
        }
        s.remove_prefix(cut + 1);
    }
}

std::optional<std::int64_t> number(std::string_view s) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return n;
}

void add_counts(std::map<std::string, std::int64_t>& into,
                const std::map<std::string, std::int64_t>& delta, bool keep_negative) {
    for (const auto& [name, count] : delta) {
        auto it = into.emplace(name, 0).first;
        it->second += count;
        if (it->second == 0 || (it->second < 0 && !keep_negative)) {
            into.erase(it);
        }
    }
}

/// "YYYYMM" as a month number, for windows; nullopt for anything else.
std::optional<int> month_index(std::string_view yyyymm) {
    if (yyyymm.size() != 6) {
        return std::nullopt;
    }
    const auto n = number(yyyymm);
    if (!n) {
        return std::nullopt;
    }
    return static_cast<int>(*n / 100) * 12 + static_cast<int>(*n % 100) - 1;
}

/// Articles of a record in the months [centre - w, centre + w].
std::int64_t articles_around(const Record& r, int centre, int w) {
    std::int64_t sum = 0;
    for (const auto& [month, count] : r.months) {
        if (const auto m = month_index(month); m && *m >= centre - w && *m <= centre + w) {
            sum += count;
        }
    }
    return sum;
}

} // namespace

std::string record_key(Kind kind, std::string_view key) {
    std::string out(registry_prefix);
    out += "e.";
    out += static_cast<char>(kind);
    out += ':';
    out += key;
    return out;
}

std::string short_form_key(std::string_view short_key) {
    return std::string(registry_prefix) + "s:" + std::string(short_key);
}

bool is_registry_key(std::string_view key) {
    return key.compare(0, registry_prefix.size(), registry_prefix) == 0;
}

std::string encode_record(const Record& r) {
    std::string out = "R1\t" + field_text(r.display) + '\t' + field_text(r.country) + '\t' +
                      r.first_seen + '\t' + r.last_seen + '\t' + std::to_string(r.articles);
    for (const auto& [form, count] : r.forms) {
        out += "\nF\t" + field_text(form) + '\t' + std::to_string(count);
    }
    for (const auto& [month, count] : r.months) {
        out += "\nM\t" + month + '\t' + std::to_string(count);
    }
    return out;
}

std::optional<Record> decode_record(std::string_view value) {
    const std::vector<std::string_view> lines = split(value, '\n');
    const std::vector<std::string_view> head = split(lines.front(), '\t');
    if (head.size() != 6 || head[0] != "R1") {
        return std::nullopt;
    }
    Record r;
    r.display = std::string(head[1]);
    r.country = std::string(head[2]);
    r.first_seen = std::string(head[3]);
    r.last_seen = std::string(head[4]);
    const auto articles = number(head[5]);
    if (!articles) {
        return std::nullopt;
    }
    r.articles = *articles;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::vector<std::string_view> f = split(lines[i], '\t');
        const auto count = f.size() == 3 ? number(f[2]) : std::nullopt;
        if (!count || (f[0] != "F" && f[0] != "M")) {
            return std::nullopt;
        }
        (f[0] == "F" ? r.forms : r.months)[std::string(f[1])] = *count;
    }
    return r;
}

void add_record(Record& into, const Record& delta, bool keep_negative) {
    if (into.display.empty()) {
        into.display = delta.display;
    }
    if (into.country.empty()) {
        into.country = delta.country;
    }
    if (!delta.first_seen.empty() &&
        (into.first_seen.empty() || delta.first_seen < into.first_seen)) {
        into.first_seen = delta.first_seen;
    }
    if (delta.last_seen > into.last_seen) {
        into.last_seen = delta.last_seen;
    }
    into.articles += delta.articles;
    add_counts(into.forms, delta.forms, keep_negative);
    add_counts(into.months, delta.months, keep_negative);
}

std::vector<std::string> decode_key_list(std::string_view value) {
    std::vector<std::string> keys;
    if (!value.empty()) {
        for (std::string_view k : split(value, key_separator)) {
            keys.emplace_back(k);
        }
    }
    return keys;
}

std::string encode_key_list(const std::vector<std::string>& keys) {
    std::vector<std::string> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::string out;
    for (const std::string& k : sorted) {
        out += (out.empty() ? "" : std::string(1, key_separator)) + k;
    }
    return out;
}

std::vector<std::string> short_forms(std::string_view full_key) {
    static constexpr std::string_view particles[] = {"al-", "el-",  "ad-", "ar-",
                                                     "as-", "ash-", "at-", "az-"};
    std::vector<std::string> out;
    for (std::size_t p = full_key.find(' '); p != std::string_view::npos;
         p = full_key.find(' ', p + 1)) {
        const std::string_view suffix = full_key.substr(p + 1);
        if (suffix.empty()) {
            continue;
        }
        out.emplace_back(suffix);
        for (const std::string_view particle : particles) {
            if (suffix.size() > particle.size() + 1 &&
                suffix.compare(0, particle.size(), particle) == 0) {
                out.emplace_back(suffix.substr(particle.size()));
            }
        }
    }
    return out;
}

std::map<std::string, std::vector<std::string>>
resolve_short_form(const Record& bare,
                   const std::vector<std::pair<std::string, Record>>& candidates,
                   const ResolutionPolicy& policy) {
    std::map<std::string, std::vector<std::string>> months_of;
    for (const auto& [month, count] : bare.months) {
        const auto centre = month_index(month);
        if (!centre || count <= 0) {
            continue;
        }
        const std::string* best = nullptr;
        std::int64_t best_count = 0;
        std::int64_t total = 0;
        for (const auto& [key, record] : candidates) {
            const std::int64_t n = articles_around(record, *centre, policy.window_months);
            total += n;
            if (n > best_count || (n == best_count && best != nullptr && key < *best)) {
                best = &key;
                best_count = n;
            }
        }
        if (best != nullptr && best_count >= policy.min_articles &&
            static_cast<double>(best_count) >= policy.min_share * static_cast<double>(total)) {
            months_of[*best].push_back(month);
        }
    }
    return months_of;
}

// --- reading ---------------------------------------------------------------------------------

Reader::Reader(std::vector<Xapian::Database> shards) : m_shards(std::move(shards)) {}

bool Reader::present() {
    if (!m_present) {
        m_present = false;
        for (const Xapian::Database& db : m_shards) {
            const std::string prefix(registry_prefix);
            if (db.metadata_keys_begin(prefix) != db.metadata_keys_end(prefix)) {
                m_present = true;
                break;
            }
        }
    }
    return *m_present;
}

std::optional<Record> Reader::find(Kind kind, const std::string& key) {
    const std::string k = record_key(kind, key);
    const auto cached = m_records.find(k);
    if (cached != m_records.end()) {
        return cached->second;
    }
    std::optional<Record> sum;
    for (const Xapian::Database& db : m_shards) {
        if (const auto r = decode_record(db.get_metadata(k))) {
            if (!sum) {
                sum = Record{};
            }
            add_record(*sum, *r);
        }
    }
    m_records.emplace(k, sum);
    return sum;
}

std::vector<std::string> Reader::full_names_for(const std::string& short_key) {
    const auto cached = m_short_forms.find(short_key);
    if (cached != m_short_forms.end()) {
        return cached->second;
    }
    std::vector<std::string> all;
    for (const Xapian::Database& db : m_shards) {
        for (std::string& k : decode_key_list(db.get_metadata(short_form_key(short_key)))) {
            all.push_back(std::move(k));
        }
    }
    all = decode_key_list(encode_key_list(all)); // sorted, once each
    return m_short_forms.emplace(short_key, std::move(all)).first->second;
}

std::map<std::string, std::vector<std::string>> Reader::readings(const std::string& short_key,
                                                                 const ResolutionPolicy& policy) {
    const std::optional<Record> bare = find(Kind::person, short_key);
    if (!bare) {
        return {};
    }
    std::vector<std::pair<std::string, Record>> candidates;
    for (const std::string& full : full_names_for(short_key)) {
        if (auto r = find(Kind::person, full)) {
            candidates.emplace_back(full, std::move(*r));
        }
    }
    return resolve_short_form(*bare, candidates, policy);
}

// --- writing ---------------------------------------------------------------------------------

void BatchWriter::add_article(const std::vector<Mention>& mentions, const std::string& day) {
    const std::string month = day.size() >= 6 ? day.substr(0, 6) : std::string();
    for (const Mention& m : mentions) {
        Record& r = m_delta[record_key(m.kind, m.key)];
        if (r.display.empty()) {
            r.display = m.display;
            r.country = m.country;
        }
        if (!day.empty()) {
            if (r.first_seen.empty() || day < r.first_seen) {
                r.first_seen = day;
            }
            r.last_seen = std::max(r.last_seen, day);
            ++r.months[month];
        }
        ++r.articles;
        for (const std::string& form : m.forms) {
            ++r.forms[form];
        }
    }
}

void BatchWriter::remove_document(const Xapian::Document& doc) {
    static const std::pair<std::string_view, Kind> facets[] = {
        {"person", Kind::person}, {"org", Kind::organisation}, {"location", Kind::place}};
    const std::string day = doc.get_value(schema::slot(schema::Slot::published_day));
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        for (const auto& [field, kind] : facets) {
            const std::string_view prefix = schema::field(field).prefix;
            if (term.compare(0, prefix.size(), prefix) != 0) {
                continue;
            }
            std::string key = term.substr(prefix.size());
            if (!key.empty() && key[0] == ':') {
                key.erase(0, 1);
            }
            if (key.empty()) {
                continue;
            }
            Record& r = m_delta[record_key(kind, key)];
            --r.articles;
            if (day.size() >= 6) {
                --r.months[day.substr(0, 6)];
            }
        }
    }
}

void BatchWriter::absorb(BatchWriter&& other) {
    for (auto& [key, delta] : other.m_delta) {
        auto [it, fresh] = m_delta.try_emplace(key);
        if (fresh) {
            it->second = std::move(delta);
        } else {
            add_record(it->second, delta, true);
        }
    }
    other.m_delta.clear();
}

void BatchWriter::flush(Xapian::WritableDatabase& db) {
    std::map<std::string, std::vector<std::string>> short_added;
    const std::string person_prefix = record_key(Kind::person, "");
    for (auto& [key, delta] : m_delta) {
        const std::string stored = db.get_metadata(key);
        std::optional<Record> record = decode_record(stored);
        const bool is_new = !record;
        if (!record) {
            record = Record{};
        }
        add_record(*record, delta);
        if (record->articles <= 0) {
            if (!stored.empty()) {
                db.set_metadata(key, ""); // empty: Xapian removes the key
            }
            continue;
        }
        db.set_metadata(key, encode_record(*record));
        if (is_new && key.compare(0, person_prefix.size(), person_prefix) == 0) {
            const std::string full = key.substr(person_prefix.size());
            for (const std::string& s : short_forms(full)) {
                short_added[s].push_back(full);
            }
        }
    }
    for (auto& [short_key, fulls] : short_added) {
        const std::string k = short_form_key(short_key);
        std::vector<std::string> keys = decode_key_list(db.get_metadata(k));
        keys.insert(keys.end(), fulls.begin(), fulls.end());
        db.set_metadata(k, encode_key_list(keys));
    }
    m_delta.clear();
}

std::string merge_metadata(std::string_view key, const std::vector<std::string>& values) {
    if (values.empty()) {
        return {};
    }
    const std::string s_prefix = std::string(registry_prefix) + "s:";
    if (key.compare(0, s_prefix.size(), s_prefix) == 0) {
        std::vector<std::string> keys;
        for (const std::string& v : values) {
            for (std::string& k : decode_key_list(v)) {
                keys.push_back(std::move(k));
            }
        }
        return encode_key_list(keys);
    }
    std::optional<Record> sum;
    for (const std::string& v : values) {
        if (const auto r = decode_record(v)) {
            if (!sum) {
                sum = Record{};
            }
            add_record(*sum, *r);
        }
    }
    return sum ? encode_record(*sum) : values.front();
}

} // namespace newsdex::registry
