#include <doctest/doctest.h>

#include <set>
#include <string>

#include "newsdex/schema.h"

using namespace newsdex;

TEST_CASE("schema: field names, prefixes and slots are unique") {
    std::set<std::string_view> names;
    std::set<std::string_view> prefixes;
    for (const schema::Field& f : schema::fields) {
        CAPTURE(f.name);
        CHECK(names.insert(f.name).second);
        if (f.kind == schema::Kind::date_range) {
            continue; // values and their own term prefixes, not one field prefix
        }
        CHECK(prefixes.insert(f.prefix).second);
        CHECK(!f.prefix.empty());
    }
    std::set<Xapian::valueno> slots;
    for (auto s : {schema::Slot::published_day, schema::Slot::published_time,
                   schema::Slot::content_hash, schema::Slot::published_month}) {
        CHECK(slots.insert(schema::slot(s)).second);
    }
    // Facet slot ranges overlap neither each other nor the fixed slots (source and date
    // facets reuse their own fixed slot on purpose).
    for (const schema::Facet& f : schema::facets) {
        CAPTURE(f.name);
        if (f.name == "source" || f.name == "date") {
            continue;
        }
        for (unsigned i = 0; i < f.slot_count; ++i) {
            CHECK(slots.insert(f.first_slot + i).second);
        }
    }
    CHECK(schema::find_facet("source")->first_slot == schema::slot(schema::Slot::source));
}

TEST_CASE("schema: no X prefix can swallow another's terms") {
    // "XSOURCE" + "foo" must never be read as another prefix + value: an X… prefix may not be
    // a leading part of another one (values that start with a capital get ':' anyway).
    for (const schema::Field& a : schema::fields) {
        for (const schema::Field& b : schema::fields) {
            if (&a == &b || a.prefix.size() < 2 || b.prefix.empty()) {
                continue;
            }
            CAPTURE(a.prefix);
            CAPTURE(b.prefix);
            CHECK(b.prefix.rfind(a.prefix, 0) != 0);
        }
    }
    CHECK(schema::stem_prefix == "Z");
    for (const schema::Field& f : schema::fields) {
        CHECK((f.prefix.empty() || f.prefix.front() != 'Z'));
    }
    for (std::string_view p : {schema::mentioned_day_prefix, schema::mentioned_month_prefix,
                               schema::mentioned_year_prefix}) {
        for (const schema::Field& f : schema::fields) {
            if (f.prefix.size() > 1) {
                CHECK(p.rfind(f.prefix, 0) != 0);
                CHECK(std::string_view(f.prefix).rfind(p, 0) != 0);
            }
        }
    }
}

TEST_CASE("schema: boolean_term puts ':' before capitals after long prefixes") {
    CHECK(schema::boolean_term("XSOURCE", "reuters") == "XSOURCEreuters");
    CHECK(schema::boolean_term("XSOURCE", "Reuters") == "XSOURCE:Reuters");
    CHECK(schema::boolean_term("Q", "Abc") == "QAbc");
}

TEST_CASE("schema: long ids are hashed into a short unique term") {
    const std::string long_a(300, 'a');
    std::string long_b = long_a;
    long_b.back() = 'b';
    CHECK(schema::id_term("nw-1") == "Qnw-1");
    CHECK(schema::id_term(long_a).size() < 245);
    CHECK(schema::id_term(long_a) != schema::id_term(long_b));
    CHECK(schema::id_term(long_a) == schema::id_term(long_a));
}

TEST_CASE("schema: facet keys fold case and accents; locations keep their country") {
    CHECK(schema::facet_key("actor", "Jean-Yves Le Drian") == "jean-yves le drian");
    CHECK(schema::facet_key("location", "Zürich, CH") == "zurich~ch");
    CHECK(schema::facet_key("location", "Black Sea") == "black sea");
    CHECK(schema::location_display("Vienna", "at") == "Vienna, AT");
    CHECK(schema::split_location_display("Vienna, AT") == std::make_pair(std::string("Vienna"), std::string("AT")));
}

TEST_CASE("schema: find_field") {
    REQUIRE(schema::find_field("title") != nullptr);
    CHECK(schema::find_field("title")->kind == schema::Kind::free_text);
    CHECK(schema::find_field("nosuch") == nullptr);
}

TEST_CASE("schema: date keys are zero padded and read back") {
    CHECK(schema::year_key(2018) == "2018");
    CHECK(schema::year_key(987) == "0987");
    CHECK(schema::month_key(2018, 1) == "201801");
    CHECK(schema::day_key(CivilDate{2018, 1, 24}) == "20180124");
    CHECK(schema::day_key(CivilDate{987, 3, 5}) == "09870305");
    for (const CivilDate d : {CivilDate{2018, 1, 24}, CivilDate{2016, 2, 29}, CivilDate{987, 3, 5}}) {
        CHECK(schema::parse_day_key(schema::day_key(d)) == d);
    }
    CHECK_FALSE(schema::parse_day_key("2018012").has_value());
    CHECK_FALSE(schema::parse_day_key("20180230").has_value());
    CHECK_FALSE(schema::parse_day_key("2018-1-24").has_value());
}
