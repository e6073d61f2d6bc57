#include "tagger_features.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "newsdex/time/calendar.h"

// The tagger's word lists (detail::WordLists), whose membership flags are features of the
// model. A change to any list changes WordLists::fingerprint(), which a model stores: models
// trained with other lists are refused rather than read wrongly.

namespace newsdex::analysis::detail {
namespace {

// Short hand-written lists. They are hints for the model, not rules: the perceptron learns how
// much each membership is worth, so coverage matters more than precision.

constexpr const char* countries[] = {
    "afghanistan", "albania",       "algeria",      "andorra",        "angola",
    "argentina",   "armenia",       "australia",    "austria",        "azerbaijan",
    "bahamas",     "bahrain",       "bangladesh",   "barbados",       "belarus",
    "belgium",     "belize",        "benin",        "bhutan",         "bolivia",
    "bosnia",      "botswana",      "brazil",       "brunei",         "bulgaria",
    "burundi",     "cambodia",      "cameroon",     "canada",         "chad",
    "chile",       "china",         "colombia",     "comoros",        "congo",
    "croatia",     "cuba",          "cyprus",       "czechoslovakia", "denmark",
    "djibouti",    "dominica",      "ecuador",      "egypt",          "eritrea",
    "estonia",     "ethiopia",      "fiji",         "finland",        "france",
    "gabon",       "gambia",        "georgia",      "germany",        "ghana",
    "greece",      "grenada",       "guatemala",    "guinea",         "guyana",
    "haiti",       "honduras",      "hungary",      "iceland",        "india",
    "indonesia",   "iran",          "iraq",         "ireland",        "israel",
    "italy",       "jamaica",       "japan",        "jordan",         "kazakhstan",
    "kenya",       "kiribati",      "kosovo",       "kuwait",         "kyrgyzstan",
    "laos",        "latvia",        "lebanon",      "lesotho",        "liberia",
    "libya",       "liechtenstein", "lithuania",    "luxembourg",     "macedonia",
    "madagascar",  "malawi",        "malaysia",     "maldives",       "mali",
    "malta",       "mauritania",    "mauritius",    "mexico",         "moldova",
    "monaco",      "mongolia",      "montenegro",   "morocco",        "mozambique",
    "myanmar",     "burma",         "namibia",      "nauru",          "nepal",
    "netherlands", "holland",       "nicaragua",    "niger",          "nigeria",
    "norway",      "oman",          "pakistan",     "palau",          "panama",
    "paraguay",    "peru",          "philippines",  "poland",         "portugal",
    "qatar",       "romania",       "russia",       "rwanda",         "samoa",
    "senegal",     "serbia",        "seychelles",   "singapore",      "slovakia",
    "slovenia",    "somalia",       "spain",        "sudan",          "suriname",
    "swaziland",   "sweden",        "switzerland",  "syria",          "taiwan",
    "tajikistan",  "tanzania",      "thailand",     "togo",           "tonga",
    "tunisia",     "turkey",        "turkmenistan", "tuvalu",         "uganda",
    "ukraine",     "uruguay",       "uzbekistan",   "vanuatu",        "venezuela",
    "vietnam",     "yemen",         "yugoslavia",   "zaire",          "zambia",
    "zimbabwe",    "britain",       "england",      "scotland",       "wales",
    "us",          "usa",           "u.s.",         "u.k.",           "uk",
    "chechnya",    "palestine",     "tibet",        "kashmir",        "kurdistan",
    "greenland",   "europe",        "asia",         "africa",         "america",
    "antarctica",  "scandinavia",   "balkans",
};

constexpr const char* places[] = {
#include "tagger_places.inc"
};

constexpr const char* first_names[] = {
    "john",     "james",       "robert",      "michael",    "william",     "david",
    "richard",  "joseph",      "thomas",      "charles",    "christopher", "daniel",
    "matthew",  "anthony",     "mark",        "donald",     "steven",      "paul",
    "andrew",   "joshua",      "kenneth",     "kevin",      "brian",       "george",
    "timothy",  "ronald",      "edward",      "jason",      "jeffrey",     "ryan",
    "jacob",    "gary",        "nicholas",    "eric",       "jonathan",    "stephen",
    "larry",    "justin",      "scott",       "brandon",    "benjamin",    "samuel",
    "gregory",  "frank",       "alexander",   "raymond",    "patrick",     "jack",
    "dennis",   "jerry",       "tyler",       "aaron",      "jose",        "adam",
    "henry",    "nathan",      "douglas",     "zachary",    "peter",       "kyle",
    "walter",   "ethan",       "jeremy",      "harold",     "keith",       "christian",
    "roger",    "noah",        "gerald",      "carl",       "terry",       "sean",
    "austin",   "arthur",      "lawrence",    "jesse",      "dylan",       "bryan",
    "joe",      "jordan",      "billy",       "bruce",      "albert",      "willie",
    "gabriel",  "logan",       "alan",        "juan",       "wayne",       "roy",
    "ralph",    "randy",       "eugene",      "vincent",    "russell",     "louis",
    "philip",   "bobby",       "johnny",      "bradley",    "mary",        "patricia",
    "jennifer", "linda",       "elizabeth",   "barbara",    "susan",       "jessica",
    "sarah",    "karen",       "nancy",       "lisa",       "betty",       "margaret",
    "sandra",   "ashley",      "kimberly",    "emily",      "donna",       "michelle",
    "dorothy",  "carol",       "amanda",      "melissa",    "deborah",     "stephanie",
    "rebecca",  "sharon",      "laura",       "cynthia",    "kathleen",    "amy",
    "shirley",  "angela",      "helen",       "anna",       "brenda",      "pamela",
    "nicole",   "emma",        "samantha",    "katherine",  "christine",   "debra",
    "rachel",   "catherine",   "carolyn",     "janet",      "ruth",        "maria",
    "heather",  "diane",       "virginia",    "julie",      "joyce",       "victoria",
    "kelly",    "christina",   "lauren",      "joan",       "evelyn",      "olivia",
    "judith",   "megan",       "cheryl",      "martha",     "andrea",      "frances",
    "hannah",   "jacqueline",  "ann",         "gloria",     "jean",        "kathryn",
    "alice",    "teresa",      "sara",        "janice",     "doris",       "madison",
    "julia",    "grace",       "judy",        "abigail",    "marie",       "denise",
    "beverly",  "amber",       "theresa",     "marilyn",    "danielle",    "diana",
    "brittany", "natalie",     "sophia",      "rose",       "isabella",    "alexis",
    "kayla",    "charlotte",   "hillary",     "bill",       "bob",         "jim",
    "tom",      "mike",        "tony",        "nick",       "steve",       "dave",
    "ian",      "colin",       "neil",        "graham",     "nigel",       "martin",
    "simon",    "jan",         "hans",        "klaus",      "helmut",      "jurgen",
    "wolfgang", "gerhard",     "dieter",      "karl",       "franz",       "heinz",
    "jacques",  "jean-pierre", "jean-claude", "jean-marie", "francois",    "pierre",
    "alain",    "michel",      "philippe",    "yves",       "bernard",     "marcel",
    "andre",    "claude",      "nicolas",     "laurent",    "giovanni",    "giuseppe",
    "carlo",    "mario",       "luigi",       "romano",     "silvio",      "massimo",
    "antonio",  "francesco",   "marco",       "luca",       "carlos",      "luis",
    "jorge",    "pedro",       "miguel",      "manuel",     "fernando",    "javier",
    "felipe",   "ernesto",     "alberto",     "fidel",      "raul",        "vladimir",
    "boris",    "viktor",      "victor",      "yuri",       "sergei",      "alexander",
    "alexei",   "andrei",      "dmitry",      "mikhail",    "nikolai",     "ivan",
    "igor",     "oleg",        "gennady",     "yevgeny",    "anatoly",     "lech",
    "vaclav",   "slobodan",    "franjo",      "alija",      "radovan",     "ratko",
    "muhammad", "mohammed",    "mohamed",     "ahmed",      "ali",         "hassan",
    "hussein",  "yasser",      "saddam",      "abdullah",   "omar",        "mahmoud",
    "ibrahim",  "yitzhak",     "shimon",      "benjamin",   "ehud",        "ariel",
    "nelson",   "kofi",        "boutros",     "helmut",     "jiang",       "li",
    "deng",     "zhu",         "kim",         "lee",        "park",        "ryutaro",
    "tomiichi", "nawaz",       "benazir",     "atal",       "narasimha",   "suharto",
    "mahathir", "anwar",       "pete",        "greg",       "wasim",       "sachin",
    "ronaldo",  "diego",       "jimmy",       "ken",        "jon",         "dan",
    "ben",      "sam",         "max",         "alex",       "tim",         "rob",
};

constexpr const char* person_roles[] = {
    "president",    "minister",
    "envoy",        "spokesman",
    "spokeswoman",  "spokesperson",
    "secretary",    "chancellor",
    "premier",      "leader",
    "chairman",     "chairwoman",
    "chief",        "director",
    "ambassador",   "governor",
    "senator",      "sen",
    "rep",          "representative",
    "congressman",  "mayor",
    "king",         "queen",
    "prince",       "princess",
    "pope",         "judge",
    "justice",      "coach",
    "striker",      "midfielder",
    "defender",     "goalkeeper",
    "captain",      "manager",
    "analyst",      "economist",
    "trader",       "dealer",
    "negotiator",   "mediator",
    "commander",    "general",
    "colonel",      "officer",
    "official",     "diplomat",
    "deputy",       "vice",
    "candidate",    "challenger",
    "prosecutor",   "lawyer",
    "attorney",     "counsel",
    "bishop",       "cardinal",
    "archbishop",   "rabbi",
    "cleric",       "ayatollah",
    "sheikh",       "emir",
    "sultan",       "dictator",
    "rebel",        "warlord",
    "chef",         "executive",
    "ceo",          "founder",
    "owner",        "president-elect",
    "told",         "said",
    "says",         "according",
    "told",         "quoted",
    "spokesmen",    "player",
    "champion",     "seed",
    "compatriot",   "partner",
    "wife",         "husband",
    "son",          "daughter",
    "brother",      "sister",
    "father",       "mother",
    "widow",        "chairperson",
    "presidential", "foreign",
    "interior",     "defence",
    "defense",
};

constexpr const char* honorifics[] = {
    "mr",   "mr.",   "mrs",      "mrs.",   "ms",    "ms.",  "dr",   "dr.",  "sir",
    "lord", "lady",  "dame",     "gen.",   "gen",   "lt.",  "col.", "sgt.", "capt.",
    "maj.", "prof.", "prof",     "rev.",   "sen.",  "rep.", "gov.", "st.",  "saint",
    "mme",  "herr",  "monsieur", "madame", "senor", "jr",   "jr.",
};

constexpr const char* org_heads[] = {
    "commission",
    "council",
    "ministry",
    "party",
    "forces",
    "organisation",
    "organization",
    "bank",
    "agency",
    "union",
    "association",
    "federation",
    "group",
    "club",
    "committee",
    "institute",
    "university",
    "college",
    "company",
    "airlines",
    "airways",
    "airline",
    "exchange",
    "league",
    "board",
    "army",
    "front",
    "movement",
    "congress",
    "parliament",
    "assembly",
    "fund",
    "trust",
    "holdings",
    "industries",
    "international",
    "systems",
    "motors",
    "securities",
    "capital",
    "investments",
    "foundation",
    "office",
    "department",
    "service",
    "services",
    "news",
    "times",
    "post",
    "journal",
    "telegraph",
    "network",
    "radio",
    "television",
    "tv",
    "press",
    "police",
    "navy",
    "command",
    "alliance",
    "coalition",
    "senate",
    "court",
    "tribunal",
    "authority",
    "bureau",
    "corporation",
    "partners",
    "brothers",
    "electric",
    "petroleum",
    "oil",
    "energy",
    "steel",
    "chemical",
    "chemicals",
    "pharmaceuticals",
    "insurance",
    "financial",
    "telecom",
    "communications",
    "media",
    "airport",
    "railway",
    "railways",
    "united",
    "rovers",
    "city",
    "athletic",
    "wanderers",
    "county",
    "albion",
    "hotspur",
    "sporting",
    "real",
    "fc",
    "cf",
    "sc",
    "ac",
    "inter",
    "dynamo",
    "spartak",
    "lokomotiv",
    "reserve",
    "treasury",
    "cabinet",
    "government",
    "church",
    "mission",
};

constexpr const char* company_suffixes[] = {
    "corp",         "corp.", "inc",  "inc.", "ltd",  "ltd.", "plc",  "co",   "co.",
    "llc",          "ag",    "sa",   "nv",   "n.v.", "s.a.", "gmbh", "bhd",  "spa",
    "s.p.a.",       "ab",    "asa",  "oyj",  "kk",   "pty",  "lp",   "l.p.", "limited",
    "incorporated", "bv",    "b.v.", "plc.", "cos",  "bros",
};

constexpr const char* org_names[] = {
    "nato",      "opec",      "un",        "u.n.",       "eu",       "imf",        "fifa",
    "uefa",      "ioc",       "reuters",   "unicef",     "unesco",   "unhcr",      "osce",
    "wto",       "gatt",      "asean",     "apec",       "plo",      "hamas",      "hezbollah",
    "ira",       "eta",       "sinn",      "fein",       "fbi",      "cia",        "nasa",
    "kgb",       "fsb",       "interpol",  "bundesbank", "fed",      "ecb",        "bundestag",
    "knesset",   "duma",      "kremlin",   "pentagon",   "likud",    "labour",     "tories",
    "ap",        "afp",       "bbc",       "cnn",        "nbc",      "cbs",        "abc",
    "microsoft", "ibm",       "intel",     "apple",      "boeing",   "airbus",     "toyota",
    "honda",     "nissan",    "siemens",   "philips",    "sony",     "volkswagen", "daimler",
    "fiat",      "renault",   "peugeot",   "shell",      "exxon",    "mobil",      "texaco",
    "chevron",   "bp",        "gazprom",   "nestle",     "unilever", "gm",         "ford",
    "chrysler",  "at&t",      "mci",       "nasdaq",     "nyse",     "s&p",        "moody's",
    "ajax",      "juventus",  "barcelona", "bayern",     "arsenal",  "chelsea",    "liverpool",
    "everton",   "celtic",    "rangers",   "feyenoord",  "psv",      "benfica",    "porto",
    "milan",     "lazio",     "roma",      "parma",      "napoli",   "fiorentina", "sampdoria",
    "monaco",    "marseille", "yankees",   "mets",       "dodgers",  "orioles",    "braves",
    "cubs",      "pirates",   "mariners",  "rockies",    "astros",   "expos",      "phillies",
    "padres",    "giants",    "reds",      "cardinals",  "brewers",  "tigers",     "twins",
    "royals",    "indians",   "athletics", "angels",     "rangers",  "blue",       "jays",
    "sox",       "marlins",   "senators",  "canadiens",  "bruins",   "wto",
};

constexpr const char* nationalities[] = {
    "american",   "british",      "french",      "german",      "italian",     "spanish",
    "russian",    "chinese",      "japanese",    "indian",      "pakistani",   "afghan",
    "iranian",    "iraqi",        "israeli",     "palestinian", "arab",        "egyptian",
    "syrian",     "lebanese",     "jordanian",   "saudi",       "turkish",     "greek",
    "cypriot",    "bulgarian",    "romanian",    "hungarian",   "polish",      "czech",
    "slovak",     "austrian",     "swiss",       "dutch",       "belgian",     "danish",
    "swedish",    "norwegian",    "finnish",     "irish",       "scottish",    "welsh",
    "english",    "portuguese",   "brazilian",   "argentine",   "argentinian", "mexican",
    "colombian",  "peruvian",     "chilean",     "venezuelan",  "cuban",       "canadian",
    "australian", "african",      "nigerian",    "kenyan",      "ethiopian",   "somali",
    "sudanese",   "algerian",     "moroccan",    "tunisian",    "libyan",      "korean",
    "vietnamese", "thai",         "indonesian",  "malaysian",   "filipino",    "philippine",
    "taiwanese",  "ukrainian",    "belarussian", "lithuanian",  "latvian",     "estonian",
    "serbian",    "serb",         "croatian",    "croat",       "bosnian",     "muslim",
    "moslem",     "albanian",     "macedonian",  "slovenian",   "georgian",    "armenian",
    "azeri",      "kurdish",      "kurd",        "chechen",     "european",    "asian",
    "western",    "islamic",      "christian",   "catholic",    "jewish",      "zealander",
    "dane",       "swede",        "briton",      "scot",        "pole",        "finn",
    "israelis",   "palestinians", "americans",   "russians",    "germans",
};

// Besides the calendar's month and weekday names and their three-letter forms (added from
// time/calendar.h), the words that name a time.
constexpr const char* time_words[] = {
    "sept", "christmas", "easter", "today", "yesterday", "tomorrow", "gmt", "est",
};

constexpr const char* place_heads[] = {
    "river",    "island",   "islands",  "mountains", "mount",    "mt",        "sea",    "ocean",
    "gulf",     "bay",      "lake",     "valley",    "province", "state",     "region", "city",
    "street",   "avenue",   "square",   "strait",    "straits",  "peninsula", "coast",  "desert",
    "canal",    "bridge",   "stadium",  "park",      "airport",  "port",      "hills",  "heights",
    "bank",     "strip",    "republic", "kingdom",   "north",    "south",     "east",   "west",
    "northern", "southern", "eastern",  "western",   "central",  "new",       "san",    "santa",
    "los",      "las",      "el",       "saint",     "fort",     "cape",      "upper",  "lower",
    "greater",
};

struct Phrase {
    const char* words;
    EntityType type;
};

constexpr Phrase phrases[] = {
    {"united states", EntityType::location},
    {"united kingdom", EntityType::location},
    {"united arab emirates", EntityType::location},
    {"new york", EntityType::location},
    {"new zealand", EntityType::location},
    {"new delhi", EntityType::location},
    {"new jersey", EntityType::location},
    {"new mexico", EntityType::location},
    {"new hampshire", EntityType::location},
    {"hong kong", EntityType::location},
    {"south africa", EntityType::location},
    {"south korea", EntityType::location},
    {"north korea", EntityType::location},
    {"saudi arabia", EntityType::location},
    {"sri lanka", EntityType::location},
    {"costa rica", EntityType::location},
    {"puerto rico", EntityType::location},
    {"el salvador", EntityType::location},
    {"ivory coast", EntityType::location},
    {"sierra leone", EntityType::location},
    {"czech republic", EntityType::location},
    {"dominican republic", EntityType::location},
    {"west bank", EntityType::location},
    {"gaza strip", EntityType::location},
    {"middle east", EntityType::location},
    {"latin america", EntityType::location},
    {"north america", EntityType::location},
    {"south america", EntityType::location},
    {"los angeles", EntityType::location},
    {"san francisco", EntityType::location},
    {"san diego", EntityType::location},
    {"buenos aires", EntityType::location},
    {"rio de janeiro", EntityType::location},
    {"sao paulo", EntityType::location},
    {"tel aviv", EntityType::location},
    {"kuala lumpur", EntityType::location},
    {"mexico city", EntityType::location},
    {"north carolina", EntityType::location},
    {"south carolina", EntityType::location},
    {"north dakota", EntityType::location},
    {"south dakota", EntityType::location},
    {"west virginia", EntityType::location},
    {"rhode island", EntityType::location},
    {"las vegas", EntityType::location},
    {"st petersburg", EntityType::location},
    {"st. petersburg", EntityType::location},
    {"papua new guinea", EntityType::location},
    {"bosnia and herzegovina", EntityType::location},
    {"united nations", EntityType::organisation},
    {"european union", EntityType::organisation},
    {"european commission", EntityType::organisation},
    {"security council", EntityType::organisation},
    {"world bank", EntityType::organisation},
    {"international monetary fund", EntityType::organisation},
    {"red cross", EntityType::organisation},
    {"federal reserve", EntityType::organisation},
    {"white house", EntityType::location},
    {"wall street", EntityType::location},
    {"world trade organisation", EntityType::organisation},
    {"world trade organization", EntityType::organisation},
    {"european parliament", EntityType::organisation},
    {"general motors", EntityType::organisation},
    {"world cup", EntityType::misc},
    {"olympic games", EntityType::misc},
    {"grand prix", EntityType::misc},
    {"davis cup", EntityType::misc},
};

template <std::size_t N>
void add_words(std::vector<std::pair<std::uint64_t, std::uint16_t>>& out,
               const char* const (&words)[N], std::uint16_t bit) {
    for (const char* w : words) {
        out.emplace_back(hash_bytes(w, std::strlen(w)), bit);
    }
}

void add_calendar_words(std::vector<std::pair<std::uint64_t, std::uint16_t>>& out,
                        std::uint16_t bit) {
    for (const std::string_view month : month_names) {
        out.emplace_back(hash_bytes(month.data(), month.size()), bit);
        out.emplace_back(hash_bytes(month.data(), 3), bit);
    }
    for (const std::string_view day : weekday_names) {
        out.emplace_back(hash_bytes(day.data(), day.size()), bit);
    }
}

std::vector<std::uint64_t> phrase_word_hashes(const char* words) {
    std::vector<std::uint64_t> hashes;
    const char* p = words;
    while (*p != '\0') {
        const char* e = p;
        while (*e != '\0' && *e != ' ') {
            ++e;
        }
        hashes.push_back(hash_bytes(p, static_cast<std::size_t>(e - p)));
        p = *e == ' ' ? e + 1 : e;
    }
    return hashes;
}

std::vector<std::uint64_t> build_table(std::vector<std::pair<std::uint64_t, std::uint16_t>> items,
                                       std::vector<std::uint16_t>& values) {
    // Sorted before insertion so the table (and its fingerprint) does not depend on list order.
    std::sort(items.begin(), items.end());
    std::size_t cap = 16;
    while (cap < items.size() * 3) {
        cap *= 2;
    }
    std::vector<std::uint64_t> keys(cap, 0);
    values.assign(cap, 0);
    for (const auto& [key, value] : items) {
        std::size_t i = key & (cap - 1);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & (cap - 1);
        }
        keys[i] = key;
        values[i] |= value;
    }
    return keys;
}

std::uint16_t table_find(const std::vector<WordLists::Slot>& table, std::uint64_t key);

} // namespace

const WordLists& WordLists::instance() {
    static const WordLists lists;
    return lists;
}

WordLists::WordLists() {
    std::vector<std::pair<std::uint64_t, std::uint16_t>> words;
    add_words(words, countries, gaz_country);
    add_words(words, places, gaz_place);
    add_words(words, first_names, gaz_first_name);
    add_words(words, person_roles, gaz_person_role);
    add_words(words, honorifics, gaz_honorific);
    add_words(words, org_heads, gaz_org_head);
    add_words(words, company_suffixes, gaz_company_suffix);
    add_words(words, org_names, gaz_org_name);
    add_words(words, nationalities, gaz_nationality);
    add_words(words, time_words, gaz_time_word);
    add_calendar_words(words, gaz_time_word);
    add_words(words, place_heads, gaz_place_head);

    std::vector<std::pair<std::uint64_t, std::uint16_t>> phrase_items;
    for (const Phrase& phrase : phrases) {
        const auto hashes = phrase_word_hashes(phrase.words);
        std::uint64_t h = hashes[0];
        for (std::size_t k = 1; k < hashes.size(); ++k) {
            h = combine(h, hashes[k]);
        }
        phrase_items.emplace_back(h, static_cast<std::uint16_t>(static_cast<int>(phrase.type) + 1));
    }

    std::vector<std::uint16_t> values;
    auto keys = build_table(words, values);
    m_words.resize(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        m_words[i] = Slot{keys[i], values[i]};
        m_fingerprint = combine(m_fingerprint, keys[i] ^ values[i]);
    }
    keys = build_table(phrase_items, values);
    m_phrases.resize(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        m_phrases[i] = Slot{keys[i], values[i]};
        m_fingerprint = combine(m_fingerprint, keys[i] ^ values[i]);
    }
}

namespace {
std::uint16_t table_find(const std::vector<WordLists::Slot>& table, std::uint64_t key) {
    const std::size_t mask = table.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        if (table[i].key == key) {
            return table[i].value;
        }
        if (table[i].key == 0) {
            return 0;
        }
    }
}
} // namespace

std::uint16_t WordLists::word_flags(std::uint64_t lower_hash) const {
    return table_find(m_words, lower_hash);
}

int WordLists::phrase_type(std::uint64_t phrase_hash) const {
    return table_find(m_phrases, phrase_hash);
}

} // namespace newsdex::analysis::detail
