/// @file
/// @brief Who, where and when of an article: entity mentions resolved to canonical actors,
///        places with their country, mentioned dates, the byline, and document-level facets.
///
/// The extractor combines the statistical tagger (PER/ORG/LOC spans) with the gazetteer
/// (places, actor aliases, demonyms) and date finder. Rules, in the order they apply:
/// - Boilerplate lines ("More news:", "Read more", "Related:", "Also read", "Click here",
///   "Share this", "Subscribe", "Follow us", "Sign up", copyright lines, bylines; see
///   boilerplate.h) are blanked before tagging, so nothing in them becomes an entity or a date;
///   their byte ranges are returned so that snippets can skip them too. Credit lines, captions
///   and slideshow links also count inside a paragraph ("… (Reporting by …; Editing by …)"),
///   and a dateline's source tag ("LONDON (Reuters) -") is blanked for tagging too.
/// - The publisher (Article::source, else the name in the URL's host, else the dateline's
///   source tag) is the source, not an actor: a PER/ORG whose name starts with it ("Reuters",
///   "Reuters Estimates") is dropped unless the title names the publisher. A longer name that
///   merely contains it ("Thomson Reuters") is a company like any other.
/// - Aliases canonicalise through the gazetteer ("Daesh" → Islamic State, "North Atlantic Treaty
///   Organisation" → NATO), also where the tagger missed the name or gave it another type.
/// - Honorifics and titles are not part of a person's name ("Mr Blair", "President George W.
///   Bush", "Chancellor Angela Merkel"; name_forms.h); a span of titles only ("Mr") is dropped,
///   and so is a function word the tagger glued to a name at a sentence's start ("But
///   Volcker", "Athough Reagan").
/// - A later short person mention ("Assad", "Le Drian", "Mr Blair") takes the canonical name of
///   a full name in the same article whose trailing words it matches (the most recent one before
///   it, else the first after it); transliterated spellings meet ("Schroeder" = "Schröder").
/// - One organisation, one value: legal suffixes go ("Apple Inc" = "Apple", "Goldman Sachs Group
///   Inc" = "Goldman Sachs"), as does the "U.S." of a public body ("U.S. Treasury" = "Treasury");
///   an acronym takes the expansion its article gives in parentheses or by initials ("API" =
///   "American Petroleum Institute", "S&P" = "Standard & Poor's"); a short form takes the longer
///   name of the article that it starts ("Goldman", "House" = "House of Representatives"),
///   and a single word the one longer name it ends ("United" = "Manchester United"); a
///   "person" with a legal suffix is that company, and companies named after people come
///   typed from aliases.tsv (Freddie Mac, Fannie Mae), so types agree.
/// - Things news capitalises are no actors: generic acronyms ("PC", "DVD", "IPO") and awards
///   ("Oscar", "Baftas"; name_forms.h is_never_an_actor).
/// - Titles of works and products are no actors (they stay MISC mentions): a name after a
///   work noun ("the film X", "comedy X", a list after it: "films X, Y and Z"), after
///   "starring in" or "directed", in double quotes, after a capitalised "The" mid-sentence in
///   an article about films, music or books ("favourite The Aviator"; a plural organisation
///   is a band: "The Libertines"), a person-shaped title before a role or a series noun
///   ("Vera Drake star X", "the Harry Potter films"), a name before a version number and a
///   product noun ("PlayStation 2 console"). One such mention makes the name a work in the
///   whole article. A maker ("a Mike Leigh film", "Jane Doe's film"), an employer ("Chelsea
///   star"), a company with a legal suffix, an alias and a known place stay what they are.
/// - A person named by a given name alone ("David"; name_forms.h is_given_name) is the one full
///   name of the article that starts with it, else a mention but no facet value.
/// - A country's name the tagger calls an organisation ("US rival X") is that place.
/// - Place names resolve by population and by the article's evidence: the dateline, names that
///   denote one country only, and demonyms ("Syrian"). A place in a subdivision the article
///   names ("Virginia") wins outright; the share of evidence for a country counts for about a
///   30-fold population difference, so US places and "Washington" in a Syria story do not move
///   Vienna to Virginia. A LOC the gazetteer does not know keeps its surface text, no country.
///   The institutions of a capital ("White House", "Federal Reserve", "Congress") are evidence
///   for it, so "Washington" in their stories is Washington, D.C., not the state; local names
///   meet the English ones through places.tsv ("München" = Munich, "Wien" = Vienna).
/// - "The Obama administration": a name before "administration" that is no strong place (a
///   country, subdivision, or city of 100,000 or more) is a person, and so is a bare surname
///   of a full name in the article that is only a small town somewhere (Obama, JP).
/// - Capitalised gazetteer names the tagger missed are added unless they are common words;
///   single words must be a country, region, sea, district or subdivision, or a city of
///   100,000 or more.
/// - Headlines in capitals rely on the tagger's own all-caps features (tested). An item with
///   a headline and no story (a body of fewer than 8 words: "BAKER SAYS U.S. WANTS STABLE
///   DOLLAR" over "Blah blah blah.") takes its facets from the headline and that body (it has
///   no mentions: they would not be body offsets).
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/analysis/boilerplate.h"
#include "newsdex/analysis/date_mentions.h"
#include "newsdex/analysis/gazetteer.h"
#include "newsdex/analysis/tagger.h"
#include "newsdex/article.h"

namespace newsdex::analysis {

/// One PER, ORG or LOC mention in an article body.
struct EntityMention {
    EntityType type = EntityType::misc;
    std::size_t start = 0; ///< byte offset into Article::body as given
    std::size_t end = 0;   ///< one past the mention's last byte
    std::string text;      ///< the body bytes [start, end)
    std::string canonical; ///< display name: "Bashar al-Assad", "NATO", "Vienna"
    std::string country;   ///< ISO alpha-2, upper case, LOC only; empty for seas and unknowns
};

/// A resolved place: canonical display name and ISO code ("Vienna", "AT"); a country itself is
/// ("Syria", "SY"); a place across borders has no code ("Black Sea", "").
struct LocationFacet {
    std::string name;
    std::string country;
    friend bool operator==(const LocationFacet& a, const LocationFacet& b) {
        return a.name == b.name && a.country == b.country;
    }
};

/// Everything extract() finds in one article.
struct ArticleEntities {
    /// PER/ORG/LOC/MISC in the story (not boilerplate), in order; MISC mentions (events,
    /// works, products, nationalities) are in no facet.
    std::vector<EntityMention> mentions;
    std::vector<DateMention> dates;         ///< dates the story mentions, resolved
    std::vector<std::string> persons;       ///< canonical, most salient first, no duplicates
    std::vector<std::string> organisations; ///< canonical, most salient first, no duplicates
    std::vector<LocationFacet> locations;   ///< canonical, most salient first, no duplicates
    /// ISO codes of the places named, countries named, demonyms and the dateline; most salient
    /// first, no duplicates.
    std::vector<std::string> countries;
    std::string byline; ///< author from a byline line ("• Adam Floyd", "By Jane Doe"), or empty
    /// Byte ranges [first, second) of body lines that are not the story (newline excluded).
    std::vector<std::pair<std::size_t, std::size_t>> boilerplate;
};

/// Finds and resolves the entities of articles. Immutable after construction; extract() may
/// run on many threads at once.
class EntityExtractor {
public:
    EntityExtractor(std::shared_ptr<const Tagger> tagger,
                    std::shared_ptr<const Gazetteer> gazetteer);

    /// The committed tagger model and the gazetteer, from their default paths.
    /// @throws ResourceError naming the missing or broken file.
    static EntityExtractor load_default();

    /// The entities, dates, facets and byline of one article. Thread-safe.
    ArticleEntities extract(const Article& article) const;

    const Gazetteer& gazetteer() const { return *m_gazetteer; }

private:
    std::shared_ptr<const Tagger> m_tagger;
    std::shared_ptr<const Gazetteer> m_gazetteer;
};

} // namespace newsdex::analysis
