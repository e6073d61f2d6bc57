#include "newsdex/corpus/jsonl_reader.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <vector>

#include "newsdex/utf8.h"
#include "reader_support.h"

namespace newsdex::corpus {
namespace {

using nlohmann::json;

// The names dumps in the wild use, most specific first; --field replaces a whole list.
const std::vector<std::string> default_id = {"id", "guid", "uuid", "_id"};
const std::vector<std::string> default_url = {"url", "link", "href"};
const std::vector<std::string> default_title = {"title", "headline"};
const std::vector<std::string> default_body = {"body", "text", "content", "article", "description"};
const std::vector<std::string> default_published = {"published",    "date",          "pubDate",
                                                    "published_at", "datePublished", "publishedAt",
                                                    "timestamp",    "time",          "created_at"};
// A day the record was filed under (the financial news's `"dir_date": "20061020"`, the
// folder of the original file): the publication day when the record has no readable date.
const std::vector<std::string> default_filed = {"dir_date", "folder_date"};
const std::vector<std::string> default_source = {"source", "publisher", "site", "feed"};
const std::vector<std::string> default_author = {"author", "byline", "creator", "authors"};
const std::vector<std::string> default_language = {"language", "lang", "locale"};

// A field that is there and not null; a name with dots also finds nested objects
// ("meta.site") when no top-level key has the whole name.
const json* find_field(const json& object, const std::string& name) {
    auto it = object.find(name);
    if (it != object.end()) {
        return it->is_null() ? nullptr : &*it;
    }
    if (name.find('.') == std::string::npos) {
        return nullptr;
    }
    const json* node = &object;
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t dot = std::min(name.find('.', start), name.size());
        if (!node->is_object()) {
            return nullptr;
        }
        auto child = node->find(name.substr(start, dot - start));
        if (child == node->end()) {
            return nullptr;
        }
        node = &*child;
        start = dot + 1;
    }
    return node->is_null() ? nullptr : node;
}

const json* find_first(const json& object, const std::vector<std::string>& names) {
    for (const auto& name : names) {
        if (const json* v = find_field(object, name)) {
            return v;
        }
    }
    return nullptr;
}

// Scalars as text: a number id 42 is "42"; objects give their "name" (publisher objects).
std::string as_text(const json& v) {
    switch (v.type()) {
    case json::value_t::string:
        return v.get_ref<const std::string&>();
    case json::value_t::number_integer:
        return std::to_string(v.get<std::int64_t>());
    case json::value_t::number_unsigned:
        return std::to_string(v.get<std::uint64_t>());
    case json::value_t::number_float:
    case json::value_t::boolean:
        return v.dump();
    case json::value_t::object: {
        auto it = v.find("name");
        return it != v.end() && !it->is_object() && !it->is_array() ? as_text(*it) : "";
    }
    default:
        return "";
    }
}

// Arrays of paragraphs or of authors are joined with `separator`.
std::string as_joined_text(const json& v, std::string_view separator) {
    if (!v.is_array()) {
        return as_text(v);
    }
    std::string out;
    for (const auto& element : v) {
        std::string part(trim(as_text(element)));
        if (part.empty()) {
            continue;
        }
        if (!out.empty()) {
            out += separator;
        }
        out += part;
    }
    return out;
}

bool is_true(const json& v) {
    if (v.is_boolean()) {
        return v.get<bool>();
    }
    if (v.is_number_integer() || v.is_number_unsigned()) {
        return v.get<std::int64_t>() != 0;
    }
    if (v.is_string()) {
        return lower_ascii(v.get_ref<const std::string&>()) == "true";
    }
    return false;
}

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 1, column 5:
// …"; the line is ours to give (the parser only ever sees one), so drop it and the tag.
std::string short_parse_message(const std::string& what) {
    std::string m = what;
    const auto bracket = m.find("] ");
    if (!m.empty() && m[0] == '[' && bracket != std::string::npos) {
        m.erase(0, bracket + 2);
    }
    const auto at_line = m.find("line 1, ");
    if (at_line != std::string::npos) {
        m.erase(at_line, std::strlen("line 1, "));
    }
    return m;
}

} // namespace

struct JsonlReader::Fields {
    std::vector<std::string> id = default_id;
    std::vector<std::string> url = default_url;
    std::vector<std::string> title = default_title;
    std::vector<std::string> body = default_body;
    std::vector<std::string> published = default_published;
    std::vector<std::string> filed = default_filed;
    std::vector<std::string> source = default_source;
    std::vector<std::string> author = default_author;
    std::vector<std::string> language = default_language;
    std::vector<std::string> deleted = {"deleted"};

    explicit Fields(const std::map<std::string, std::string>& field_map) {
        for (const auto& [field, name] : field_map) {
            if (auto* names = names_of(field)) {
                *names = {name};
            }
        }
    }

    std::vector<std::string>* names_of(const std::string& field) {
        if (field == "id") {
            return &id;
        }
        if (field == "url") {
            return &url;
        }
        if (field == "title") {
            return &title;
        }
        if (field == "body") {
            return &body;
        }
        if (field == "published") {
            return &published;
        }
        if (field == "filed") {
            return &filed;
        }
        if (field == "source") {
            return &source;
        }
        if (field == "author") {
            return &author;
        }
        if (field == "language") {
            return &language;
        }
        if (field == "deleted") {
            return &deleted;
        }
        return nullptr;
    }
};

JsonlReader::JsonlReader(std::unique_ptr<InputStream> input, std::string file_name,
                         const ReaderOptions& options, ProblemSink sink)
    : m_input(std::move(input)), m_file(std::move(file_name)),
      m_fields(std::make_unique<Fields>(options.field_map)), m_max_bytes(options.max_article_bytes),
      m_sink(std::move(sink)) {}

JsonlReader::~JsonlReader() = default;

std::optional<Article> JsonlReader::next() {
    // A JSON escape is at most 6 bytes for one byte of text (\u0001).
    const std::size_t line_limit = detail::raw_record_limit(m_max_bytes, 6);
    while (!m_finished) {
        bool too_long = false;
        if (!m_input->read_line(m_line, line_limit, &too_long)) {
            m_finished = true;
            if (const auto& failure = m_input->failure()) {
                detail::report(m_sink, ProblemKind::truncated_gzip, m_file, m_line_no + 1,
                               *failure);
            } else if (!m_saw_record) {
                detail::report(m_sink, ProblemKind::empty_file, m_file, 0, "no records");
            }
            break;
        }
        ++m_line_no;
        if (trim(m_line).empty()) {
            continue;
        }
        m_saw_record = true;
        if (too_long) {
            detail::report(m_sink, ProblemKind::too_large, m_file, m_line_no,
                           "record is over " + std::to_string(line_limit) +
                               " bytes (the limit of " + std::to_string(m_max_bytes) +
                               " bytes of text, with room for JSON escapes)");
            continue;
        }
        if (std::memchr(m_line.data(), '\0', m_line.size()) != nullptr) {
            detail::report(m_sink, ProblemKind::binary_data, m_file, m_line_no,
                           "nul byte in record");
            continue;
        }
        json object;
        try {
            object = json::parse(m_line);
        } catch (const json::exception& e) { // a parse_error, or out_of_range (1e999)
            // Most bad lines are bad JSON; some are good JSON in bad UTF-8, which the parser
            // rejects too. Repairing only on failure keeps the common path free of the check.
            if (!repair_utf8(m_line)) {
                detail::report(m_sink, ProblemKind::malformed_record, m_file, m_line_no,
                               short_parse_message(e.what()));
                continue;
            }
            detail::report(m_sink, ProblemKind::invalid_utf8, m_file, m_line_no,
                           "invalid utf-8 replaced with U+FFFD");
            try {
                object = json::parse(m_line);
            } catch (const json::exception& again) {
                detail::report(m_sink, ProblemKind::malformed_record, m_file, m_line_no,
                               short_parse_message(again.what()));
                continue;
            }
        }
        if (!object.is_object()) {
            detail::report(m_sink, ProblemKind::malformed_record, m_file, m_line_no,
                           "not a json object");
            continue;
        }

        Article a;
        a.origin = SourceLocation{m_file, m_line_no};
        const Fields& f = *m_fields;
        if (const json* v = find_first(object, f.id)) {
            a.id = std::string(trim(as_text(*v)));
        }
        if (const json* v = find_first(object, f.url)) {
            a.url = std::string(trim(as_text(*v)));
        }
        if (const json* v = find_first(object, f.title)) {
            a.title = std::string(trim(as_text(*v)));
        }
        if (const json* v = find_first(object, f.body)) {
            a.body = std::string(trim(as_joined_text(*v, "\n\n")));
        }
        if (const json* v = find_first(object, f.source)) {
            a.source = detail::collapse_whitespace(as_text(*v));
        }
        if (const json* v = find_first(object, f.author)) {
            a.author = detail::clean_author(as_joined_text(*v, ", "));
        }
        if (const json* v = find_first(object, f.language)) {
            a.language = detail::language_code(as_text(*v));
        }
        if (const json* v = find_first(object, f.deleted)) {
            a.deleted = is_true(*v);
        }
        if (const json* v = find_first(object, f.published)) {
            detail::set_published(a, as_text(*v), m_sink);
        }
        if (!a.published) {
            if (const json* v = find_first(object, f.filed)) {
                detail::set_filed_date(a, as_text(*v), m_sink);
            }
        }
        if (!detail::finish_article(a, m_max_bytes, m_sink)) {
            continue;
        }
        return a;
    }
    return std::nullopt;
}

} // namespace newsdex::corpus
