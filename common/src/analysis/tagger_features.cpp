#include "tagger_features.h"

#include <algorithm>
#include <cstring>

#include "newsdex/ascii.h"

namespace newsdex::analysis::detail {
namespace {

// Short hand-written lists. They are hints for the model, not rules: the perceptron learns how
// much each membership is worth, so coverage matters more than precision.

constexpr const char* countries[] = {
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia",
    "australia", "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados",
    "belarus", "belgium", "belize", "benin", "bhutan", "bolivia", "bosnia", "botswana", "brazil",
    "brunei", "bulgaria", "burundi", "cambodia", "cameroon", "canada", "chad", "chile", "china",
    "colombia", "comoros", "congo", "croatia", "cuba", "cyprus", "czechoslovakia", "denmark",
    "djibouti", "dominica", "ecuador", "egypt", "eritrea", "estonia", "ethiopia", "fiji",
    "finland", "france", "gabon", "gambia", "georgia", "germany", "ghana", "greece", "grenada",
    "guatemala", "guinea", "guyana", "haiti", "honduras", "hungary", "iceland", "india",
    "indonesia", "iran", "iraq", "ireland", "israel", "italy", "jamaica", "japan", "jordan",
    "kazakhstan", "kenya", "kiribati", "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia",
    "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania", "luxembourg",
    "macedonia", "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania",
    "mauritius", "mexico", "moldova", "monaco", "mongolia", "montenegro", "morocco",
    "mozambique", "myanmar", "burma", "namibia", "nauru", "nepal", "netherlands", "holland",
    "nicaragua", "niger", "nigeria", "norway", "oman", "pakistan", "palau", "panama", "paraguay",
    "peru", "philippines", "poland", "portugal", "qatar", "romania", "russia", "rwanda", "samoa",
    "senegal", "serbia", "seychelles", "singapore", "slovakia", "slovenia", "somalia", "spain",
    "sudan", "suriname", "swaziland", "sweden", "switzerland", "syria", "taiwan", "tajikistan",
    "tanzania", "thailand", "togo", "tonga", "tunisia", "turkey", "turkmenistan", "tuvalu",
    "uganda", "ukraine", "uruguay", "uzbekistan", "vanuatu", "venezuela", "vietnam", "yemen",
    "yugoslavia", "zaire", "zambia", "zimbabwe", "britain", "england", "scotland", "wales",
    "us", "usa", "u.s.", "u.k.", "uk", "chechnya", "palestine", "tibet", "kashmir", "kurdistan",
    "greenland", "europe", "asia", "africa", "america", "antarctica", "scandinavia", "balkans",
};

constexpr const char* places[] = {
    // Capitals and large cities.
    "london", "paris", "berlin", "bonn", "madrid", "rome", "vienna", "brussels", "amsterdam",
    "moscow", "beijing", "tokyo", "washington", "ottawa", "canberra", "sydney", "melbourne",
    "delhi", "mumbai", "bombay", "calcutta", "karachi", "islamabad", "kabul", "tehran",
    "baghdad", "damascus", "beirut", "amman", "jerusalem", "cairo", "riyadh", "ankara",
    "istanbul", "athens", "sofia", "bucharest", "budapest", "prague", "warsaw", "kiev", "minsk",
    "vilnius", "riga", "tallinn", "helsinki", "stockholm", "oslo", "copenhagen", "dublin",
    "lisbon", "geneva", "zurich", "bern", "milan", "munich", "frankfurt", "hamburg", "lyon",
    "marseille", "barcelona", "seville", "naples", "turin", "belgrade", "zagreb", "sarajevo",
    "ljubljana", "skopje", "tirana", "pristina", "grozny", "tbilisi", "yerevan", "baku",
    "tashkent", "almaty", "bishkek", "dushanbe", "ashgabat", "seoul", "pyongyang", "manila",
    "jakarta", "bangkok", "hanoi", "saigon", "singapore", "taipei", "shanghai", "canton",
    "guangzhou", "shenzhen", "osaka", "dhaka", "colombo", "kathmandu", "rangoon", "yangon",
    "nairobi", "lagos", "abuja", "johannesburg", "pretoria", "harare", "lusaka", "kinshasa",
    "kampala", "kigali", "addis", "khartoum", "tripoli", "tunis", "algiers", "rabat",
    "casablanca", "dakar", "accra", "abidjan", "luanda", "maputo", "mogadishu", "asmara",
    "bogota", "lima", "quito", "caracas", "santiago", "brasilia", "rio", "havana", "managua",
    "tegucigalpa", "chicago", "boston", "houston", "dallas", "miami", "atlanta", "detroit",
    "seattle", "denver", "philadelphia", "toronto", "montreal", "vancouver", "manchester",
    "liverpool", "leeds", "glasgow", "edinburgh", "belfast", "cardiff", "birmingham",
    "wellington", "auckland", "gaza", "hebron", "ramallah", "nablus", "bethlehem", "basra",
    "mosul", "kuala", "hong", "macau", "sao", "monrovia", "freetown", "bujumbura", "goma",
    // States and regions.
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
    "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "ohio", "oklahoma", "oregon",
    "pennsylvania", "tennessee", "texas", "utah", "vermont", "virginia", "wisconsin", "wyoming",
    "quebec", "ontario", "alberta", "bavaria", "catalonia", "sicily", "sardinia", "corsica",
    "siberia", "crimea", "ulster", "flanders", "wallonia", "punjab", "kerala", "bengal",
    "mindanao", "java", "sumatra", "borneo", "tasmania", "queensland", "yorkshire", "kent",
    "essex", "surrey", "lancashire", "transylvania", "dagestan", "ingushetia", "tatarstan",
};

constexpr const char* first_names[] = {
    "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
    "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul",
    "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward",
    "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen",
    "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "frank", "alexander",
    "raymond", "patrick", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "henry",
    "nathan", "douglas", "zachary", "peter", "kyle", "walter", "ethan", "jeremy", "harold",
    "keith", "christian", "roger", "noah", "gerald", "carl", "terry", "sean", "austin", "arthur",
    "lawrence", "jesse", "dylan", "bryan", "joe", "jordan", "billy", "bruce", "albert", "willie",
    "gabriel", "logan", "alan", "juan", "wayne", "roy", "ralph", "randy", "eugene", "vincent",
    "russell", "louis", "philip", "bobby", "johnny", "bradley", "mary", "patricia", "jennifer",
    "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy", "lisa",
    "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle", "dorothy",
    "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura",
    "cynthia", "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela",
    "nicole", "emma", "samantha", "katherine", "christine", "debra", "rachel", "catherine",
    "carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia", "julie", "joyce",
    "victoria", "kelly", "christina", "lauren", "joan", "evelyn", "olivia", "judith", "megan",
    "cheryl", "martha", "andrea", "frances", "hannah", "jacqueline", "ann", "gloria", "jean",
    "kathryn", "alice", "teresa", "sara", "janice", "doris", "madison", "julia", "grace",
    "judy", "abigail", "marie", "denise", "beverly", "amber", "theresa", "marilyn", "danielle",
    "diana", "brittany", "natalie", "sophia", "rose", "isabella", "alexis", "kayla", "charlotte",
    "hillary", "bill", "bob", "jim", "tom", "mike", "tony", "nick", "steve", "dave", "ian",
    "colin", "neil", "graham", "nigel", "martin", "simon", "jan", "hans", "klaus", "helmut",
    "jurgen", "wolfgang", "gerhard", "dieter", "karl", "franz", "heinz", "jacques", "jean-pierre",
    "jean-claude", "jean-marie", "francois", "pierre", "alain", "michel", "philippe", "yves",
    "bernard", "marcel", "andre", "claude", "nicolas", "laurent", "giovanni", "giuseppe",
    "carlo", "mario", "luigi", "romano", "silvio", "massimo", "antonio", "francesco", "marco",
    "luca", "carlos", "luis", "jorge", "pedro", "miguel", "manuel", "fernando", "javier",
    "felipe", "ernesto", "alberto", "fidel", "raul", "vladimir", "boris", "viktor", "victor",
    "yuri", "sergei", "alexander", "alexei", "andrei", "dmitry", "mikhail", "nikolai", "ivan",
    "igor", "oleg", "gennady", "yevgeny", "anatoly", "lech", "vaclav", "slobodan", "franjo",
    "alija", "radovan", "ratko", "muhammad", "mohammed", "mohamed", "ahmed", "ali", "hassan",
    "hussein", "yasser", "saddam", "abdullah", "omar", "mahmoud", "ibrahim", "yitzhak",
    "shimon", "benjamin", "ehud", "ariel", "nelson", "kofi", "boutros", "helmut", "jiang",
    "li", "deng", "zhu", "kim", "lee", "park", "ryutaro", "tomiichi", "nawaz", "benazir",
    "atal", "narasimha", "suharto", "mahathir", "anwar", "pete", "greg", "wasim", "sachin",
    "ronaldo", "diego", "jimmy", "ken", "jon", "dan", "ben", "sam", "max", "alex", "tim", "rob",
};

constexpr const char* person_roles[] = {
    "president", "minister", "envoy", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "chancellor", "premier", "leader", "chairman", "chairwoman", "chief", "director",
    "ambassador", "governor", "senator", "sen", "rep", "representative", "congressman",
    "mayor", "king", "queen", "prince", "princess", "pope", "judge", "justice", "coach",
    "striker", "midfielder", "defender", "goalkeeper", "captain", "manager", "analyst",
    "economist", "trader", "dealer", "negotiator", "mediator", "commander", "general",
    "colonel", "officer", "official", "diplomat", "deputy", "vice", "candidate", "challenger",
    "prosecutor", "lawyer", "attorney", "counsel", "bishop", "cardinal", "archbishop", "rabbi",
    "cleric", "ayatollah", "sheikh", "emir", "sultan", "dictator", "rebel", "warlord", "chef",
    "executive", "ceo", "founder", "owner", "president-elect", "told", "said", "says",
    "according", "told", "quoted", "spokesmen", "player", "champion", "seed", "compatriot",
    "partner", "wife", "husband", "son", "daughter", "brother", "sister", "father", "mother",
    "widow", "chairperson", "presidential", "foreign", "interior", "defence", "defense",
};

constexpr const char* honorifics[] = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "lord", "lady", "dame",
    "gen.", "gen", "lt.", "col.", "sgt.", "capt.", "maj.", "prof.", "prof", "rev.", "sen.",
    "rep.", "gov.", "st.", "saint", "mme", "herr", "monsieur", "madame", "senor", "jr", "jr.",
};

constexpr const char* org_heads[] = {
    "commission", "council", "ministry", "party", "forces", "organisation", "organization",
    "bank", "agency", "union", "association", "federation", "group", "club", "committee",
    "institute", "university", "college", "company", "airlines", "airways", "airline",
    "exchange", "league", "board", "army", "front", "movement", "congress", "parliament",
    "assembly", "fund", "trust", "holdings", "industries", "international", "systems",
    "motors", "securities", "capital", "investments", "foundation", "office", "department",
    "service", "services", "news", "times", "post", "journal", "telegraph", "network", "radio",
    "television", "tv", "press", "police", "navy", "command", "alliance", "coalition", "senate",
    "court", "tribunal", "authority", "bureau", "corporation", "partners", "brothers",
    "electric", "petroleum", "oil", "energy", "steel", "chemical", "chemicals", "pharmaceuticals",
    "insurance", "financial", "telecom", "communications", "media", "airport", "railway",
    "railways", "united", "rovers", "city", "athletic", "wanderers", "county", "albion",
    "hotspur", "sporting", "real", "fc", "cf", "sc", "ac", "inter", "dynamo", "spartak",
    "lokomotiv", "reserve", "treasury", "cabinet", "government", "church", "mission",
};

constexpr const char* company_suffixes[] = {
    "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "plc", "co", "co.", "llc", "ag", "sa", "nv",
    "n.v.", "s.a.", "gmbh", "bhd", "spa", "s.p.a.", "ab", "asa", "oyj", "kk", "pty", "lp",
    "l.p.", "limited", "incorporated", "bv", "b.v.", "plc.", "cos", "bros",
};

constexpr const char* org_names[] = {
    "nato", "opec", "un", "u.n.", "eu", "imf", "fifa", "uefa", "ioc", "reuters", "unicef",
    "unesco", "unhcr", "osce", "wto", "gatt", "asean", "apec", "plo", "hamas", "hezbollah",
    "ira", "eta", "sinn", "fein", "fbi", "cia", "nasa", "kgb", "fsb", "interpol", "bundesbank",
    "fed", "ecb", "bundestag", "knesset", "duma", "kremlin", "pentagon", "likud", "labour",
    "tories", "ap", "afp", "bbc", "cnn", "nbc", "cbs", "abc", "microsoft", "ibm", "intel",
    "apple", "boeing", "airbus", "toyota", "honda", "nissan", "siemens", "philips", "sony",
    "volkswagen", "daimler", "fiat", "renault", "peugeot", "shell", "exxon", "mobil", "texaco",
    "chevron", "bp", "gazprom", "nestle", "unilever", "gm", "ford", "chrysler", "at&t", "mci",
    "nasdaq", "nyse", "s&p", "moody's", "ajax", "juventus", "barcelona", "bayern", "arsenal",
    "chelsea", "liverpool", "everton", "celtic", "rangers", "feyenoord", "psv", "benfica",
    "porto", "milan", "lazio", "roma", "parma", "napoli", "fiorentina", "sampdoria", "monaco",
    "marseille", "yankees", "mets", "dodgers", "orioles", "braves", "cubs", "pirates",
    "mariners", "rockies", "astros", "expos", "phillies", "padres", "giants", "reds",
    "cardinals", "brewers", "tigers", "twins", "royals", "indians", "athletics", "angels",
    "rangers", "blue", "jays", "sox", "marlins", "senators", "canadiens", "bruins", "wto",
};

constexpr const char* nationalities[] = {
    "american", "british", "french", "german", "italian", "spanish", "russian", "chinese",
    "japanese", "indian", "pakistani", "afghan", "iranian", "iraqi", "israeli", "palestinian",
    "arab", "egyptian", "syrian", "lebanese", "jordanian", "saudi", "turkish", "greek",
    "cypriot", "bulgarian", "romanian", "hungarian", "polish", "czech", "slovak", "austrian",
    "swiss", "dutch", "belgian", "danish", "swedish", "norwegian", "finnish", "irish",
    "scottish", "welsh", "english", "portuguese", "brazilian", "argentine", "argentinian",
    "mexican", "colombian", "peruvian", "chilean", "venezuelan", "cuban", "canadian",
    "australian", "african", "nigerian", "kenyan", "ethiopian", "somali", "sudanese",
    "algerian", "moroccan", "tunisian", "libyan", "korean", "vietnamese", "thai",
    "indonesian", "malaysian", "filipino", "philippine", "taiwanese", "ukrainian",
    "belarussian", "lithuanian", "latvian", "estonian", "serbian", "serb", "croatian", "croat",
    "bosnian", "muslim", "moslem", "albanian", "macedonian", "slovenian", "georgian",
    "armenian", "azeri", "kurdish", "kurd", "chechen", "european", "asian", "western",
    "islamic", "christian", "catholic", "jewish", "zealander", "dane", "swede", "briton",
    "scot", "pole", "finn", "israelis", "palestinians", "americans", "russians", "germans",
};

constexpr const char* time_words[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "christmas", "easter", "today", "yesterday", "tomorrow", "gmt", "est",
};

constexpr const char* place_heads[] = {
    "river", "island", "islands", "mountains", "mount", "mt", "sea", "ocean", "gulf", "bay",
    "lake", "valley", "province", "state", "region", "city", "street", "avenue", "square",
    "strait", "straits", "peninsula", "coast", "desert", "canal", "bridge", "stadium", "park",
    "airport", "port", "hills", "heights", "bank", "strip", "republic", "kingdom", "north",
    "south", "east", "west", "northern", "southern", "eastern", "western", "central", "new",
    "san", "santa", "los", "las", "el", "saint", "fort", "cape", "upper", "lower", "greater",
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
               const char* const (&words)[N], std::uint16_t bit)
{
    for (const char* w : words) {
        out.emplace_back(hash_bytes(w, std::strlen(w)), bit);
    }
}

std::vector<std::uint64_t> phrase_word_hashes(const char* words)
{
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
                                       std::vector<std::uint16_t>& values)
{
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

const WordLists& WordLists::instance()
{
    static const WordLists lists;
    return lists;
}

WordLists::WordLists()
{
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
std::uint16_t table_find(const std::vector<WordLists::Slot>& table, std::uint64_t key)
{
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

std::uint16_t WordLists::word_flags(std::uint64_t lower_hash) const
{
    return table_find(m_words, lower_hash);
}

int WordLists::phrase_type(std::uint64_t phrase_hash) const
{
    return table_find(m_phrases, phrase_hash);
}

// ---------------------------------------------------------------------------------------------

void ClusterTable::assign(std::vector<std::pair<std::uint64_t, std::uint16_t>> entries)
{
    m_entries = std::move(entries);
    std::size_t cap = 16;
    while (cap < m_entries.size() * 2) {
        cap *= 2;
    }
    m_keys.assign(cap, 0);
    m_values.assign(cap, 0);
    for (const auto& [key, value] : m_entries) {
        const std::uint64_t k = key | 1U; // 0 marks an empty slot
        std::size_t i = mix64(k) & (cap - 1);
        while (m_keys[i] != 0 && m_keys[i] != k) {
            i = (i + 1) & (cap - 1);
        }
        m_keys[i] = k;
        m_values[i] = value;
    }
}

std::uint16_t ClusterTable::find(std::uint64_t word_hash) const
{
    if (m_entries.empty()) {
        return 0;
    }
    const std::uint64_t k = word_hash | 1U;
    const std::size_t mask = m_keys.size() - 1;
    for (std::size_t i = mix64(k) & mask;; i = (i + 1) & mask) {
        if (m_keys[i] == k) {
            return m_values[i];
        }
        if (m_keys[i] == 0) {
            return 0;
        }
    }
}

// ---------------------------------------------------------------------------------------------

void DocHistory::clear()
{
    if (m_keys.empty()) {
        m_keys.assign(1024, 0);
        m_values.assign(1024, 0);
    } else if (m_used != 0) {
        std::fill(m_keys.begin(), m_keys.end(), 0);
    }
    m_used = 0;
}

int DocHistory::find(std::uint64_t key) const
{
    if (m_keys.empty()) {
        return -1;
    }
    key |= 1U; // 0 marks an empty slot
    const std::size_t mask = m_keys.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        if (m_keys[i] == key) {
            return m_values[i];
        }
        if (m_keys[i] == 0) {
            return -1;
        }
    }
}

void DocHistory::record(std::uint64_t key, int label)
{
    if (m_keys.empty() || (m_used + 1) * 2 > m_keys.size()) {
        grow();
    }
    key |= 1U;
    const std::size_t mask = m_keys.size() - 1;
    std::size_t i = key & mask;
    while (m_keys[i] != 0 && m_keys[i] != key) {
        i = (i + 1) & mask;
    }
    if (m_keys[i] == 0) {
        m_keys[i] = key;
        ++m_used;
    }
    m_values[i] = static_cast<std::int8_t>(label);
}

void DocHistory::grow()
{
    std::vector<std::uint64_t> old_keys(std::max<std::size_t>(1024, m_keys.size() * 2), 0);
    std::vector<std::int8_t> old_values(old_keys.size(), 0);
    old_keys.swap(m_keys);
    old_values.swap(m_values);
    const std::size_t mask = m_keys.size() - 1;
    for (std::size_t j = 0; j < old_keys.size(); ++j) {
        if (old_keys[j] == 0) {
            continue;
        }
        std::size_t i = old_keys[j] & mask;
        while (m_keys[i] != 0) {
            i = (i + 1) & mask;
        }
        m_keys[i] = old_keys[j];
        m_values[i] = old_values[j];
    }
}

// ---------------------------------------------------------------------------------------------

namespace {

enum Template : std::uint64_t {
    t_bias = 1,
    t_word,
    t_exact,
    t_prev_word,
    t_next_word,
    t_prev2_word,
    t_next2_word,
    t_prev_bigram,
    t_next_bigram,
    t_prefix,
    t_suffix = t_prefix + 4,
    t_shape = t_suffix + 4,
    t_short_shape,
    t_prev_short_shape,
    t_next_short_shape,
    t_shape_trigram,
    t_initial_shape,
    t_caps_shape,
    t_caps_word,
    t_gaz,
    t_prev_gaz,
    t_next_gaz,
    t_phrase,
    t_history,
    t_history_shape,
    t_prev_word_shape,
    t_next_word_shape,
    t_next_history,
    t_prev_history,
    t_cluster,
    t_prev_cluster,
    t_next_cluster,
    t_cluster_pair,
};

constexpr std::uint64_t boundary_before = 0x5bd1e9955bd1e995ULL;
constexpr std::uint64_t boundary_after = 0x2545f4914f6cdd1dULL;

/// Upper-case Latin-1 letters in UTF-8 (C3 80..C3 9E except the multiplication sign).
inline bool is_upper_latin1(const unsigned char* p, std::size_t left)
{
    return left >= 2 && p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97;
}

/// What one pass over a token's bytes finds: its shape ("Xxxxx", runs cut at four) and
/// short shape ("Xx", one class per run), and which cases its letters have.
struct Letters {
    char shape[16];
    std::size_t shape_len = 0;
    char short_shape[8];
    std::size_t short_len = 0;
    bool has_upper = false;
    bool has_lower = false;
};

/// Reads the first `len` bytes of a token, writing them lower-cased (ASCII and Latin-1
/// capitals) to `lower`.
Letters read_letters(const unsigned char* p, std::size_t len, char* lower)
{
    Letters out;
    char last_class = 0;
    int run = 0;
    for (std::size_t k = 0; k < len; ++k) {
        unsigned char c = p[k];
        char cls;
        if (is_upper(static_cast<char>(c))) {
            cls = 'X';
            c = static_cast<unsigned char>(c + 32);
            out.has_upper = true;
        } else if (is_lower(static_cast<char>(c))) {
            cls = 'x';
            out.has_lower = true;
        } else if (is_digit(static_cast<char>(c))) {
            cls = 'd';
        } else if (c >= 0x80) {
            if (c >= 0xC0) {
                if (is_upper_latin1(p + k, len - k)) {
                    cls = 'X';
                    out.has_upper = true;
                } else {
                    cls = 'x';
                    out.has_lower = true;
                }
            } else {
                // Continuation byte: lower-case a Latin-1 capital, no shape of its own.
                if (k > 0 && p[k - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97) {
                    c = static_cast<unsigned char>(c + 32);
                }
                lower[k] = static_cast<char>(c);
                continue;
            }
        } else {
            cls = static_cast<char>(c);
        }
        lower[k] = static_cast<char>(c);
        if (cls == last_class) {
            ++run;
        } else {
            run = 1;
            last_class = cls;
            if (out.short_len < sizeof out.short_shape) {
                out.short_shape[out.short_len++] = cls;
            }
        }
        if (run <= 4 && out.shape_len < sizeof out.shape) {
            out.shape[out.shape_len++] = cls;
        }
    }
    return out;
}

/// Fills `info` for one token; `lower` is scratch of at least 64 bytes. Returns what
/// read_letters() found, for the sentence's all-capitals test.
Letters describe_token(std::string_view token, const DocHistory& history,
                       const ClusterTable& clusters, const WordLists& lists,
                       std::vector<char>& lower, TokenInfo& info)
{
    const auto* p = reinterpret_cast<const unsigned char*>(token.data());
    const std::size_t len = std::min<std::size_t>(token.size(), 64);
    const Letters letters = read_letters(p, len, lower.data());
    info.lower = hash_bytes(lower.data(), len);
    info.exact = hash_bytes(token.data(), len);
    info.shape = hash_bytes(letters.shape, letters.shape_len);
    info.short_shape = hash_bytes(letters.short_shape, letters.short_len);
    info.capitalised = len > 0 && (is_upper(static_cast<char>(p[0])) || is_upper_latin1(p, len));
    info.n_affixes = static_cast<std::uint8_t>(std::min<std::size_t>(len > 1 ? len - 1 : 0, 4));
    for (std::size_t k = 0; k < info.n_affixes; ++k) {
        info.prefix[k] = hash_bytes(lower.data(), k + 1);
        info.suffix[k] = hash_bytes(lower.data() + len - k - 1, k + 1);
    }
    info.cluster = clusters.find(info.exact);
    if (info.cluster == 0 && len > 1 && letters.has_upper && !letters.has_lower) {
        // A word in capitals ("COLOMBIA") borrows the cluster of its title-case form.
        const char first = lower[0];
        lower[0] = static_cast<char>(p[0]);
        info.cluster = clusters.find(hash_bytes(lower.data(), len));
        lower[0] = first;
    }
    if (info.cluster == 0) {
        info.cluster = clusters.find(info.lower);
    }
    info.gaz = lists.word_flags(info.lower);
    info.phrase = 0;
    info.history = info.capitalised ? static_cast<std::int8_t>(history.find(info.lower)) : -1;
    return letters;
}

/// Multi-word listed names, longest first, never overlapping: sets TokenInfo::phrase.
void mark_phrases(std::vector<TokenInfo>& info, std::size_t n, const WordLists& lists)
{
    for (std::size_t i = 0; i < n;) {
        std::size_t matched = 0;
        int type = 0;
        std::uint64_t h = info[i].lower;
        std::uint64_t hs[4];
        hs[0] = h;
        for (std::size_t k = 1; k < 4 && i + k < n; ++k) {
            hs[k] = h = combine(h, info[i + k].lower);
        }
        for (std::size_t k = std::min<std::size_t>(3, n - 1 - i); k >= 1; --k) {
            type = lists.phrase_type(hs[k]);
            if (type != 0) {
                matched = k + 1;
                break;
            }
        }
        if (matched == 0) {
            ++i;
            continue;
        }
        for (std::size_t k = 0; k < matched; ++k) {
            info[i + k].phrase = static_cast<std::uint8_t>(1 + 2 * (type - 1) + (k > 0 ? 1 : 0));
        }
        i += matched;
    }
}

/// Appends feature buckets: a template and a value hashed into `hash_bits` bits.
class BucketSink {
public:
    BucketSink(std::vector<std::uint32_t>& buckets, int hash_bits)
        : m_buckets(buckets), m_shift(64U - static_cast<std::uint64_t>(hash_bits))
    {
    }
    void add(std::uint64_t templ, std::uint64_t value)
    {
        m_buckets.push_back(static_cast<std::uint32_t>(
            mix64(value ^ (templ * 0x9E3779B97F4A7C15ULL)) >> m_shift));
    }
    /// One feature per bit set, in bit order.
    void add_flags(std::uint64_t templ, std::uint16_t flags)
    {
        for (std::uint64_t b = 0; b < 16; ++b) {
            if ((flags >> b) & 1U) {
                add(templ, b + 1);
            }
        }
    }

private:
    std::vector<std::uint32_t>& m_buckets;
    std::uint64_t m_shift;
};

/// The features of token `i`, in the order the committed model was trained with: the order
/// decides nothing in the sum, but a change to any template or value changes the buckets.
void add_token_features(const std::vector<TokenInfo>& info, std::size_t i, std::size_t n,
                        bool caps_sentence, const ClusterTable& clusters, BucketSink& out)
{
    const TokenInfo& t = info[i];
    const std::uint64_t prev = i > 0 ? info[i - 1].lower : boundary_before;
    const std::uint64_t next = i + 1 < n ? info[i + 1].lower : boundary_after;
    const std::uint64_t prev2 = i > 1 ? info[i - 2].lower : boundary_before;
    const std::uint64_t next2 = i + 2 < n ? info[i + 2].lower : boundary_after;
    const std::uint64_t prev_ss = i > 0 ? info[i - 1].short_shape : boundary_before;
    const std::uint64_t next_ss = i + 1 < n ? info[i + 1].short_shape : boundary_after;
    const std::uint64_t caps = caps_sentence ? 1 : 0;

    out.add(t_bias, caps);
    out.add(t_word, t.lower);
    out.add(t_exact, t.exact);
    out.add(t_prev_word, prev);
    out.add(t_next_word, next);
    out.add(t_prev2_word, prev2);
    out.add(t_next2_word, next2);
    out.add(t_prev_bigram, combine(prev, t.lower));
    out.add(t_next_bigram, combine(t.lower, next));
    for (std::size_t k = 0; k < t.n_affixes; ++k) {
        out.add(t_prefix + k, t.prefix[k]);
        out.add(t_suffix + k, t.suffix[k]);
    }
    out.add(t_shape, combine(t.shape, caps));
    out.add(t_short_shape, t.short_shape);
    out.add(t_prev_short_shape, prev_ss);
    out.add(t_next_short_shape, next_ss);
    out.add(t_shape_trigram, combine(combine(prev_ss, t.short_shape), next_ss));
    out.add(t_initial_shape, combine(t.short_shape, i == 0 ? 1 : 0));
    out.add(t_prev_word_shape, combine(prev, t.short_shape));
    out.add(t_next_word_shape, combine(next, t.short_shape));
    if (caps_sentence) {
        out.add(t_caps_word, t.lower);
    }
    out.add_flags(t_gaz, t.gaz);
    if (i > 0) {
        out.add_flags(t_prev_gaz, info[i - 1].gaz);
    }
    if (i + 1 < n) {
        out.add_flags(t_next_gaz, info[i + 1].gaz);
    }
    if (t.phrase != 0) {
        out.add(t_phrase, t.phrase);
    }
    if (t.history >= 0) {
        out.add(t_history, static_cast<std::uint64_t>(t.history));
        out.add(t_history_shape, combine(static_cast<std::uint64_t>(t.history), t.short_shape));
    }
    if (i + 1 < n && info[i + 1].history >= 0) {
        out.add(t_next_history, static_cast<std::uint64_t>(info[i + 1].history));
    }
    if (i > 0 && info[i - 1].history >= 0) {
        out.add(t_prev_history, static_cast<std::uint64_t>(info[i - 1].history));
    }
    if (!clusters.entries().empty()) {
        const std::uint64_t prev_c = i > 0 ? info[i - 1].cluster : 0xFFFFU;
        const std::uint64_t next_c = i + 1 < n ? info[i + 1].cluster : 0xFFFFU;
        out.add(t_cluster, t.cluster);
        out.add(t_prev_cluster, prev_c);
        out.add(t_next_cluster, next_c);
        out.add(t_cluster_pair, combine(t.cluster, next_c));
    }
}

} // namespace

void FeatureExtractor::extract(const std::vector<std::string_view>& tokens,
                               const DocHistory& history, const ClusterTable& clusters,
                               int hash_bits,
                               std::vector<std::uint32_t>& buckets,
                               std::vector<std::uint32_t>& offsets)
{
    const std::size_t n = tokens.size();
    const WordLists& lists = WordLists::instance();
    m_info.resize(n);
    buckets.clear();
    offsets.resize(n + 1);
    if (m_lower.size() < 64) {
        m_lower.resize(64);
    }

    // A headline or a results table in capitals carries no case information: the model needs to
    // know that, or every capitalised word would look like a name.
    std::size_t alpha_tokens = 0;
    std::size_t caps_tokens = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Letters letters =
            describe_token(tokens[i], history, clusters, lists, m_lower, m_info[i]);
        if (letters.has_upper || letters.has_lower) {
            ++alpha_tokens;
            if (letters.has_upper && !letters.has_lower) {
                ++caps_tokens;
            }
        }
    }
    const bool caps_sentence = alpha_tokens >= 2 && caps_tokens * 10 >= alpha_tokens * 8;
    mark_phrases(m_info, n, lists);

    BucketSink sink(buckets, hash_bits);
    for (std::size_t i = 0; i < n; ++i) {
        offsets[i] = static_cast<std::uint32_t>(buckets.size());
        add_token_features(m_info, i, n, caps_sentence, clusters, sink);
    }
    offsets[n] = static_cast<std::uint32_t>(buckets.size());
}

void FeatureExtractor::remember(const std::vector<std::string_view>& tokens,
                                const std::vector<int>& tags, DocHistory& history) const
{
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const TokenInfo& t = m_info[i];
        if (!t.capitalised) {
            continue;
        }
        // Sentence-initial words are capitalised by grammar, not because they are names; an O
        // there says nothing about the word elsewhere.
        if (i == 0 && tags[i] == 0) {
            continue;
        }
        history.record(t.lower, tags[i] == 0 ? 0 : 1 + static_cast<int>(tag_type(tags[i])));
    }
}

void tags_to_spans(const std::vector<int>& tags, std::vector<TaggedSpan>& spans)
{
    spans.clear();
    for (std::size_t i = 0; i < tags.size();) {
        if (tags[i] == 0) {
            ++i;
            continue;
        }
        const EntityType type = tag_type(tags[i]);
        std::size_t j = i + 1;
        while (j < tags.size() && tags[j] == inside_tag(type)) {
            ++j;
        }
        spans.push_back(TaggedSpan{i, j, type});
        i = j;
    }
}

} // namespace newsdex::analysis::detail
