#include "newsdex/index/indexer.h"

#include <chrono>
#include <cstdio>

#include "newsdex/error.h"
#include "newsdex/schema.h"

namespace newsdex::index {
namespace {

Xapian::WritableDatabase open_writable(const IndexOptions& options) {
    const int action = options.overwrite ? Xapian::DB_CREATE_OR_OVERWRITE
                                         : Xapian::DB_CREATE_OR_OPEN;
    try {
        return Xapian::WritableDatabase(options.db_path, action);
    } catch (const Xapian::DatabaseLockError&) {
        throw Error("database '" + options.db_path +
                    "' is locked by another indexer (try again when it has finished)");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open database '" + options.db_path + "': " + e.get_msg());
    }
}

} // namespace

std::string summary_line(const IndexStats& s) {
    char timing[96];
    const double rate = s.seconds > 0 ? static_cast<double>(s.read) / s.seconds : 0.0;
    std::snprintf(timing, sizeof timing, " in %.2f s (%.0f articles/s)", s.seconds, rate);
    std::string line = "read " + std::to_string(s.read) + ", added " + std::to_string(s.added) +
                       ", replaced " + std::to_string(s.replaced) + ", unchanged " +
                       std::to_string(s.unchanged) + ", deleted " + std::to_string(s.deleted) +
                       ", rejected " + std::to_string(s.rejected);
    line += timing;
    if (!s.problems.empty()) {
        line += "; problems:";
        const char* sep = " ";
        for (const auto& [kind, count] : s.problems) {
            line += sep + to_string(kind) + " " + std::to_string(count);
            sep = ", ";
        }
    }
    return line;
}

Indexer::Indexer(IndexOptions options)
    : m_options(std::move(options)), m_db(open_writable(m_options)),
      m_builder(m_options.default_language) {
    const std::string stored = m_db.get_metadata(std::string(schema::version_key));
    const std::string ours = std::to_string(schema::version);
    if (stored.empty()) {
        if (m_db.get_doccount() > 0) {
            throw SchemaError("database '" + m_options.db_path +
                              "' was not written by newsdex (re-index with --overwrite)");
        }
        if (!m_options.dry_run) {
            m_db.set_metadata(std::string(schema::version_key), ours);
        }
    } else if (stored != ours) {
        throw SchemaError("database '" + m_options.db_path + "' has schema version " + stored +
                          ", this newsdex writes " + ours + " (re-index with --overwrite)");
    }
}

Xapian::doccount Indexer::document_count() const { return m_db.get_doccount(); }

void Indexer::add(const Article& article) {
    ++m_stats.read;
    const std::string id_term = schema::id_term(article.id);
    Xapian::PostingIterator existing = m_db.postlist_begin(id_term);
    const bool exists = existing != m_db.postlist_end(id_term);
    if (article.deleted) {
        if (exists) {
            ++m_stats.deleted;
            if (!m_options.dry_run) {
                m_db.delete_document(id_term);
            }
        }
    } else if (exists && m_db.get_document(*existing).get_value(schema::slot(
                             schema::Slot::content_hash)) == content_hash(article)) {
        ++m_stats.unchanged; // a nightly re-run of the same dump writes nothing
        return;
    } else {
        ++(exists ? m_stats.replaced : m_stats.added);
        if (!m_options.dry_run) {
            m_db.replace_document(id_term, m_builder.build(article));
        }
    }
    if (++m_pending >= m_options.batch_size) {
        commit();
    }
}

void Indexer::commit() {
    if (!m_options.dry_run && m_pending > 0) {
        m_db.commit();
    }
    m_pending = 0;
}

IndexStats index_all(ArticleSource& source, Indexer& indexer, const std::atomic<bool>& stop,
                     const RunCallbacks& callbacks) {
    using clock = std::chrono::steady_clock;
    const auto started = clock::now();
    auto last_progress = started;
    auto elapsed = [&started] {
        return std::chrono::duration<double>(clock::now() - started).count();
    };
    while (!stop.load()) {
        std::optional<Article> article = source.next();
        // A reader reports a bad record from inside next() and then returns the record after
        // it; with --strict that one must not be indexed.
        if (!article || stop.load()) {
            break;
        }
        indexer.add(*article);
        if (callbacks.on_progress && clock::now() - last_progress > std::chrono::milliseconds(250)) {
            last_progress = clock::now();
            indexer.stats().seconds = elapsed();
            callbacks.on_progress(indexer.stats());
        }
    }
    indexer.commit();
    indexer.stats().seconds = elapsed();
    return indexer.stats();
}

} // namespace newsdex::index
