#include "newsdex/index/maintenance.h"

#include <filesystem>
#include <system_error>

#include "newsdex/error.h"
#include "newsdex/schema.h"

namespace fs = std::filesystem;

namespace newsdex::index {

std::uintmax_t size_on_disk(const std::string& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        return fs::file_size(path, ec);
    }
    std::uintmax_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file(ec)) {
            total += entry.file_size(ec);
        }
    }
    return total;
}

CompactResult compact_database(const std::string& path, IndexOptions options) {
    std::error_code ec;
    if (!fs::exists(fs::path(path) / "iamglass", ec)) {
        // Opening would create one (an empty folder) only for the compactor to refuse it.
        throw Error("no database to compact at '" + path + "'");
    }
    CompactResult result;
    result.bytes_before = size_on_disk(path);
    options.db_path = path;
    options.entities = false;
    Indexer lock_holder(options); // takes the lock, checks the schema
    const std::string fresh = path + ".compacting";
    const std::string old = path + ".before-compact";
    fs::remove_all(fresh);
    fs::remove_all(old);
    lock_holder.database().compact(fresh);
    fs::rename(path, old);
    fs::rename(fresh, path);
    fs::remove_all(old);
    result.bytes_after = size_on_disk(path);
    return result;
}

DatabaseStats database_stats(const Xapian::Database& db, const std::string& path) {
    const auto day_slot = schema::slot(schema::Slot::published_day);
    DatabaseStats stats;
    stats.documents = db.get_doccount();
    stats.dated = db.get_value_freq(day_slot);
    stats.first_day = db.get_value_lower_bound(day_slot);
    stats.last_day = db.get_value_upper_bound(day_slot);
    stats.bytes_on_disk = size_on_disk(path);
    stats.schema_version = db.get_metadata(std::string(schema::version_key));
    return stats;
}

} // namespace newsdex::index
