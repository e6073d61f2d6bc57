/// @file
/// @brief The archive's entity registry: one record per person, organisation and place the
///        facets hold (canonical name, type, country, name forms with counts, first and last
///        seen, articles by month), kept in the database's metadata, and the resolution of a
///        bare surname to the full name it most likely means in its period.
///
/// Why metadata: Xapian serves `get_metadata` over the remote protocol, so a shard behind
/// `xapian-tcpsrv` answers from its own registry, and a record is read by key without loading
/// the rest (synonyms would hold only name → name, not counts or months). Each database
/// (shard, bulk part) holds the registry of its own articles; readers sum the records of
/// every shard (RegistryReader), and a bulk merge sums those of its parts (merge_metadata).
///
/// Keys (each under `registry_prefix`):
///   `e.P:<key>` `e.O:<key>` `e.L:<key>`  a person, organisation or place; `<key>` is the
///                                        facet key of its value (the term's suffix)
///   `s:<short key>`                      the full person names a short form ("reagan") may
///                                        stand for: their keys, '\x1f'-joined, sorted
/// A record's value: lines of tab-separated fields (registry_record_encode()):
///   `R1 <display> <country> <first day> <last day> <articles>`, then `F <form> <articles>`
///   per name form and `M <YYYYMM> <articles>` per month.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex::registry {

inline constexpr std::string_view registry_prefix = "newsdex.registry.";

/// The entity kinds the registry keeps, one letter each in keys.
enum class Kind : char { person = 'P', organisation = 'O', place = 'L' };

/// What the registry knows of one entity in one database (or, summed, in an archive).
struct Record {
    std::string display;       ///< the facet value as shown: "Ronald Reagan", "Vienna, AT"
    std::string country;       ///< ISO code of a place, else empty
    std::string first_seen;    ///< publication day (YYYYMMDD) of the first article, or empty
    std::string last_seen;     ///< of the last
    std::int64_t articles = 0; ///< articles holding it now (deletions and replacements count)
    /// Name forms as the articles wrote them ("Reagan", "Ronald Reagan") → articles that used
    /// the form, as indexed (a replaced article's forms count again until --reanalyse).
    std::map<std::string, std::int64_t> forms;
    std::map<std::string, std::int64_t> months; ///< "YYYYMM" → articles (dated ones)
};

/// One entity as one article names it: what an article adds to the registry.
struct Mention {
    Kind kind = Kind::person;
    std::string key; ///< facet key (schema::facet_key of display)
    std::string display;
    std::string country;
    std::vector<std::string> forms; ///< distinct forms in the article
};

std::string record_key(Kind kind, std::string_view key);
std::string short_form_key(std::string_view short_key);

std::string encode_record(const Record& r);
/// nullopt for a value that is no record (a damaged or foreign value).
std::optional<Record> decode_record(std::string_view value);

/// `into` plus `delta`: counts summed (a count that drops to zero goes, and one below zero
/// too unless `keep_negative`: changes still to be applied), first and last seen widened,
/// the display and country of `delta` when `into` has none.
void add_record(Record& into, const Record& delta, bool keep_negative = false);

std::vector<std::string> decode_key_list(std::string_view value);
std::string encode_key_list(const std::vector<std::string>& keys);

/// The short forms a full person name's key may be written as alone, trailing words first
/// dropped from the front: "ronald reagan" → "reagan"; "george w. bush" → "w. bush", "bush";
/// an Arabic article goes too: "bashar al-assad" → "al-assad", "assad". None for one word.
std::vector<std::string> short_forms(std::string_view full_key);

/// When a bare short form counts as a full name: in the months around a bare mention (±
/// window_months), the full names carrying that short form are counted by articles; the most
/// frequent one wins when it has at least min_articles and at least min_share of them all.
struct ResolutionPolicy {
    int window_months = 6;
    std::int64_t min_articles = 2;
    double min_share = 0.75;
};

/// For each candidate full name, the months (YYYYMM, sorted) in which articles holding the
/// bare form only (`bare`) mean that name. Candidates: (key, record) of every full name that
/// carries the short form. Months where no reading is clear enough are in no list.
std::map<std::string, std::vector<std::string>>
resolve_short_form(const Record& bare,
                   const std::vector<std::pair<std::string, Record>>& candidates,
                   const ResolutionPolicy& policy = {});

/// Reads the registry of an archive: the sum of every shard's (each a local or remote
/// database). Caches what it read; keep one per open set of databases.
class Reader {
public:
    explicit Reader(std::vector<Xapian::Database> shards);
    /// The summed record, or nullopt when no shard has the entity.
    std::optional<Record> find(Kind kind, const std::string& key);
    /// Keys of the full person names that carry `short_key`, over every shard.
    std::vector<std::string> full_names_for(const std::string& short_key);
    /// Whether any shard holds a registry at all (an archive of schema 3 or older has none).
    bool present();
    /// What a bare person short form (`short_key`, "obama") means in the archive: each full
    /// name's key with the months in which articles that name only the short form mean it
    /// (resolve_short_form over every full name that carries it). Empty when the archive has
    /// no bare person of that key or no reading is clear enough.
    std::map<std::string, std::vector<std::string>> readings(const std::string& short_key,
                                                             const ResolutionPolicy& policy = {});

private:
    std::vector<Xapian::Database> m_shards;
    std::map<std::string, std::optional<Record>> m_records;
    std::map<std::string, std::vector<std::string>> m_short_forms;
    std::optional<bool> m_present;
};

/// Collects what a batch of articles adds to and removes from the registry, and writes it
/// into a database's metadata in one pass per batch (one read and one write per entity the
/// batch touched, whatever the number of its articles).
class BatchWriter {
public:
    /// An article written: its entities, published day (YYYYMMDD, empty when undated).
    void add_article(const std::vector<Mention>& mentions, const std::string& day);
    /// A document leaving the database (deleted, or about to be replaced): its facet terms
    /// and day value say what to take off.
    void remove_document(const Xapian::Document& doc);
    /// Takes over what another writer collected (one article's change, made final).
    void absorb(BatchWriter&& other);
    /// Merges the batch into `db`'s metadata (inside the caller's transaction) and clears it.
    void flush(Xapian::WritableDatabase& db);
    bool empty() const { return m_delta.empty(); }

private:
    std::map<std::string, Record> m_delta; ///< record key → change
};

/// The value of a registry metadata key that several databases hold, combined (bulk parts
/// compacted into one: counts summed, short-form lists joined). Empty `values`: "".
std::string merge_metadata(std::string_view key, const std::vector<std::string>& values);

/// Whether a metadata key belongs to the registry.
bool is_registry_key(std::string_view key);

} // namespace newsdex::registry
