#include "reader_support.h"

#include <cstdint>

#include "newsdex/ascii.h"
#include "newsdex/hash.h"
#include "newsdex/time/timestamp.h"

namespace newsdex::corpus::detail {

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (char c : trim(text)) {
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += c;
    }
    return out;
}

std::string clean_author(std::string_view text) {
    std::string author = collapse_whitespace(text);
    if (starts_with_nocase(author, "by ")) {
        author.erase(0, 3);
    }
    return author;
}

std::string language_code(std::string_view text) {
    const std::string_view t = trim(text);
    return lower_ascii(t.substr(0, 2));
}

std::string hash_id(std::string_view title, std::string_view body) {
    std::uint64_t h = fnv1a64(title, fnv1a64_basis);
    h = fnv1a64(std::uint8_t{0}, h); // so that "ab"+"c" and "a"+"bc" differ
    h = fnv1a64(body, h);
    return "h:" + hex16(h);
}

void set_published(Article& article, std::string_view text, const ProblemSink& sink,
                   std::uint64_t line) {
    const std::string_view t = trim(text);
    if (t.empty()) {
        return;
    }
    article.published = parse_date(t);
    if (!article.published) {
        article.published_text = std::string(t);
        const bool placeholder = parse_date_any_year(t).has_value();
        report(sink, ProblemKind::bad_date, article.origin.file,
               line != 0 ? line : article.origin.line,
               placeholder
                   ? "implausible year in date '" + article.published_text +
                         "' (publication years " + std::to_string(earliest_publication_year) +
                         " to " + std::to_string(latest_publication_year) + " are kept)"
                   : "cannot read date '" + article.published_text + "'");
    }
}

void set_filed_date(Article& article, std::string_view text, const ProblemSink& sink) {
    const std::string_view t = trim(text);
    if (t.empty()) {
        return;
    }
    if (const std::optional<Timestamp> day = parse_date(t)) {
        article.published = day;
        article.published_text.clear();
    } else if (article.published_text.empty()) {
        article.published_text = std::string(t);
        report(sink, ProblemKind::bad_date, article.origin.file, article.origin.line,
               "cannot read folder date '" + article.published_text + "'");
    }
}

bool finish_article(Article& article, std::size_t max_bytes, const ProblemSink& sink,
                    bool keep_empty) {
    if (article.id.empty()) {
        article.id = article.url.empty() ? hash_id(article.title, article.body) : article.url;
    }
    if (article.deleted) {
        return true; // a tombstone only needs its id
    }
    if (article.title.empty() && article.body.empty() && !keep_empty) {
        report(sink, ProblemKind::missing_body, article.origin.file, article.origin.line,
               "no title or body");
        return false;
    }
    const std::size_t size = article.title.size() + article.body.size();
    if (max_bytes != 0 && size > max_bytes) {
        report(sink, ProblemKind::too_large, article.origin.file, article.origin.line,
               "article is " + std::to_string(size) + " bytes, over the limit of " +
                   std::to_string(max_bytes));
        return false;
    }
    return true;
}

bool looks_binary(std::string_view sample) {
    static constexpr std::string_view signatures[] = {"%PDF-",   "\x89PNG",  "\xFF\xD8\xFF",
                                                      "GIF87a",  "GIF89a",   "PK\x03\x04",
                                                      "\177ELF", "\xFF\xFE", "\xFE\xFF"};
    for (std::string_view signature : signatures) {
        if (sample.substr(0, signature.size()) == signature) {
            return true;
        }
    }
    std::size_t controls = 0;
    for (char c : sample) {
        const auto b = static_cast<unsigned char>(c);
        controls += b < 0x20 && !is_space(c) && b != 0x1B ? 1 : 0;
    }
    return controls * 10 > sample.size();
}

void report(const ProblemSink& sink, ProblemKind kind, const std::string& file, std::uint64_t line,
            std::string message) {
    if (sink) {
        sink(Problem{kind, SourceLocation{file, line}, std::move(message)});
    }
}

} // namespace newsdex::corpus::detail
