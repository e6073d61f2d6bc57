#include "newsdex/search/date_filters.h"
#include "newsdex/search/query_interpreter.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "../support/temp_dir.h"
#include "newsdex/analysis/normalizer.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"

namespace {

using newsdex::CivilDate;
using newsdex::analysis::Gazetteer;
using newsdex::search::InterpretedQuery;
using newsdex::search::Phrasing;
using newsdex::search::QueryInterpreter;
namespace schema = newsdex::schema;

// Loaded once per test binary (~150 ms): the real tables, as the indexer uses them.
std::shared_ptr<const Gazetteer> gazetteer() {
    static const std::shared_ptr<const Gazetteer> g =
        std::make_shared<const Gazetteer>(Gazetteer::load());
    return g;
}

/// A facet value as the indexer writes it: the boolean term and the display form in a slot.
struct Value {
    const char* facet;   ///< "actor", "person", "org", "location", "country"
    const char* display; ///< "Jean-Yves Le Drian", "Vienna, AT", "SY"
};

struct Article {
    const char* id;
    const char* day; ///< YYYYMMDD
    std::vector<Value> values;
    std::vector<const char*> mentioned; ///< YYYYMMDD, YYYYMM or YYYY
    const char* words;
};

// Today, for relative dates: Wednesday 14 March 2018.
constexpr CivilDate today{2018, 3, 14};

const std::vector<Article>& articles() {
    static const std::vector<Article> list = {
        {"a1",
         "20180124",
         {{"actor", "Jean-Yves Le Drian"},
          {"person", "Jean-Yves Le Drian"},
          {"location", "Vienna, AT"},
          {"country", "AT"}},
         {"20180129"},
         "peace talks"},
        {"a2",
         "20170315",
         {{"actor", "United Nations"},
          {"org", "United Nations"},
          {"location", "Geneva, CH"},
          {"country", "CH"}},
         {"201703"},
         "talks"},
        {"a3",
         "20170610",
         {{"actor", "Bashar al-Assad"},
          {"person", "Bashar al-Assad"},
          {"location", "Idlib, SY"},
          {"country", "SY"}},
         {"20171231"},
         "ceasefire"},
        {"a4",
         "20180205",
         {{"actor", "Bashar al-Assad"},
          {"person", "Bashar al-Assad"},
          {"actor", "Islamic State"},
          {"org", "Islamic State"},
          {"location", "Damascus, SY"},
          {"country", "SY"}},
         {"2019"},
         "ceasefire"},
        {"a5",
         "20161130",
         {{"actor", "NATO"},
          {"org", "NATO"},
          {"person", "Hafez al-Assad"},
          {"location", "Black Sea"},
          {"location", "Sochi, RU"},
          {"country", "RU"}},
         {},
         "peace talks"},
        {"a6", "20180301", {{"location", "Vienna, US"}, {"country", "US"}}, {}, "town"},
        {"a7",
         "20150101",
         {{"actor", "John Assadi"},
          {"person", "John Assadi"},
          {"location", "Smallville, US"},
          {"country", "US"}},
         {},
         "farm"},
    };
    return list;
}

std::string prefix_of(const char* field) { return std::string(schema::field(field).prefix); }

void add_articles(Xapian::WritableDatabase& db, const std::vector<Article>& list = articles()) {
    for (const Article& a : list) {
        Xapian::Document doc;
        doc.set_data(a.id);
        const std::string day = a.day;
        doc.add_value(schema::slot(schema::Slot::published_day), day);
        doc.add_boolean_term(schema::boolean_term(prefix_of("day"), day));
        doc.add_boolean_term(schema::boolean_term(prefix_of("month"), day.substr(0, 6)));
        doc.add_boolean_term(schema::boolean_term(prefix_of("year"), day.substr(0, 4)));
        std::map<std::string, unsigned> used_slots;
        for (const Value& v : a.values) {
            const std::string facet = v.facet;
            const std::string key = facet == "country" ? newsdex::analysis::fold(v.display)
                                                       : schema::facet_key(facet, v.display);
            doc.add_boolean_term(schema::boolean_term(prefix_of(v.facet), key));
            const schema::Facet* f = schema::find_facet(facet);
            doc.add_value(f->first_slot + used_slots[facet]++, v.display);
        }
        for (const std::string m : a.mentioned) {
            const std::string_view prefix = m.size() == 8   ? schema::mentioned_day_prefix
                                            : m.size() == 6 ? schema::mentioned_month_prefix
                                                            : schema::mentioned_year_prefix;
            doc.add_boolean_term(schema::boolean_term(prefix, m));
            if (m.size() >= 6) {
                doc.add_boolean_term(
                    schema::boolean_term(schema::mentioned_month_prefix, m.substr(0, 6)));
            }
            if (m.size() >= 4) {
                doc.add_boolean_term(
                    schema::boolean_term(schema::mentioned_year_prefix, m.substr(0, 4)));
            }
        }
        Xapian::TermGenerator gen;
        gen.set_document(doc);
        gen.index_text(a.words);
        db.add_document(doc);
    }
}

Xapian::WritableDatabase small_news_index() {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    add_articles(db);
    return db;
}

/// Ids of the articles the filter matches, in id order, comma-separated ("" for none).
std::string matching(const Xapian::Database& db, const Xapian::Query& filter) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter));
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::string ids;
    for (const Xapian::docid id : enquire.get_mset(0, db.get_doccount())) {
        ids += (ids.empty() ? "" : ",") + db.get_document(id).get_data();
    }
    return ids;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        out += (out.empty() ? "" : " | ") + p;
    }
    return out;
}

struct Case {
    const char* query;
    const char* text;           ///< free text left
    const char* interpretation; ///< parts joined by " | "; "" = no filter at all
    const char* ids;            ///< articles the filter matches
};

void check_cases(const std::vector<Case>& cases, Phrasing phrasing = Phrasing::natural) {
    const Xapian::WritableDatabase db = small_news_index();
    QueryInterpreter interpreter(db, gazetteer(), today);
    for (const Case& c : cases) {
        const std::string query = c.query;
        CAPTURE(query);
        const InterpretedQuery q = interpreter.interpret(c.query, phrasing);
        CHECK(q.text == c.text);
        CHECK(joined(q.interpretation) == c.interpretation);
        CHECK(joined(q.warnings) == "");
        if (std::string(c.interpretation).empty()) {
            CHECK(q.filter.empty());
        } else {
            CHECK(matching(db, q.filter) == c.ids);
        }
    }
}

} // namespace

TEST_CASE("query_interpreter: facet values, aliases and partial names") {
    check_cases({
        {"actor:\"Le Drian\"", "", "actor: Jean-Yves Le Drian", "a1"},
        {"actor:\"le drián\"", "", "actor: Jean-Yves Le Drian", "a1"},
        {"actor:\"Jean-Yves Le Drian\"", "", "actor: Jean-Yves Le Drian", "a1"},
        {"ACTOR:\"JEAN-YVES LE DRIAN\"", "", "actor: Jean-Yves Le Drian", "a1"},
        {"actor:UN", "", "actor: United Nations", "a2"},
        {"actor:un", "", "actor: United Nations", "a2"},
        {"actor:\"United Nations\"", "", "actor: United Nations", "a2"},
        {"actor:Daesh", "", "actor: Islamic State", "a4"},
        {"org:Daesh", "", "org: Islamic State", "a4"},
        {"actor:NATO", "", "actor: NATO", "a5"},
        // Whole trailing words: Assadi is another name.
        {"actor:Assad", "", "actor: Bashar al-Assad", "a3,a4"},
        {"person:Assad", "", "person: Bashar al-Assad or Hafez al-Assad", "a3,a4,a5"},
        {"person:al-Assad", "", "person: Bashar al-Assad or Hafez al-Assad", "a3,a4,a5"},
        {"person:Bashar", "", "person: Bashar al-Assad", "a3,a4"},
        {"location:Vienna", "", "location: Vienna, Austria", "a1"},
        {"location:VIENNA", "", "location: Vienna, Austria", "a1"},
        {"location:\"Vienna, US\"", "", "location: Vienna, United States", "a6"},
        {"location:\"Vienna, Virginia\"", "", "location: Vienna, United States", "a6"},
        {"location:\"Black Sea\"", "", "location: Black Sea", "a5"},
        {"location:Smallville", "", "location: Smallville, United States", "a7"},
        {"location:USA", "", "location: United States", "a6,a7"},
        {"location:Syria", "", "location: Syria", "a3,a4"},
        {"country:SY", "", "country: Syria", "a3,a4"},
        {"country:sy", "", "country: Syria", "a3,a4"},
        {"country:Syria", "", "country: Syria", "a3,a4"},
        {"country:USA", "", "country: United States", "a6,a7"},
        {"country:\"United States\"", "", "country: United States", "a6,a7"},
    });
}

TEST_CASE("query_interpreter: OR within a field, AND across fields, negation") {
    check_cases({
        {"location:Vienna location:Geneva", "", "location: Vienna, Austria or Geneva, Switzerland",
         "a1,a2"},
        {"location:Vienna OR location:Geneva", "",
         "location: Vienna, Austria or Geneva, Switzerland", "a1,a2"},
        {"country:SY actor:Daesh", "", "country: Syria | actor: Islamic State", "a4"},
        {"ceasefire country:SY -location:Idlib", "ceasefire",
         "country: Syria | not location: Idlib, Syria", "a4"},
        {"ceasefire country:SY NOT location:Idlib", "ceasefire",
         "country: Syria | not location: Idlib, Syria", "a4"},
        {"-country:SY", "", "not country: Syria", "a1,a2,a5,a6,a7"},
        {"talks AND location:Vienna", "talks", "location: Vienna, Austria", "a1"},
        {"location:Vienna AND talks", "talks", "location: Vienna, Austria", "a1"},
        {"peace AND location:Vienna AND talks", "peace AND talks", "location: Vienna, Austria",
         "a1"},
        {"location:Vienna location:vienna", "", "location: Vienna, Austria", "a1"},
    });
    const Xapian::WritableDatabase db = small_news_index();
    QueryInterpreter interpreter(db, gazetteer(), today);
    CHECK(interpreter.interpret("country:SY -location:Idlib").filter.get_description() ==
          "Query((XCTRYsy AND_NOT XLOCidlib~sy))");
    CHECK(interpreter.interpret("location:Vienna location:Geneva actor:UN")
              .filter.get_description() ==
          "Query(((XLOCvienna~at OR XLOCgeneva~ch) AND XACTORunited nations))");
    CHECK(interpreter.interpret("-location:Idlib").filter.get_description() ==
          "Query((<alldocuments> AND_NOT XLOCidlib~sy))");
}

TEST_CASE("query_interpreter: publication dates and ranges") {
    check_cases({
        {"date:2018-01-24", "", "date: 2018-01-24", "a1"},
        {"date:2018-01", "", "date: 2018-01", "a1"},
        {"date:2018", "", "date: 2018", "a1,a4,a6"},
        {"date:2017..2018-01", "", "date: 2017-01-01 .. 2018-01-31", "a1,a2,a3"},
        {"date:..2017", "", "date: .. 2017-12-31", "a2,a3,a5,a7"},
        {"date:2018-02..", "", "date: 2018-02-01 ..", "a4,a6"},
        {"date:\"March 2017\"", "", "date: 2017-03", "a2"},
        {"date:\"24 January 2018\"", "", "date: 2018-01-24", "a1"},
        {"date:\"January 24, 2018\"", "", "date: 2018-01-24", "a1"},
        {"date:today", "", "date: 2018-03-14", ""},
        {"date:2017 date:2016", "", "date: 2017 or 2016", "a2,a3,a5"},
        {"talks date:2018-01-24..2018-03-01", "talks", "date: 2018-01-24 .. 2018-03-01",
         "a1,a4,a6"},
    });
    const Xapian::WritableDatabase db = small_news_index();
    QueryInterpreter interpreter(db, gazetteer(), today);
    struct Desc {
        const char* query;
        const char* description;
    };
    const Desc descs[] = {
        {"date:2018-01-24", "Query(D20180124)"},
        {"date:2018-01", "Query(M201801)"},
        {"date:2018", "Query(Y2018)"},
        // Ranges become the few year, month and day terms that cover them; open ends stop
        // at the archive's first (2015-…) and last (2018-03-01) days.
        {"date:2017-03-01..", "Query((M201703 OR M201704 OR M201705 OR M201706 OR M201707 OR "
                              "M201708 OR M201709 OR M201710 OR M201711 OR M201712 OR M201801 OR "
                              "M201802 OR D20180301))"},
        {"date:..2017-03", "Query((Y2015 OR Y2016 OR M201701 OR M201702 OR M201703))"},
        {"date:2017-03..2018", "Query((M201703 OR M201704 OR M201705 OR M201706 OR M201707 OR "
                               "M201708 OR M201709 OR M201710 OR M201711 OR M201712 OR Y2018))"},
        {"date:2017-01..2017-12", "Query(Y2017)"},
        // Past two dozen terms, one range over the day slot.
        {"date:2015-01-02..2018-02-27", "Query(VALUE_RANGE 0 20150102 20180227)"},
    };
    for (const Desc& d : descs) {
        const std::string query = d.query;
        CAPTURE(query);
        CHECK(interpreter.interpret(d.query).filter.get_description() == d.description);
    }
}

TEST_CASE("query_interpreter: mentioned dates are covered by year, month and day terms") {
    using newsdex::search::mentioned_date_query;
    CHECK(mentioned_date_query(CivilDate{2017, 12, 30}, CivilDate{2019, 2, 2}).get_description() ==
          "Query((XMENTD20171230 OR XMENTD20171231 OR XMENTY2018 OR XMENTM201901 OR "
          "XMENTD20190201 OR XMENTD20190202))");
    CHECK(mentioned_date_query(CivilDate{2016, 2, 1}, CivilDate{2016, 2, 29}).get_description() ==
          "Query(XMENTM201602)");
    CHECK(mentioned_date_query(CivilDate{2018, 1, 1}, CivilDate{2018, 12, 31}).get_description() ==
          "Query(XMENTY2018)");
    check_cases({
        {"mentions:2018-01-29", "", "mentions: 2018-01-29", "a1"},
        {"mentions:2018-01", "", "mentions: 2018-01", "a1"},
        {"mentions:2017", "", "mentions: 2017", "a2,a3"},
        {"mentions:2017-12..2018-01", "", "mentions: 2017-12-01 .. 2018-01-31", "a1,a3"},
        // Open ends stop at the years the archive mentions (2017..2019 here).
        {"mentions:2019..", "", "mentions: 2019-01-01 ..", "a4"},
        {"mentions:..2017-06", "", "mentions: .. 2017-06-30", "a2"},
    });
}

TEST_CASE("query_interpreter: natural phrasing of places") {
    check_cases({
        {"talks in Vienna", "talks", "location: Vienna, Austria", "a1"},
        {"talks in vienna", "talks", "location: Vienna, Austria", "a1"},
        {"peace talks in the Black Sea", "peace talks", "location: Black Sea", "a5"},
        {"shelling in Eastern Ghouta", "shelling", "location: Eastern Ghouta, Syria", ""},
        {"ceasefire in Syria", "ceasefire", "location: Syria", "a3,a4"},
        {"elections in the US", "elections", "location: United States", "a6,a7"},
        {"talks in Vienna and in Geneva", "talks and",
         "location: Vienna, Austria or Geneva, Switzerland", "a1,a2"},
        {"talks NOT in Vienna", "talks", "not location: Vienna, Austria", "a2,a3,a4,a5,a6,a7"},
        {"In Vienna talks", "talks", "location: Vienna, Austria", "a1"},
        {"talks in Vienna, Austria", "talks", "location: Vienna, Austria", "a1"},
        {"talks in Vienna, Virginia", "talks", "location: Vienna, United States", "a6"},
        {"talks in Vienna, Va. today", "talks",
         "location: Vienna, United States | date: 2018-03-14", ""},
        {"talks in Vienna, peace", "talks peace", "location: Vienna, Austria", "a1"},
        // Not places: a month, common words in lower case, a word no gazetteer knows.
        {"news in May", "news in May", "", ""},
        {"news in March", "news in March", "", ""},
        {"in talks", "in talks", "", ""},
        {"in nice weather", "in nice weather", "", ""},
        {"in general", "in general", "", ""},
        // Everything else passes through as written.
        {"title:peace \"peace talks\" -war in Vienna", "title:peace \"peace talks\" -war",
         "location: Vienna, Austria", "a1"},
        {"\"talks in Vienna\"", "\"talks in Vienna\"", "", ""},
        {"talks  in Vienna  (peace OR war*)", "talks (peace OR war*)", "location: Vienna, Austria",
         "a1"},
    });
}

TEST_CASE("query_interpreter: a place the archive only knows elsewhere") {
    // Only Vienna, Virginia is in this archive: "Vienna" means it rather than nothing.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document doc;
    doc.add_boolean_term(
        schema::boolean_term(prefix_of("location"), schema::facet_key("location", "Vienna, US")));
    db.add_document(doc);
    QueryInterpreter interpreter(db, gazetteer(), today);
    for (const std::string query : {"talks in Vienna", "talks location:Vienna"}) {
        CAPTURE(query);
        const InterpretedQuery q = interpreter.interpret(query);
        CHECK(q.text == "talks");
        CHECK(joined(q.interpretation) == "location: Vienna, United States");
        CHECK(q.filter.get_description() == "Query(XLOCvienna~us)");
    }
}

TEST_CASE("query_interpreter: natural phrasing of dates") {
    check_cases({
        {"Assad since March 2017", "Assad", "date: 2017-03-01 ..", "a1,a2,a3,a4,a6"},
        {"Le Drian since January 2018", "Le Drian", "date: 2018-01-01 ..", "a1,a4,a6"},
        {"talks in March 2017", "talks", "date: 2017-03", "a2"},
        {"talks in 2017", "talks", "date: 2017", "a2,a3"},
        {"talks before 2017", "talks", "date: .. 2016-12-31", "a5,a7"},
        {"talks after March 2017", "talks", "date: 2017-04-01 ..", "a1,a3,a4,a6"},
        {"talks until March 2017", "talks", "date: .. 2017-03-31", "a2,a5,a7"},
        {"talks on 24 January 2018", "talks", "date: 2018-01-24", "a1"},
        {"talks on 2018-01-24", "talks", "date: 2018-01-24", "a1"},
        {"talks on January 24, 2018", "talks", "date: 2018-01-24", "a1"},
        {"talks between March 2017 and January 2018", "talks", "date: 2017-03-01 .. 2018-01-31",
         "a1,a2,a3"},
        {"talks from 2016 to 2017", "talks", "date: 2016-01-01 .. 2017-12-31", "a2,a3,a5"},
        {"talks since 2017 before 2018", "talks", "date: 2017-01-01 .. | date: .. 2017-12-31",
         "a2,a3"},
        // Relative to Wednesday 2018-03-14; a week runs Monday to Sunday.
        {"talks last week", "talks", "date: 2018-03-05 .. 2018-03-11", ""},
        {"talks this week", "talks", "date: 2018-03-12 .. 2018-03-18", ""},
        {"talks last month", "talks", "date: 2018-02", "a4"},
        {"talks this month", "talks", "date: 2018-03", "a6"},
        {"talks this year", "talks", "date: 2018", "a1,a4,a6"},
        {"talks in the last year", "talks", "date: 2017", "a2,a3"},
        {"talks yesterday", "talks", "date: 2018-03-13", ""},
        {"talks today", "talks", "date: 2018-03-14", ""},
        {"talks in Vienna since 2018", "talks", "location: Vienna, Austria | date: 2018-01-01 ..",
         "a1"},
        // Not dates.
        {"report on 2017", "report on 2017", "", ""},
        {"USA Today", "USA Today", "", ""},
        {"news since the war", "news since the war", "", ""},
    });
}

TEST_CASE("query_interpreter: what cannot be taken out stays text, with a warning") {
    const Xapian::WritableDatabase db = small_news_index();
    QueryInterpreter interpreter(db, gazetteer(), today);
    struct Warn {
        const char* query;
        const char* text;
        const char* warning;
    };
    const Warn cases[] = {
        {"talks XOR location:Vienna", "talks XOR location:Vienna",
         "filter 'location:Vienna' is joined to other words by an operator other than OR and is "
         "not resolved"},
        {"(talks location:Vienna)", "(talks location:Vienna)",
         "filter 'location:Vienna' inside parentheses is not resolved (put it outside them)"},
    };
    for (const Warn& w : cases) {
        const std::string query = w.query;
        CAPTURE(query);
        const InterpretedQuery q = interpreter.interpret(w.query);
        CHECK(q.text == w.text);
        CHECK(joined(q.warnings) == w.warning);
        CHECK(q.filter.empty());
    }
    // "talks NEAR in Vienna": the phrase is a NEAR operand, so it stays text.
    const InterpretedQuery q = interpreter.interpret("talks NEAR in Vienna");
    CHECK(q.text == "talks NEAR in Vienna");
    CHECK(q.filter.empty());
}

TEST_CASE(
    "query_interpreter: OR joins filters to the words as alternatives, and places to places") {
    check_cases({
        {"talks in Vienna or Geneva", "talks", "location: Vienna, Austria or Geneva, Switzerland",
         "a1,a2"},
        {"talks in Vienna OR in Geneva", "talks",
         "location: Vienna, Austria or Geneva, Switzerland", "a1,a2"},
        {"ceasefire in Syria or Russia", "ceasefire", "location: Syria or Russia", "a3,a4,a5"},
    });
    const Xapian::WritableDatabase db = small_news_index();
    QueryInterpreter interpreter(db, gazetteer(), today);
    for (const char* query : {"talks OR location:Vienna", "location:Vienna OR talks",
                              "talks OR in Vienna", "talks or in Vienna"}) {
        CAPTURE(query);
        const InterpretedQuery q = interpreter.interpret(query);
        CHECK(q.text == "talks");
        CHECK(joined(q.interpretation) == "OR location: Vienna, Austria");
        CHECK(q.filter.empty());
        CHECK(matching(db, q.alternative) == "a1");
    }
    const InterpretedQuery both = interpreter.interpret("country:SY OR location:Vienna");
    CHECK(both.text == "");
    CHECK(joined(both.interpretation) == "OR country: Syria | OR location: Vienna, Austria");
    CHECK(matching(db, both.alternative) == "a1,a3,a4");
}

TEST_CASE("query_interpreter: unknown values warn with a suggestion and match nothing") {
    const Xapian::WritableDatabase db = small_news_index();
    QueryInterpreter interpreter(db, gazetteer(), today);
    struct Unknown {
        const char* query;
        const char* warning;
        const char* interpretation;
    };
    const Unknown cases[] = {
        {"talks location:Viena", "no location 'Viena' (did you mean Vienna?)",
         "location: 'Viena' (unknown)"},
        {"location:Smalville", "no location 'Smalville' (did you mean Smallville?)",
         "location: 'Smalville' (unknown)"},
        {"actor:\"Le Drain\"", "no actor 'Le Drain' (did you mean Jean-Yves Le Drian?)",
         "actor: 'Le Drain' (unknown)"},
        {"actor:Nato2", "no actor 'Nato2' (did you mean NATO?)", "actor: 'Nato2' (unknown)"},
        {"country:Syra", "no country 'Syra' (did you mean Syria?)", "country: 'Syra' (unknown)"},
        {"actor:Xyzzyq", "no actor 'Xyzzyq'", "actor: 'Xyzzyq' (unknown)"},
    };
    for (const Unknown& u : cases) {
        const std::string query = u.query;
        CAPTURE(query);
        const InterpretedQuery q = interpreter.interpret(u.query);
        CHECK(joined(q.warnings) == u.warning);
        CHECK(joined(q.interpretation) == u.interpretation);
        CHECK(matching(db, q.filter) == "");
    }
    // A date that cannot be read is a mistake in the query: a usage error, not a warning.
    CHECK_THROWS_WITH_AS(interpreter.interpret("talks date:2008-13"),
                         "cannot read date '2008-13' in 'date:2008-13' (use 2018-01-24, 2018-01, "
                         "2018, or A..B, A.., ..B)",
                         newsdex::UsageError);
    CHECK_THROWS_AS(interpreter.interpret("mentions:soon"), newsdex::UsageError);
    // A misspelt value next to a good one of the same field: the good one still matches.
    const InterpretedQuery q = interpreter.interpret("location:Vienna location:Viena");
    CHECK(matching(db, q.filter) == "a1");
}

TEST_CASE("query_interpreter: operators-only phrasing and has_free_text") {
    check_cases(
        {
            {"talks in Vienna", "talks in Vienna", "", ""},
            {"talks in Vienna location:Geneva", "talks in Vienna", "location: Geneva, Switzerland",
             "a2"},
        },
        Phrasing::operators_only);
    const Xapian::WritableDatabase db = small_news_index();
    QueryInterpreter interpreter(db, gazetteer(), today);
    CHECK_FALSE(interpreter.interpret("location:Sochi").has_free_text());
    CHECK_FALSE(interpreter.interpret("in Vienna").has_free_text());
    CHECK(interpreter.interpret("talks in Vienna").has_free_text());
}

TEST_CASE("query_interpreter: odd input neither throws nor loses text") {
    const Xapian::WritableDatabase db = small_news_index();
    QueryInterpreter interpreter(db, gazetteer(), today);
    struct Odd {
        const char* query;
        const char* text;
    };
    const Odd cases[] = {
        {"", ""},
        {"   ", ""},
        {"in", "in"},
        {"in the", "in the"},
        {"between 2017 and", "between 2017 and"},
        {"since", "since"},
        {"actor:\"Le Drian", ""},
        {"\"unbalanced quote in Vienna", "\"unbalanced quote in Vienna"},
        {"((talks", "((talks"},
        {"talks))", "talks))"},
        {"NOT", "NOT"},
        {"NOT location:Vienna", ""},
        {"talks NOT", "talks NOT"},
        {"- location:Vienna", "-"},
        {"Zürich in Zürich", "Zürich"},
        {"新闻 in 北京", "新闻 in 北京"},
        {"location:Vienna NEAR talks", "location:Vienna NEAR talks"},
        {"()", "()"},
    };
    for (const Odd& o : cases) {
        const std::string query = o.query;
        CAPTURE(query);
        InterpretedQuery q;
        CHECK_NOTHROW(q = interpreter.interpret(o.query));
        CHECK(q.text == o.text);
    }
}

TEST_CASE("query_interpreter: a surname that is also a stored name takes the fuller names too") {
    // The tagger sometimes keeps a bare surname ("Greenspan") where the full name ("Alan
    // Greenspan") is stored for other articles: actor:Greenspan must find both.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const char* name : {"Greenspan", "Alan Greenspan", "Greenspan Associates"}) {
        Xapian::Document doc;
        doc.set_data(name);
        for (const char* facet : {"actor", "person"}) {
            doc.add_boolean_term(
                schema::boolean_term(prefix_of(facet), schema::facet_key(facet, name)));
            doc.add_value(schema::find_facet(facet)->first_slot, name);
        }
        db.add_document(doc);
    }
    QueryInterpreter interpreter(db, gazetteer(), today);
    const InterpretedQuery q = interpreter.interpret("actor:Greenspan");
    CHECK(matching(db, q.filter) == "Greenspan,Alan Greenspan");
    const InterpretedQuery full = interpreter.interpret("actor:\"Alan Greenspan\"");
    CHECK(matching(db, full.filter) == "Alan Greenspan");
}

TEST_CASE("query_interpreter: a filter without a value is a usage error, not every article") {
    const Xapian::WritableDatabase db = small_news_index();
    QueryInterpreter interpreter(db, gazetteer(), today);
    for (const char* query :
         {"actor:\"\"", "country:", "talks country:", "location:\"  \"", "-person:\"\"", "date:"}) {
        CAPTURE(query);
        CHECK_THROWS_WITH_AS(interpreter.interpret(query), doctest::Contains("has no value"),
                             newsdex::UsageError);
    }
}

TEST_CASE("query_interpreter: former countries resolve to their successors, and say so") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    add_articles(db, {
                         {"moscow87", "19870302", {{"country", "RU"}}, {}, "grain"},
                         {"soviet87", "19870303", {{"country", "SU"}}, {}, "grain"},
                         {"kiev87", "19870304", {{"country", "UA"}}, {}, "grain"},
                         {"bonn87", "19870305", {{"country", "DE"}}, {}, "rates"},
                         {"prague91", "19910101", {{"country", "CZ"}}, {}, "rates"},
                         {"paris87", "19870306", {{"country", "FR"}}, {}, "rates"},
                     });
    QueryInterpreter interpreter(db, gazetteer(), today);
    struct Former {
        const char* query;
        const char* interpretation;
        const char* ids;
    };
    for (const Former& c : std::vector<Former>{
             {"grain in the USSR",
              "location: Soviet Union, now Russia or Ukraine or Belarus (+12 more)",
              "moscow87,soviet87,kiev87"},
             {"country:\"Soviet Union\"",
              "country: Soviet Union, now Russia or Ukraine or Belarus (+12 more)",
              "moscow87,soviet87,kiev87"},
             {"interest rates in West Germany", "location: Germany (successor of West Germany)",
              "bonn87"},
             {"country:\"west germany\"", "country: Germany (successor of West Germany)", "bonn87"},
             {"rates in Czechoslovakia", "location: Czechoslovakia, now Czech Republic or Slovakia",
              "prague91"},
             {"rates in Germany", "location: Germany", "bonn87"},
         }) {
        const std::string query = c.query;
        CAPTURE(query);
        const InterpretedQuery q = interpreter.interpret(c.query);
        CHECK(joined(q.interpretation) == c.interpretation);
        CHECK(matching(db, q.filter) == c.ids);
    }
}
