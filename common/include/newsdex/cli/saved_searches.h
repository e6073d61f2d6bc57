/// @file
/// @brief Saved searches (--save, --saved, --run-saved, --new): a small JSON file beside the
///        database, replaced atomically.
///
/// The file is `<database>.searches.json` (for `--db news.db`: `news.db.searches.json`; for
/// a shard directory `shards/`: `shards.searches.json`), beside the database rather than in
/// it, so that compaction and `--overwrite` leave it alone. Its content:
///
///     {"format": "newsdex saved searches", "version": 1,
///      "searches": [{"name": "vienna", "args": ["--facets", "actor", "talks in Vienna"],
///                    "saved": "2026-12-06T15:00:00Z", "last_run": 1765033200.25,
///                    "seen_up_to": 1765033150.5}]}
///
/// `args` are the query words and options as given to `--save` (without `--save NAME` and
/// `--db`); `last_run` is when `--run-saved` last started the search (Unix seconds, UTC), or
/// null; `seen_up_to` is the newest indexing time (value slot indexed_time) the database held
/// when that run started, or null. `--new` shows the articles indexed after `seen_up_to`: the
/// indexer stamps articles in order as it adds them, and commits them later (at the end of a
/// batch, of a --bulk import), so an article stamped before a run but committed after it is
/// still new on the next run, which a comparison with `last_run` would miss. (A file written
/// before `seen_up_to` existed falls back to `last_run` until its next run.)
/// It is written to a temporary file in the same directory, flushed to disk, and renamed
/// over the old one: a crash leaves the old file or the new one, never half of one.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace newsdex::cli {

struct SavedSearch {
    std::string name;
    std::vector<std::string> args;
    std::string saved;              ///< when it was saved: ISO 8601, UTC
    std::optional<double> last_run; ///< Unix seconds when --run-saved last started it
    /// The newest indexed_time in the database when that run started (what it could see).
    std::optional<double> seen_up_to;
};

/// `<database>.searches.json`; throws UsageError for a remote database (no place for a file).
std::string saved_searches_path(const std::string& database);

/// The searches in `path`; none when the file does not exist. Throws newsdex::Error when it
/// cannot be read or is not such a file.
std::vector<SavedSearch> load_saved_searches(const std::string& path);

/// Replaces `path` with these searches, atomically. Throws newsdex::Error on I/O failure.
void store_saved_searches(const std::string& path, const std::vector<SavedSearch>& searches);

/// Now as ISO 8601 UTC ("2026-12-06T15:00:00Z") and as Unix seconds.
std::string utc_now_iso();
double unix_now();

} // namespace newsdex::cli
