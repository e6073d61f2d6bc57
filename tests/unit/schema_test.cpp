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
        CHECK(prefixes.insert(f.prefix).second);
        CHECK(!f.prefix.empty());
    }
    std::set<Xapian::valueno> slots;
    for (auto s : {schema::Slot::published_day, schema::Slot::published_time,
                   schema::Slot::content_hash, schema::Slot::published_month,
                   schema::Slot::source}) {
        CHECK(slots.insert(schema::slot(s)).second);
    }
}

TEST_CASE("schema: no X prefix can swallow another's terms") {
    // "XSOURCE" + "foo" must never be read as another prefix + value: an X… prefix may not be
    // a leading part of another one (values that start with a capital get ':' anyway).
    for (const schema::Field& a : schema::fields) {
        for (const schema::Field& b : schema::fields) {
            if (&a == &b || a.prefix.size() < 2) {
                continue;
            }
            CAPTURE(a.prefix);
            CAPTURE(b.prefix);
            CHECK(b.prefix.rfind(a.prefix, 0) != 0);
        }
    }
    CHECK(schema::stem_prefix == "Z");
    for (const schema::Field& f : schema::fields) {
        CHECK(f.prefix.front() != 'Z');
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

TEST_CASE("schema: find_field") {
    REQUIRE(schema::find_field("title") != nullptr);
    CHECK(schema::find_field("title")->kind == schema::Kind::free_text);
    CHECK(schema::find_field("nosuch") == nullptr);
}
