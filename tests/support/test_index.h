/// @file
/// @brief A small archive on disk, built from inline articles through the real
///        index::DocumentBuilder, that Searcher opens like any indexed archive.
///
/// Terms, value slots and stored data come from the writer itself, so a test of the query
/// side cannot drift from what the indexer writes.
#pragma once
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "article.h"
#include "newsdex/analysis/entities.h"
#include "newsdex/article.h"
#include "newsdex/index/document_builder.h"
#include "newsdex/schema.h"
#include "newsdex/time/calendar.h"
#include "temp_dir.h"

namespace newsdex::test {

/// The default entity extractor (tagger and gazetteer), loaded once per test binary.
inline const analysis::EntityExtractor& default_extractor() {
    static const analysis::EntityExtractor extractor = analysis::EntityExtractor::load_default();
    return extractor;
}

/// An article published at noon UTC on `day` ("2018-01-24").
inline Article dated_article(const std::string& id, const std::string& day,
                             const std::string& title, const std::string& body) {
    Article a = article(id, title, body);
    const CivilDate d{std::stoi(day.substr(0, 4)), std::stoi(day.substr(5, 2)),
                      std::stoi(day.substr(8, 2))};
    a.published = Timestamp{days_from_civil(d) * 86400 + 12 * 3600, 0};
    return a;
}

/// A database in a temporary directory holding the articles, as the indexer writes them
/// (with entities unless `with_entities` is false), and the schema version Searcher checks.
class TestIndex {
public:
    explicit TestIndex(const std::vector<Article>& articles, bool with_entities = true)
        : m_path(m_dir / "news.db") {
        Xapian::WritableDatabase db(m_path, Xapian::DB_CREATE);
        index::DocumentBuilder builder("en", with_entities ? &default_extractor() : nullptr);
        for (const Article& a : articles) {
            db.replace_document(schema::id_term(a.id), builder.build(a));
        }
        db.set_metadata(std::string(schema::version_key), std::to_string(schema::version));
        db.commit();
    }

    /// Where the database is (for Searcher and --db).
    const std::string& path() const { return m_path; }

private:
    TempDir m_dir;
    std::string m_path;
};

/// The article ids a database holds (its id terms, without the prefix).
inline std::set<std::string> stored_ids(const std::string& path) {
    const Xapian::Database db(path);
    const std::string prefix = schema::id_term("").substr(0, 1);
    std::set<std::string> out;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        out.insert((*t).substr(prefix.size()));
    }
    return out;
}

} // namespace newsdex::test
