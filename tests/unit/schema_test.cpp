#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

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
                   schema::Slot::content_hash, schema::Slot::published_month, schema::Slot::simhash,
                   schema::Slot::cluster, schema::Slot::indexed_time}) {
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
    CHECK(schema::split_location_display("Vienna, AT") ==
          std::make_pair(std::string("Vienna"), std::string("AT")));
}

TEST_CASE("schema: a facet value comes once per article, under its first spelling") {
    // The actor facet joins people and organisations; one article may type a name both ways.
    const std::vector<std::string> actors = {"Reagan", "Treasury", "EdF",
                                             "reagan", "EDF",      "Ronald Reagan"};
    CHECK(schema::distinct_facet_values("actor", actors) ==
          std::vector<std::string>{"Reagan", "Treasury", "EdF", "Ronald Reagan"});
    // Locations are one value only with the same country.
    CHECK(schema::distinct_facet_values("location", {"Vienna, AT", "Vienna, US", "vienna, AT"}) ==
          std::vector<std::string>{"Vienna, AT", "Vienna, US"});
    CHECK(schema::distinct_facet_values("actor", {}).empty());
    // A spelling in capitals (a dateline, a headline) gives way to the body's, in its place.
    CHECK(
        schema::distinct_facet_values("location", {"DAVOS", "Switzerland, CH", "Davos", "davos"}) ==
        std::vector<std::string>{"Davos", "Switzerland, CH"});
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
    for (const CivilDate d :
         {CivilDate{2018, 1, 24}, CivilDate{2016, 2, 29}, CivilDate{987, 3, 5}}) {
        CHECK(schema::parse_day_key(schema::day_key(d)) == d);
    }
    CHECK_FALSE(schema::parse_day_key("2018012").has_value());
    CHECK_FALSE(schema::parse_day_key("20180230").has_value());
    CHECK_FALSE(schema::parse_day_key("2018-1-24").has_value());
}

TEST_CASE("schema: location keys keep the country and split back") {
    CHECK(schema::facet_key("location", "Vienna, AT") == "vienna~at");
    CHECK(schema::facet_key("location", "Vienna") == "vienna");
    CHECK(schema::facet_key("actor", "Jean-Yves Le Drian") == "jean-yves le drian");
    const schema::LocationKey vienna = schema::split_location_key("vienna~at");
    CHECK(vienna.name == "vienna");
    CHECK(vienna.country == "at");
    const schema::LocationKey bare = schema::split_location_key("vienna");
    CHECK(bare.name == "vienna");
    CHECK(bare.country.empty());
    // What the indexer keys, the query side splits back into the display's parts.
    for (const std::string display : {"Vienna, AT", "São Paulo, BR", "New York, US"}) {
        CAPTURE(display);
        const auto [name, country] = schema::split_location_display(display);
        const std::string folded = schema::facet_key("location", display);
        const schema::LocationKey key = schema::split_location_key(folded);
        CHECK(key.name == schema::facet_key("actor", name));
        CHECK(key.country == schema::facet_key("actor", country));
    }
}

TEST_CASE("schema: packed values split back into the values joined") {
    const std::vector<std::string> values = {"Vienna, AT", "Paris, FR", "x"};
    const std::string packed = schema::packed_join(values);
    CHECK(packed == std::string("Vienna, AT\x1fParis, FR\x1fx"));
    std::vector<std::string> back;
    schema::packed_split(packed, [&](std::string_view v) { back.emplace_back(v); });
    CHECK(back == values);
    back.clear();
    schema::packed_split(schema::packed_join({}),
                         [&](std::string_view v) { back.emplace_back(v); });
    CHECK(back.empty());
    schema::packed_split(schema::packed_join({"one"}),
                         [&](std::string_view v) { back.emplace_back(v); });
    CHECK(back == std::vector<std::string>{"one"});
}

TEST_CASE("schema: the signature slot holds the signature and its cluster") {
    const std::string value = schema::signature_value(0x34d420074ac67544ULL, "d1");
    CHECK(value == "34d420074ac67544:d1");
    const auto back = schema::parse_signature_value(value);
    REQUIRE(back.has_value());
    CHECK(back->signature == 0x34d420074ac67544ULL);
    CHECK(back->cluster == "d1");
    CHECK(schema::parse_signature_value(schema::signature_value(0, "a:b"))->cluster == "a:b");
    CHECK_FALSE(schema::parse_signature_value("34d420074ac67544").has_value()); // no cluster
    CHECK_FALSE(schema::parse_signature_value("34d420074ac6754x:d1").has_value());
    CHECK_FALSE(schema::parse_signature_value("").has_value());
}
