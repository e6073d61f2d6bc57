#include "newsdex/index/maintenance.h"

#include <filesystem>
#include <system_error>

#include "newsdex/error.h"
#include "newsdex/index/database_folder.h"
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
    options.db_path = path;
    options.overwrite = false;
    options.dry_run = false;
    options.entities = false;
    recover_database_folder(path, options.on_notice); // a compaction killed mid-swap, say
    if (folder_state(path) != FolderState::database) {
        // Opening would create one only for the compactor to find nothing in it.
        throw Error("no database to compact at '" + path + "'");
    }
    CompactResult result;
    result.bytes_before = size_on_disk(path);
    Indexer lock_holder(options); // takes the lock, checks the schema, clears old leftovers
    const fs::path fresh = sibling(path, ".compacting");
    if (fs::exists(fresh)) {
        throw Error("'" + fresh.string() + "' is in the way (see the warning above): move it " +
                    "aside to compact '" + path + "'");
    }
    lock_holder.database().compact(fresh.string());
    // Locked across the swap: from the exchange on this is the lock of `path`.
    Xapian::WritableDatabase compacted(fresh.string(), Xapian::DB_OPEN);
    const fs::path old = swap_in(fresh, path, sibling(path, ".before-compact"));
    // The old generation goes only once the database at `path` holds every one of its ids.
    if (!holds_every_id(compacted, Xapian::Database(old.string()))) {
        throw Error("the compacted database at '" + path + "' lacks articles of '" + old.string() +
                    "', which is kept");
    }
    remove_folder(old);
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
