#include "newsdex/output/lookup_output.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "newsdex/output/csv_output.h"

namespace newsdex::output {
namespace {

constexpr const char* bold = "\x1b[1m";
constexpr const char* dim = "\x1b[2m";
constexpr const char* reset = "\x1b[0m";

std::string pad_right(const std::string& s, std::size_t width) {
    return s + std::string(width > display_width(s) ? width - display_width(s) : 0, ' ');
}

std::string pad_left(const std::string& s, std::size_t width) {
    return std::string(width > display_width(s) ? width - display_width(s) : 0, ' ') + s;
}

std::string fixed(double x, int decimals) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return buf;
}

} // namespace

void write_related_text(std::ostream& out, const search::RelatedResult& r, const TextStyle& style) {
    // Values, queries and titles come from articles and users: printable(), as everywhere.
    out << r.facet << " related to '" << printable(r.query) << "': " << r.matches
        << " matching articles of " << r.documents << ", values with at least " << r.min_count
        << '\n';
    for (const std::string& part : r.interpretation) {
        out << "  [" << printable(part) << "]\n";
    }
    if (r.values.empty()) {
        out << "(none)\n";
        return;
    }
    std::size_t width = 5;
    for (const search::RelatedValue& v : r.values) {
        width = std::max(width, display_width(printable(v.value)));
    }
    out << '\n'
        << (style.color ? dim : "") << "  " << pad_right("value", width)
        << "  count  of all  expected    lift    pmi" << (style.color ? reset : "") << '\n';
    for (const search::RelatedValue& v : r.values) {
        out << "  " << (style.color ? bold : "") << pad_right(printable(v.value), width)
            << (style.color ? reset : "") << "  " << pad_left(std::to_string(v.count), 5) << "  "
            << pad_left(std::to_string(v.total), 6) << "  " << pad_left(fixed(v.expected, 2), 8)
            << "  " << pad_left(fixed(v.lift, 2), 6) << "  " << pad_left(fixed(v.pmi, 2), 5)
            << '\n';
    }
}

nlohmann::json to_json(const search::RelatedResult& r) {
    nlohmann::json values = nlohmann::json::array();
    for (const search::RelatedValue& v : r.values) {
        values.push_back({{"value", v.value},
                          {"count", v.count},
                          {"total", v.total},
                          {"expected", v.expected},
                          {"lift", v.lift},
                          {"pmi", v.pmi}});
    }
    return {{"query", r.query},         {"facet", r.facet},
            {"matches", r.matches},     {"documents", r.documents},
            {"min_count", r.min_count}, {"interpretation", r.interpretation},
            {"warnings", r.warnings},   {"elapsed_ms", r.elapsed_ms},
            {"related", values}};
}

void write_related_csv(std::ostream& out, const search::RelatedResult& r) {
    write_csv_row(out, {"value", "count", "total", "expected", "lift", "pmi"});
    for (const search::RelatedValue& v : r.values) {
        write_csv_row(out, {v.value, std::to_string(v.count), std::to_string(v.total),
                            fixed(v.expected, 4), fixed(v.lift, 4), fixed(v.pmi, 4)});
    }
}

void write_names_text(std::ostream& out, const std::vector<search::NameAnswer>& answers,
                      const TextStyle& style) {
    std::size_t width = 4;
    for (const search::NameAnswer& a : answers) {
        width = std::max(width, display_width(printable(a.line)));
    }
    out << (style.color ? dim : "") << pad_right("name", width)
        << "  as       articles  stories  first       last" << (style.color ? reset : "") << '\n';
    for (const search::NameAnswer& a : answers) {
        out << (style.color ? bold : "") << pad_right(printable(a.line), width)
            << (style.color ? reset : "") << "  " << pad_right(search::to_string(a.how), 7)
            << pad_left(std::to_string(a.articles), 9) << pad_left(std::to_string(a.stories), 9)
            << "  " << pad_right(a.first.empty() ? "-" : a.first, 10) << "  "
            << (a.last.empty() ? "-" : a.last) << '\n';
        if (a.how == search::NameMatch::actor && !a.resolved.empty()) {
            out << "    " << (style.color ? dim : "") << printable(a.resolved)
                << (style.color ? reset : "") << '\n';
        }
        for (const search::Hit& h : a.top) {
            out << "    " << (h.date.size() >= 10 ? h.date.substr(0, 10) : "   no date") << "  "
                << (h.title.empty() ? "(no title)" : printable(h.title)) << "  "
                << (style.color ? dim : "") << printable(h.id) << (style.color ? reset : "")
                << '\n';
        }
    }
}

nlohmann::json to_json(const search::NameAnswer& a) {
    nlohmann::json top = nlohmann::json::array();
    for (const search::Hit& h : a.top) {
        top.push_back({{"id", h.id},
                       {"date", h.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.date)},
                       {"title", h.title},
                       {"url", h.url}});
    }
    auto or_null = [](const std::string& s) {
        return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
    };
    return {{"name", a.line},
            {"as", search::to_string(a.how)},
            {"query", a.query},
            {"resolved", a.resolved},
            {"articles", a.articles},
            {"stories", a.stories},
            {"first", or_null(a.first)},
            {"last", or_null(a.last)},
            {"top", top},
            {"warnings", a.warnings},
            {"elapsed_ms", a.elapsed_ms}};
}

void write_names_csv_header(std::ostream& out) {
    write_csv_row(out,
                  {"name", "as", "resolved", "articles", "stories", "first", "last", "top_ids"});
}

void write_names_csv(std::ostream& out, const search::NameAnswer& a) {
    std::string ids;
    for (const search::Hit& h : a.top) {
        ids += (ids.empty() ? "" : "; ") + h.id;
    }
    write_csv_row(out, {a.line, search::to_string(a.how), a.resolved, std::to_string(a.articles),
                        std::to_string(a.stories), a.first, a.last, ids});
}

} // namespace newsdex::output
