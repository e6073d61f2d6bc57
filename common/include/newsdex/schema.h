/// @file
/// @brief The Newsdex index schema: every term prefix, value slot and field name, in one place.
///
/// Prefix conventions follow Omega: single capitals are Xapian's standard ones, `X…` are ours.
/// Boolean terms are `prefix + value` with values already normalised (see boolean_term()).
#pragma once
#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex::schema {

/// Stored in the database metadata under `version_key`; bumped on any incompatible change.
inline constexpr int version = 1;
inline constexpr std::string_view version_key = "newsdex.schema";

/// Value slots, and how each is encoded.
enum class Slot : Xapian::valueno {
    published_day = 0,   ///< "YYYYMMDD", the day in the article's own time zone (date ranges)
    published_time = 1,  ///< Xapian::sortable_serialise(unix seconds) (sorting, recency)
    content_hash = 2,    ///< 16 hex digits: hash of the indexed content (skip unchanged re-index)
    published_month = 3, ///< "YYYYMM" (counts by month)
    source = 4,          ///< folded source name (counts by source)
};

/// The slot number as Xapian wants it.
constexpr Xapian::valueno slot(Slot s) { return static_cast<Xapian::valueno>(s); }

/// How a field is searched.
enum class Kind {
    identifier,     ///< the unique-id term (one per document)
    free_text,      ///< words, analysed like the body, usable as `field:word` and in phrases
    boolean_filter, ///< exact normalised values, usable as `field:value`, filtering without weight
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
};

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

/// Title terms weigh this many times body terms (added as extra wdf on the unprefixed term).
inline constexpr Xapian::termcount title_weight = 3;

/// Gap in term positions between title and body, so that a phrase cannot span the two.
inline constexpr Xapian::termpos field_gap = 100;

} // namespace newsdex::schema
