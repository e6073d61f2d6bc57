/// @file
/// @brief `newsdex-index --reanalyse`: an archive rebuilt from the articles it stores, with
///        today's analysis and schema, without the dumps it was read from.
///
/// How, for one database at PATH:
/// - The articles come out of PATH in document order (the order they were first read), each
///   as the stored article gives it back (stored_article.h: ids, dates and text as read), and
///   go through the normal pipeline (index_all, analysis threads, one writer) into a new
///   database `PATH.reanalysing`, which gets the current schema version. Deleted articles are
///   not in PATH, so they stay deleted.
/// - PATH's writer lock is held throughout: no indexer adds to the old archive while it is
///   copied. Searchers keep answering from PATH until the swap.
/// - Then one atomic exchange of the two folders (renameat2 RENAME_EXCHANGE), and the old
///   generation is removed (through `PATH.before-reanalyse`).
/// - Killed (kill -9, SIGINT, a crash), PATH is as it was and `PATH.reanalysing` holds whole
///   batches: the same command takes it up, its articles count as unchanged (the new database
///   records the UUID of the archive it copies and the analysis it was built with; if either
///   changed meanwhile it starts over). Killed after the exchange, the same command removes
///   the old generation and has nothing left to do.
///
/// A directory of period shards (`--shard-by`) is re-analysed shard by shard in name order,
/// each as above; the stub files are kept (no shard changes its name), one near-duplicate
/// index spans the shards as when they were written, and `DIR/newsdex.reanalysing` names the
/// run, so that a resumed run skips the shards it has already swapped.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include <xapian.h>

#include "newsdex/index/indexer.h"

namespace newsdex::index {

/// What a re-analysis did.
struct ReanalyseResult {
    IndexStats stats;               ///< over every part: read, added, unchanged (resumed) …
    Xapian::doccount documents = 0; ///< in the archive after the swap (or in the new one)
    bool swapped = false;           ///< every part is re-analysed and in place
    std::uint64_t parts = 1;        ///< databases re-analysed (shards)
};

/// Messages for people about the archive itself (a run taken up, a leftover removed).
using ReanalyseNotice = std::function<void(const std::string&)>;

/// Re-analyses the archive at options.db_path (one database or a shard directory), using
/// options.threads, batch_size, entities, default_language, wait_lock_seconds and
/// on_problem (stored articles that cannot be read are reported there, as malformed records).
/// Stops after committing when `stop` becomes true; then nothing is swapped (result.swapped
/// false) and the same call later resumes. Throws Error when there is no database, or when
/// stored articles could not be read (nothing is swapped: no article is ever dropped),
/// SchemaError for a version newer than this build, LockedError as an Indexer does.
ReanalyseResult reanalyse(const IndexOptions& options, const std::atomic<bool>& stop,
                          const RunCallbacks& callbacks, const ReanalyseNotice& notice);

} // namespace newsdex::index
