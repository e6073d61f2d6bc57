#include "newsdex/search/article_lookup.h"

#include <algorithm>
#include <set>
#include <string>

#include "newsdex/schema.h"
#include "newsdex/stored_article.h"

namespace newsdex::search {
namespace {

std::vector<std::string> split_packed(const std::string& packed) {
    std::vector<std::string> values;
    schema::packed_split(packed, [&values](std::string_view v) { values.emplace_back(v); });
    return values;
}

// The dates the text mentions, from the mention terms: each day, and a month or year only
// when no day inside it is mentioned (a day term comes with its month's and year's).
std::vector<std::string> mentioned_dates(const Xapian::Document& doc) {
    auto with_prefix = [&doc](std::string_view prefix) {
        std::vector<std::string> found;
        auto t = doc.termlist_begin();
        for (t.skip_to(std::string(prefix));
             t != doc.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0; ++t) {
            found.push_back((*t).substr(prefix.size()));
        }
        return found;
    };
    const std::vector<std::string> days = with_prefix(schema::mentioned_day_prefix);
    const std::vector<std::string> months = with_prefix(schema::mentioned_month_prefix);
    const std::vector<std::string> years = with_prefix(schema::mentioned_year_prefix);
    std::set<std::string> covered_months;
    std::set<std::string> covered_years;
    std::vector<std::string> shown;
    for (const std::string& d : days) {
        if (d.size() == 8) {
            covered_months.insert(d.substr(0, 6));
            covered_years.insert(d.substr(0, 4));
            shown.push_back(d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2));
        }
    }
    for (const std::string& m : months) {
        if (m.size() == 6) {
            covered_years.insert(m.substr(0, 4));
            if (covered_months.count(m) == 0) {
                shown.push_back(m.substr(0, 4) + "-" + m.substr(4, 2));
            }
        }
    }
    for (const std::string& y : years) {
        if (covered_years.count(y) == 0) {
            shown.push_back(y);
        }
    }
    std::sort(shown.begin(), shown.end());
    return shown;
}

} // namespace

std::optional<FullArticle> find_article(const Xapian::Database& db, std::string_view id) {
    const std::string term = schema::id_term(id);
    const Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) {
        return std::nullopt;
    }
    const Xapian::Document doc = db.get_document(*it);
    StoredArticle stored = decode_stored(doc.get_data());
    FullArticle a;
    a.id = std::move(stored.id);
    a.title = std::move(stored.title);
    a.date = std::move(stored.published);
    a.url = std::move(stored.url);
    a.source = std::move(stored.source);
    a.author = std::move(stored.author);
    a.language = std::move(stored.language);
    a.body = std::move(stored.body);
    for (const schema::Facet& f : schema::facets) {
        if (f.packed_slot != 0) {
            a.facets.emplace_back(std::string(f.name), split_packed(doc.get_value(f.packed_slot)));
        }
    }
    a.facets.emplace_back("mentions", mentioned_dates(doc));
    return a;
}

} // namespace newsdex::search
