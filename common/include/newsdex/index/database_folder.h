/// @file
/// @brief A database folder on disk across crashes: created whole, swapped in one step,
/// renames that survive a power cut, and the one recovery of every state a crash leaves.
///
/// The states a killed run can leave, and what the next run on the same path does (each
/// with one warning line, while it holds the database's writer lock where one exists):
///
/// | left on disk                                   | the next run                          |
/// |------------------------------------------------|---------------------------------------|
/// | `PATH` holds only Xapian's files of a creation | removes it and creates the database   |
/// | that was killed (no `iamglass`)                |                                       |
/// | no `PATH`, and `PATH.before-compact` or        | renames that old generation back      |
/// | `PATH.before-overwrite` (a swap by two renames)|                                       |
/// | `PATH.compacting`, `PATH.before-compact`       | removes it once `PATH` opens and holds|
/// |                                                | every id it holds; else keeps it      |
/// | `PATH.overwriting`, `PATH.before-overwrite`    | removes it once `PATH` opens (the run |
/// |                                                | that made it never finished, or did)  |
/// | `PATH.creating`                                | the next creation starts it over      |
/// | `PATH.bulk-done` (a bulk run's staging, merged)| removes it                            |
#pragma once
#include <filesystem>
#include <functional>
#include <string>

#include <xapian.h>

namespace newsdex::index {

/// Messages for people about the database itself (a state a crash left, repaired).
using NoticeSink = std::function<void(const std::string&)>;

/// Makes the entries of `dir` (created, renamed, removed) survive a power cut (fsync).
void sync_directory(const std::filesystem::path& dir);

/// rename(2), then sync_directory of the folders involved. Throws Error.
void durable_rename(const std::filesystem::path& from, const std::filesystem::path& to);

/// Puts the folder `fresh` at `path` and the folder that was at `path` at `fresh`, in one
/// step (renameat2 RENAME_EXCHANGE), durably. A file system without the exchange gets two
/// renames through `fallback` (`path` → `fallback`, `fresh` → `path`), whose crash in
/// between recover_database_folder() repairs: afterwards the old folder is at `fallback`
/// instead of `fresh`. Returns where the old folder is.
std::filesystem::path swap_in(const std::filesystem::path& fresh, const std::filesystem::path& path,
                              const std::filesystem::path& fallback);

/// Writes `text` to `path` through a temporary file, synced and renamed durably: a reader sees
/// the old content or the new, before and after a power cut. Throws Error.
void write_file_durably(const std::filesystem::path& path, const std::string& text);

/// Removes a folder and syncs its parent. Throws Error.
void remove_folder(const std::filesystem::path& dir);

/// What a path holds, for a writer about to open it.
enum class FolderState {
    missing,  ///< nothing there, or an empty folder
    database, ///< a Xapian glass database (iamglass)
    unborn,   ///< only what a killed creation leaves: flintlock, v.tmp, empty *.glass
    other,    ///< anything else (a stub file, someone's files): not ours to touch
};
FolderState folder_state(const std::filesystem::path& path);

/// The sibling folders a run uses beside `path`: `path` + suffix (".compacting" …).
std::filesystem::path sibling(const std::filesystem::path& path, const char* suffix);

/// Before a writer opens `path`: restores a missing database from an old generation left by
/// a swap of two renames, and removes a folder of an interrupted creation; one notice each.
/// Takes no lock: what it repairs no running newsdex leaves (they create and swap in one
/// step).
void recover_database_folder(const std::filesystem::path& path, const NoticeSink& notice);

/// Holding `path`'s writer lock: removes the generations a killed compaction, overwrite or
/// bulk merge left beside it, when that loses nothing (see the file comment). `db` is the
/// database at `path`.
void clear_old_generations(const std::filesystem::path& path, const Xapian::Database& db,
                           const NoticeSink& notice);

/// Whether `newer` holds a document for every id term of `older` (both walked in order).
bool holds_every_id(const Xapian::Database& newer, const Xapian::Database& older);

} // namespace newsdex::index
