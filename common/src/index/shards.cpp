#include "newsdex/index/shards.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "newsdex/database_location.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/time/timestamp.h"

namespace fs = std::filesystem;

namespace newsdex::index {

ShardBy parse_shard_by(std::string_view name) {
    if (name == "month") {
        return ShardBy::month;
    }
    if (name == "year") {
        return ShardBy::year;
    }
    throw UsageError("unknown shard period '" + std::string(name) + "' (use month or year)");
}

std::string shard_period(const Article& article, ShardBy by) {
    if (!article.published) {
        return std::string(undated_period);
    }
    const CivilDate d = local_date(*article.published);
    // Four digits, as in the date keys: shard names sort as dates ("0999-06" never occurs:
    // parse_date keeps only plausible years).
    std::string period = schema::year_key(d.year);
    if (by == ShardBy::month) {
        period += d.month < 10 ? "-0" : "-";
        period += std::to_string(d.month);
    }
    return period;
}

bool is_shard_directory(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / stub_file_name, ec);
}

std::vector<std::string> list_shards(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > 3 && name.compare(name.size() - 3, 3, ".db") == 0 &&
            it->is_directory(ec)) {
            names.push_back(name);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

namespace {

std::string stub_text(const std::vector<std::string>& shards) {
    std::string text = "# Newsdex period shards: a Xapian stub database (one shard a line)\n";
    for (const std::string& name : shards) {
        text += "auto " + name + "\n";
    }
    return text;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void replace_file(const fs::path& path, const std::string& text) {
    if (read_file(path) != text) {
        write_file_durably(path, text);
    }
}

} // namespace

void write_stub_files(const fs::path& dir, const std::vector<std::string>& shards) {
    const std::string text = stub_text(shards);
    replace_file(dir / stub_file_name, text);
    replace_file(dir / xapian_stub_file_name, text);
}

ShardedIndexer::ShardedIndexer(IndexOptions options, ShardBy by)
    : m_options(std::move(options)), m_by(by),
      m_extractor(m_options.entities ? std::make_shared<const analysis::EntityExtractor>(
                                           analysis::EntityExtractor::load_default())
                                     : nullptr) {
    const fs::path dir = m_options.db_path;
    std::error_code ec;
    if (fs::exists(dir / "iamglass", ec)) {
        throw Error("'" + m_options.db_path + "' is a single database, not a directory of " +
                    "shards (give --shard-by a new directory)");
    }
    refuse_program_stubs(dir);
    refuse_foreign_folder(dir);
    if (!m_options.dry_run) {
        fs::create_directories(dir, ec);
        if (ec) {
            throw Error("cannot create shard directory '" + m_options.db_path +
                        "': " + ec.message());
        }
    }
    // One set of near-duplicate signatures for all periods: a story copied in two months is
    // one cluster, as in a single database.
    m_options.shared_duplicates = std::make_shared<NearDuplicateIndex>();
    for (const std::string& name : list_shards(dir)) {
        try {
            m_shards.emplace(name, std::make_unique<Indexer>(
                                       shard_options(name, m_options.overwrite), m_extractor));
        } catch (const SchemaError&) {
            // --reanalyse takes the directory, not the shard: the advice names it.
            const std::string stored = Xapian::Database((dir / name).string())
                                           .get_metadata(std::string(schema::version_key));
            throw SchemaError(schema::version_mismatch_message(m_options.db_path, stored));
        }
    }
    if (!m_options.dry_run) {
        // Also repairs a list that a crash left without a shard created just before it.
        write_stub_files(dir, list_shards(dir));
    }
}

ShardedIndexer::~ShardedIndexer() = default;

IndexOptions ShardedIndexer::shard_options(const std::string& name, bool overwrite) const {
    IndexOptions o = m_options;
    o.db_path = (fs::path(m_options.db_path) / name).string();
    o.overwrite = overwrite;
    // This class decides when batches end, for all shards at once.
    o.batch_size = static_cast<std::size_t>(-1);
    return o;
}

Indexer* ShardedIndexer::shard(const std::string& name) {
    const auto found = m_shards.find(name);
    if (found != m_shards.end()) {
        return found->second.get();
    }
    if (m_options.dry_run) {
        return nullptr;
    }
    Indexer* created =
        m_shards.emplace(name, std::make_unique<Indexer>(shard_options(name, false), m_extractor))
            .first->second.get();
    // Listed only once it exists (Xapian would refuse a stub naming a missing database).
    std::vector<std::string> names;
    for (const auto& entry : m_shards) {
        names.push_back(entry.first);
    }
    write_stub_files(m_options.db_path, names);
    return created;
}

void ShardedIndexer::add(PreparedArticle&& p) {
    ++m_stats.read;
    const std::string target = shard_period(p.article, m_by) + ".db";
    // Every shard is asked, not only the target: that is what finds the copy left in another
    // period, and what repairs a crash between two shards' commits (see the class comment).
    bool elsewhere = false;
    for (auto& [name, indexer] : m_shards) {
        if ((p.article.deleted || name != target) && indexer->remove(p.id_term)) {
            elsewhere = true;
        }
    }
    if (p.article.deleted) {
        m_stats.deleted += elsewhere ? 1 : 0;
        count_batch();
        return;
    }
    Indexer* indexer = shard(target);
    if (indexer == nullptr) { // dry run, new period
        ++(elsewhere ? m_stats.replaced : m_stats.added);
        count_batch();
        return;
    }
    const IndexStats before = indexer->stats();
    indexer->add(std::move(p));
    const IndexStats& after = indexer->stats();
    if (after.added > before.added) {
        ++(elsewhere ? m_stats.replaced : m_stats.added);
    } else if (after.replaced > before.replaced || elsewhere) {
        ++m_stats.replaced;
    } else {
        ++m_stats.unchanged;
    }
    count_batch();
}

void ShardedIndexer::count_batch() {
    if (++m_pending >= m_options.batch_size) {
        commit();
    }
}

void ShardedIndexer::commit() {
    for (auto& entry : m_shards) {
        entry.second->commit();
    }
    m_pending = 0;
}

void ShardedIndexer::finish() {
    for (auto& entry : m_shards) {
        entry.second->finish();
    }
    m_pending = 0;
}

Xapian::doccount ShardedIndexer::document_count() const {
    Xapian::doccount total = 0;
    for (const auto& entry : m_shards) {
        total += entry.second->document_count();
    }
    return total;
}

std::optional<Xapian::Database> ShardedIndexer::snapshot() const {
    if (m_options.overwrite || m_shards.empty()) {
        return std::nullopt;
    }
    try {
        Xapian::Database all;
        for (const auto& entry : m_shards) {
            all.add_database(
                Xapian::Database((fs::path(m_options.db_path) / entry.first).string()));
        }
        return all;
    } catch (const Xapian::Error&) {
        return std::nullopt; // only a shortcut: the writer checks every article anyway
    }
}

} // namespace newsdex::index
