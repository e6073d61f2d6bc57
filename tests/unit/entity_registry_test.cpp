#include "newsdex/entity_registry.h"

#include <doctest/doctest.h>

#include "../support/temp_dir.h"
#include "newsdex/schema.h"

using namespace newsdex;
using namespace newsdex::registry;

namespace {

Record record_with_months(std::map<std::string, std::int64_t> months) {
    Record r;
    for (const auto& [m, n] : months) {
        r.articles += n;
    }
    r.months = std::move(months);
    return r;
}

} // namespace

TEST_CASE("registry: a record survives encoding, and junk is no record") {
    Record r;
    r.display = "Ronald Reagan";
    r.first_seen = "19870226";
    r.last_seen = "19871019";
    r.articles = 12;
    r.forms = {{"Reagan", 9}, {"Ronald Reagan", 5}};
    r.months = {{"198702", 4}, {"198710", 8}};
    const std::string stored = encode_record(r);
    const auto back = decode_record(stored);
    REQUIRE(back);
    CHECK(back->display == "Ronald Reagan");
    CHECK(back->country.empty());
    CHECK(back->first_seen == "19870226");
    CHECK(back->last_seen == "19871019");
    CHECK(back->articles == 12);
    CHECK(back->forms == r.forms);
    CHECK(back->months == r.months);

    Record place;
    place.display = "Vienna, AT";
    place.country = "AT";
    place.articles = 1;
    place.forms = {{"Wien\tor\nVienna", 1}}; // no tab or line break survives into the value
    const auto place_back = decode_record(encode_record(place));
    REQUIRE(place_back);
    CHECK(place_back->country == "AT");
    CHECK(place_back->forms.count("Wien or Vienna") == 1);

    CHECK(!decode_record(""));
    CHECK(!decode_record("R2\tx\t\t\t\t1"));
    CHECK(!decode_record("R1\tx\t\t\t\tmany"));
    CHECK(!decode_record("R1\tx\t\t\t\t1\nQ\ty\t1"));
}

TEST_CASE("registry: keys, key lists and the short forms of a full name") {
    CHECK(record_key(Kind::person, "ronald reagan") == "newsdex.registry.e.P:ronald reagan");
    CHECK(record_key(Kind::place, "vienna~at") == "newsdex.registry.e.L:vienna~at");
    CHECK(short_form_key("reagan") == "newsdex.registry.s:reagan");
    CHECK(is_registry_key("newsdex.registry.s:reagan"));
    CHECK(!is_registry_key(std::string(schema::version_key)));

    CHECK(encode_key_list({"b", "a", "b"}) == "a\x1f"
                                              "b");
    CHECK(decode_key_list("a\x1f"
                          "b") == std::vector<std::string>{"a", "b"});
    CHECK(decode_key_list("").empty());

    CHECK(short_forms("ronald reagan") == std::vector<std::string>{"reagan"});
    CHECK(short_forms("george w. bush") == std::vector<std::string>{"w. bush", "bush"});
    CHECK(short_forms("bashar al-assad") == std::vector<std::string>{"al-assad", "assad"});
    CHECK(short_forms("reagan").empty());
}

TEST_CASE("registry: records add up, and changes may go below zero until applied") {
    Record a = record_with_months({{"198702", 2}});
    a.first_seen = "19870210";
    a.last_seen = "19870220";
    Record b = record_with_months({{"198702", 1}, {"198703", 1}});
    b.display = "Ronald Reagan";
    b.first_seen = "19870201";
    b.last_seen = "19870315";
    add_record(a, b);
    CHECK(a.display == "Ronald Reagan");
    CHECK(a.articles == 4);
    CHECK(a.months == std::map<std::string, std::int64_t>{{"198702", 3}, {"198703", 1}});
    CHECK(a.first_seen == "19870201");
    CHECK(a.last_seen == "19870315");

    Record gone = record_with_months({{"198703", -1}});
    Record change;
    add_record(change, gone, true);
    CHECK(change.months.at("198703") == -1);
    add_record(a, change);
    CHECK(a.months == std::map<std::string, std::int64_t>{{"198702", 3}});
    CHECK(a.articles == 3);
}

TEST_CASE("surname resolution: the full name of the period, when the reading is clear") {
    // "Reagan" alone in Feb and Mar 1987; Ronald Reagan named in full in 30 articles around,
    // Nancy Reagan in 2.
    const Record bare = record_with_months({{"198702", 5}, {"198703", 7}});
    std::vector<std::pair<std::string, Record>> candidates{
        {"ronald reagan", record_with_months({{"198702", 14}, {"198703", 16}})},
        {"nancy reagan", record_with_months({{"198703", 2}})},
    };
    auto resolved = resolve_short_form(bare, candidates);
    CHECK(resolved.size() == 1);
    CHECK(resolved["ronald reagan"] == std::vector<std::string>{"198702", "198703"});

    SUBCASE("no clear reading: the surname stays bare") {
        candidates[1].second = record_with_months({{"198702", 10}, {"198703", 10}});
        CHECK(resolve_short_form(bare, candidates).empty());
    }
    SUBCASE("one article is no evidence") {
        const std::vector<std::pair<std::string, Record>> one{
            {"ronald reagan", record_with_months({{"198702", 1}})}};
        CHECK(resolve_short_form(bare, one).empty());
    }
    SUBCASE("the period decides: Bush in 1990 and in 2006") {
        const Record bush = record_with_months({{"199005", 3}, {"200605", 4}});
        const std::vector<std::pair<std::string, Record>> bushes{
            {"george bush", record_with_months({{"199004", 20}, {"199006", 10}})},
            {"george w. bush", record_with_months({{"200603", 30}, {"200607", 5}})},
        };
        auto by_period = resolve_short_form(bush, bushes);
        CHECK(by_period["george bush"] == std::vector<std::string>{"199005"});
        CHECK(by_period["george w. bush"] == std::vector<std::string>{"200605"});
    }
    SUBCASE("far outside the window nothing counts") {
        const Record late = record_with_months({{"199001", 3}});
        CHECK(resolve_short_form(late, candidates).empty());
    }
}

TEST_CASE("registry: a batch is written at once, removals count, readers sum shards") {
    test::TempDir dir;
    Mention reagan{Kind::person, "ronald reagan", "Ronald Reagan", "", {"Reagan", "Ronald Reagan"}};
    Mention vienna{Kind::place, "vienna~at", "Vienna, AT", "AT", {"Vienna"}};
    {
        Xapian::WritableDatabase db(dir / "a.db", Xapian::DB_CREATE);
        BatchWriter batch;
        batch.add_article({reagan, vienna}, "19870226");
        batch.add_article({reagan}, "19870305");
        CHECK(!batch.empty());
        batch.flush(db);
        CHECK(batch.empty());
        db.commit();
    }
    {
        Xapian::WritableDatabase db(dir / "b.db", Xapian::DB_CREATE);
        BatchWriter batch;
        batch.add_article({reagan}, "19870410");
        batch.add_article({Mention{Kind::person, "reagan", "Reagan", "", {"Reagan"}}}, "19870411");
        batch.flush(db);
        db.commit();
    }
    Xapian::Database a(dir / "a.db");
    const auto stored = decode_record(a.get_metadata(record_key(Kind::person, "ronald reagan")));
    REQUIRE(stored);
    CHECK(stored->articles == 2);
    CHECK(stored->forms.at("Reagan") == 2);
    CHECK(stored->first_seen == "19870226");
    CHECK(stored->last_seen == "19870305");
    CHECK(decode_key_list(a.get_metadata(short_form_key("reagan"))) ==
          std::vector<std::string>{"ronald reagan"});
    const auto place = decode_record(a.get_metadata(record_key(Kind::place, "vienna~at")));
    REQUIRE(place);
    CHECK(place->country == "AT");

    Reader reader({a, Xapian::Database(dir / "b.db")});
    CHECK(reader.present());
    const auto summed = reader.find(Kind::person, "ronald reagan");
    REQUIRE(summed);
    CHECK(summed->articles == 3);
    CHECK(summed->last_seen == "19870410");
    CHECK(summed->months ==
          std::map<std::string, std::int64_t>{{"198702", 1}, {"198703", 1}, {"198704", 1}});
    CHECK(reader.full_names_for("reagan") == std::vector<std::string>{"ronald reagan"});
    CHECK(!reader.find(Kind::organisation, "ronald reagan"));

    // A bulk merge sums what two parts hold under one key.
    const std::string merged = merge_metadata(
        record_key(Kind::person, "ronald reagan"),
        {a.get_metadata(record_key(Kind::person, "ronald reagan")),
         Xapian::Database(dir / "b.db").get_metadata(record_key(Kind::person, "ronald reagan"))});
    CHECK(decode_record(merged)->articles == 3);

    // A document leaving takes its facet terms' counts with it.
    {
        Xapian::WritableDatabase db(dir / "a.db", Xapian::DB_OPEN);
        Xapian::Document doc;
        doc.add_boolean_term(schema::boolean_term(schema::field("person").prefix, "ronald reagan"));
        doc.add_value(schema::slot(schema::Slot::published_day), "19870305");
        BatchWriter batch;
        batch.remove_document(doc);
        batch.flush(db);
        db.commit();
        const auto after =
            decode_record(db.get_metadata(record_key(Kind::person, "ronald reagan")));
        REQUIRE(after);
        CHECK(after->articles == 1);
        CHECK(after->months == std::map<std::string, std::int64_t>{{"198702", 1}});
        batch.remove_document(doc);
        batch.remove_document(doc); // more than it holds: the record goes
        batch.flush(db);
        CHECK(db.get_metadata(record_key(Kind::person, "ronald reagan")).empty());
    }
    Xapian::WritableDatabase(dir / "c.db", Xapian::DB_CREATE).commit();
    CHECK(!Reader({Xapian::Database(dir / "c.db")}).present());
}
