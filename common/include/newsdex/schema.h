/// @file
/// @brief The Newsdex index schema: every term prefix, value slot and field name, in one place.
///
/// Prefix conventions follow Omega: single capitals are Xapian's standard ones, `X…` are ours.
/// Boolean terms are `prefix + value` with values already normalised (see boolean_term()).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "newsdex/time/calendar.h"

namespace newsdex::schema {

/// Stored in the database metadata under `version_key`; bumped on any incompatible change.
/// 2: packed facet slots. 3: entity facets without wire credits, furniture and the publisher
/// (issue 12), and the stored article keeps the input as read (see stored_article.h). 4: the
/// entity registry in the metadata (entity_registry.h); and (issue 14) the headline slot,
/// spelling table (did-you-mean), acronym terms (acronym_prefix), the German transliteration
/// of words with umlauts beside their term, "St"/"Corp"/"Intl" written out, names inside a
/// sentence without weight in their stems, and credit lines and bylines left out of the
/// searched text.
inline constexpr int version = 4;
inline constexpr std::string_view version_key = "newsdex.schema";

/// `newsdex-index --reanalyse` rebuilds an archive of any version from this one on from the
/// articles it stores (every version so far stored them the same way, or in a way that
/// stored_article.h still reads).
inline constexpr int oldest_reanalysable_version = 1;

/// An older version that searches still answer from, with one warning (older ones are
/// refused): `unanswered` names what such an archive lacks until it is re-analysed, empty
/// when a search of it answers everything.
struct SearchableVersion {
    int version;
    std::string_view unanswered;
};
/// Version 1 is not here: it spans changes that were made without a bump (near-duplicate
/// clusters, mentioned dates), so what one of its archives answers is not known.
inline constexpr SearchableVersion searchable_older_versions[] = {
    // Free text, dates, places and the stored articles are read as version 4 reads them; what
    // version 4 added is missing, and queries fall back where it is (an acronym is looked up
    // as a word, a word with umlauts as its folded form).
    {3, "surnames resolved across the archive (actor:\"Ronald Reagan\" finds only the articles "
        "that name him in full), did-you-mean two edits away (the spelling table), acronyms "
        "apart from words (\"US\" may match \"us\"), \"St\", \"Corp\" and \"Intl\" as "
        "\"Street\", \"Corporation\" and \"International\", \"Schroeder\" for \"Schröder\", "
        "and credit lines are searched as text"},
    {2, "clean actor facets (wire credits, page furniture and the publisher may still be listed "
        "as actors), surnames resolved across the archive, did-you-mean two edits away (the "
        "spelling table), acronyms apart from words (\"US\" may match \"us\"), \"St\", "
        "\"Corp\" and \"Intl\" as \"Street\", \"Corporation\" and \"International\", "
        "\"Schroeder\" for \"Schröder\", and credit lines are searched as text"},
};

/// The entry for an older version a search answers from, or nullptr.
const SearchableVersion* find_searchable_older_version(int version);

/// The version a database's metadata value names, or nullopt when it is not a number.
std::optional<int> parse_version(std::string_view stored);

/// What a program that cannot use a database of another version tells the user: for an older
/// one "database 'news.db' was written by schema version 2; run `newsdex-index --db news.db
/// --reanalyse` (no dumps needed)", for a newer one that a newer newsdex is needed. `db` is the
/// path the user gave --db (a shard directory, not one of its shards).
std::string version_mismatch_message(const std::string& db, std::string_view stored);

/// Database metadata: the analysis the articles were written with, one
/// analysis::AnalysisFingerprint line per distinct analysis that wrote into the database,
/// most recent last (more than one: an archive that a re-analysis would make uniform).
inline constexpr std::string_view analysis_key = "newsdex.analysis";
/// At most this many lines are kept under analysis_key (the oldest go first).
inline constexpr std::size_t max_analysis_lines = 8;

/// The lines of an analysis_key value.
std::vector<std::string> analysis_lines(std::string_view stored);
/// The analysis_key value after a write with the analysis `line`: `line` last, once.
std::string with_analysis_line(std::string_view stored, std::string_view line);

/// Value slots, and how each is encoded.
enum class Slot : Xapian::valueno {
    published_day = 0,   ///< "YYYYMMDD", the day in the article's own time zone (date ranges)
    published_time = 1,  ///< Xapian::sortable_serialise(unix seconds) (sorting, recency)
    content_hash = 2,    ///< 16 hex digits: hash of the indexed content (skip unchanged re-index)
    published_month = 3, ///< "YYYYMM" (counts by month)
    source = 4,          ///< source as given, e.g. "Reuters" (counts by source)
    /// "<16 hex digits of the body's SimHash>:<cluster id>" (signature_value): read back by
    /// the indexer to find near-duplicates of new articles. Absent for bodies too short to sign.
    simhash = 5,
    cluster = 6, ///< near-duplicate cluster id (an article id): the collapse key
    /// Xapian::sortable_serialise(unix seconds, fractional) when this version of the article
    /// was written (added or replaced; an unchanged re-index keeps it): saved searches'
    /// `--new`. Absent in documents written before it existed, which are then never "new".
    indexed_time = 7,
    /// "<16 hex digits>:<day number>" (headline_value): the FNV-1a hash of the headline as a
    /// story key (analysis::story_headline) and the publication day (days since 1970-01-01),
    /// read back by the indexer: copies whose bodies differ (an update adds paragraphs) meet
    /// by headline within analysis::headline_window_days. Absent for short headlines and
    /// undated articles, and in documents written before version 4.
    headline = 8,
};

/// Boolean term of a document's near-duplicate cluster (for excluding a story's copies).
inline constexpr std::string_view cluster_prefix = "XDUPC";

/// The cluster term of a cluster id (an article id; long ones hashed as in id_term()).
std::string cluster_term(std::string_view cluster);

/// The slot number as Xapian wants it.
constexpr Xapian::valueno slot(Slot s) { return static_cast<Xapian::valueno>(s); }

/// How a field is searched.
enum class Kind {
    identifier,     ///< the unique-id term (one per document)
    free_text,      ///< words, analysed like the body, usable as `field:word` and in phrases
    boolean_filter, ///< exact normalised values, usable as `field:value`, filtering without weight
    facet,          ///< entity facet: `field:value` is resolved (aliases, partial names) first
    date_range,     ///< `field:2018-01..2018-02` and other date forms (see search/date_phrases.h)
};

/// One searchable field.
struct Field {
    std::string_view name;   ///< what users type before ':'
    std::string_view prefix; ///< the term prefix in the index
    Kind kind;
    std::string_view description;
};

/// Prefix of the stemmed form of a term (Xapian's QueryParser convention): "Z" + stem, and
/// "Z" + prefix + stem for free-text fields.
inline constexpr std::string_view stem_prefix = "Z";

inline constexpr Field fields[] = {
    {"id", "Q", Kind::identifier, "unique article id (from the input; url or content hash)"},
    {"title", "S", Kind::free_text, "words of the headline"},
    {"author", "A", Kind::free_text, "words of the author's name"},
    {"source", "XSOURCE", Kind::boolean_filter, "publisher or feed, e.g. source:reuters"},
    {"language", "L", Kind::boolean_filter, "article language code, e.g. language:en"},
    {"year", "Y", Kind::boolean_filter, "publication year, e.g. year:2018"},
    {"month", "M", Kind::boolean_filter, "publication month, e.g. month:201801"},
    {"day", "D", Kind::boolean_filter, "publication day, e.g. day:20180124"},
    {"actor", "XACTOR", Kind::facet, "a person or organisation, e.g. actor:\"Le Drian\", actor:UN"},
    {"person", "XPER", Kind::facet, "a person, e.g. person:Assad"},
    {"org", "XORG", Kind::facet, "an organisation, e.g. org:NATO"},
    {"location", "XLOC", Kind::facet, "a place (with its country), e.g. location:Vienna"},
    {"country", "XCTRY", Kind::facet, "a country, by ISO code or name, e.g. country:SY"},
    {"date", "", Kind::date_range, "publication date: 2018-01-24, 2018-01, 2018, A..B, ..B, A.."},
    {"mentions", "", Kind::date_range, "dates the text mentions, same forms as date:"},
};

/// A word of the title or body written as an acronym ("US", "U.S.", "WHO"): this prefix + its
/// term ("XACROus"), besides the word's own term ("us"), so that a query in capitals finds the
/// acronym and not the pronoun, and a query in lower case still finds both (since version 4).
inline constexpr std::string_view acronym_prefix = "XACRO";

/// Longest facet, source or language value indexed as a term (Xapian terms end at 245 bytes).
inline constexpr std::size_t max_facet_value_bytes = 120;

/// A term no document ever has: the filter for "matches nothing" that, unlike Xapian's empty
/// MatchNothing query, cannot be mistaken for "no filter".
inline constexpr std::string_view no_match_term = "XNOMATCH";

/// Terms for the dates an article mentions: one per day, month and year it covers.
inline constexpr std::string_view mentioned_day_prefix = "XMENTD";   ///< + YYYYMMDD
inline constexpr std::string_view mentioned_month_prefix = "XMENTM"; ///< + YYYYMM
inline constexpr std::string_view mentioned_year_prefix = "XMENTY";  ///< + YYYY

/// A facet whose values are counted over all matches. Each value of a document is a boolean
/// term (the field's prefix + facet_key(value)) for filtering, and its display form is also
/// written into one of `slot_count` consecutive value slots from `first_slot`, so that Xapian's
/// stock ValueCountMatchSpy counts it: that spy also works through xapian-tcpsrv, which knows
/// no custom MatchSpy. Documents with more values than slots keep the most salient ones in
/// slots (counts) but all of them as terms (filters).
///
/// The same values are also packed into one slot (`packed_slot`, joined by
/// `packed_separator`): on local databases one value read per document and facet is far
/// cheaper than one per slot, and our own spy counts them; remote shards use the slots.
struct Facet {
    std::string_view name;
    Xapian::valueno first_slot;
    unsigned slot_count;
    Xapian::valueno packed_slot; ///< 0: none (single-valued facets)
};

inline constexpr char packed_separator = '\x1f';

/// The values of a packed slot, in order, joined by packed_separator.
std::string packed_join(const std::vector<std::string>& values);

/// Calls each(std::string_view value) for every value of a packed slot, in order. Inline:
/// the facet spies run it for every matching document.
template <typename Each>
void packed_split(std::string_view packed, Each&& each) {
    while (!packed.empty()) {
        const auto cut = packed.find(packed_separator);
        each(packed.substr(0, cut));
        packed = cut == std::string_view::npos ? std::string_view() : packed.substr(cut + 1);
    }
}

inline constexpr Facet facets[] = {
    {"actor", 20, 24, 150},    {"person", 50, 16, 151},   {"org", 70, 16, 152},
    {"location", 90, 24, 153}, {"country", 120, 12, 154}, {"author", 140, 2, 0},
    {"source", 4, 1, 0},       {"date", 3, 1, 0},
};

/// The facet with this name, or nullptr.
const Facet* find_facet(std::string_view name);

/// The folded key of a facet value, as used in terms: "Jean-Yves Le Drian" → "jean-yves le
/// drian". Locations ("Vienna, AT", see location_display) keep their country: "vienna~at".
std::string facet_key(std::string_view facet, std::string_view display);
/// A facet's values with each value once, in order: values with one facet_key ("EdF" and
/// "EDF"; a name an article types both as a person and as an organisation, both in the actor
/// facet) are one value, counted once per article, under the first spelling with lower-case
/// letters if there is one ("DAVOS", "Davos" → "Davos").
std::vector<std::string> distinct_facet_values(std::string_view facet,
                                               const std::vector<std::string>& displays);
std::string location_display(std::string_view name, std::string_view country_code);

/// Display form of a location value "Vienna, AT" split back into name and country code.
std::pair<std::string, std::string> split_location_display(std::string_view display);

/// A location key (facet_key of a location) split into its folded name and country code:
/// "vienna~at" → {"vienna", "at"}; a key without a country → {key, ""}. Views into `key`.
struct LocationKey {
    std::string_view name;
    std::string_view country;
};
LocationKey split_location_key(std::string_view key);

/// The field with this name, or nullptr.
const Field* find_field(std::string_view name);

/// Looks a field up by name and throws std::logic_error if absent: for the program's own uses.
const Field& field(std::string_view name);

/// The term for a boolean value: prefix + value, with ':' between when the prefix is longer
/// than one character and the value starts with an upper-case letter (Omega's rule, so that
/// "XSOURCE" + "Reuters" cannot be read as prefix "XSOURCER"). Values are normally folded
/// (lower case) before they get here.
std::string boolean_term(std::string_view prefix, std::string_view value);

/// The unique-id term of an article id. Ids too long for a Xapian term are hashed.
std::string id_term(std::string_view article_id);

/// Date keys, as the year, month and day terms and slots hold them (and the mentioned-date
/// terms after their prefixes): "2018", "201801", "20180124". The year is zero padded to four
/// digits, so that keys sort as dates.
std::string year_key(int year);
std::string month_key(int year, int month);
std::string day_key(const CivilDate& d);

/// The day of a day key ("20180124"), or nullopt when `key` is not one.
std::optional<CivilDate> parse_day_key(std::string_view key);

/// The simhash slot's value: the signature and the near-duplicate cluster it was put in.
std::string signature_value(std::uint64_t signature, std::string_view cluster);

/// signature_value() read back; nullopt for anything else.
struct SignatureValue {
    std::uint64_t signature = 0;
    std::string cluster;
};
std::optional<SignatureValue> parse_signature_value(std::string_view value);

/// The headline slot's value, and read back (nullopt for anything else).
struct HeadlineValue {
    std::uint64_t key = 0;
    std::int64_t day = 0;
};
std::string headline_value(const HeadlineValue& headline);
std::optional<HeadlineValue> parse_headline_value(std::string_view value);

/// Title terms weigh this many times body terms (added as extra wdf on the unprefixed term).
inline constexpr Xapian::termcount title_weight = 3;

/// Gap in term positions between title and body, so that a phrase cannot span the two.
inline constexpr Xapian::termpos field_gap = 100;

} // namespace newsdex::schema
