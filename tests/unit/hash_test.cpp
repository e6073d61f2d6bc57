#include <doctest/doctest.h>

#include <string>

#include "../support/article.h"
#include "newsdex/analysis/analyzer.h"
#include "newsdex/analysis/simhash.h"
#include "newsdex/hash.h"
#include "newsdex/index/document_builder.h"
#include "newsdex/schema.h"

using namespace newsdex;

TEST_CASE("hash: FNV-1a 64 gives the published test vectors with the real basis") {
    CHECK(fnv1a64("", fnv1a64_basis) == 0xcbf29ce484222325ULL);
    CHECK(fnv1a64("a", fnv1a64_basis) == 0xaf63dc4c8601ec8cULL);
    CHECK(fnv1a64("foobar", fnv1a64_basis) == 0x85944171f73967e8ULL);
    // Pieces hash as the whole.
    CHECK(fnv1a64("bar", fnv1a64("foo", fnv1a64_basis)) == fnv1a64("foobar", fnv1a64_basis));
    CHECK(fnv1a64(static_cast<unsigned char>('a'), fnv1a64_basis) == fnv1a64("a", fnv1a64_basis));
    CHECK(hex16(0xaf63dc4c8601ec8cULL) == "af63dc4c8601ec8c");
    CHECK(hex16(0x1f) == "000000000000001f");
}

// Values written by the code before hash.h existed: stored ids, content hashes and signatures
// must not change, or every re-index would rewrite every article.
TEST_CASE("hash: the stored basis keeps today's ids, content hashes and signatures") {
    CHECK(fnv1a64_stored_basis == 1469598103934665603ULL);
    CHECK(schema::id_term(std::string(210, 'x')) ==
          "Q#long:" + std::string(64, 'x') + ":06fa1acfe25242db");
    Article a = test::article("a1", "Coffee prices rise", "Traders said coffee was scarce.");
    a.published = Timestamp{1516788900, 60};
    // Content hashes also hash schema::version (9e8a8b0caa383928 under version 2,
    // 752b682f50736ac3 under 3) on purpose: a new schema rewrites every article (an archive of
    // another version is re-analysed).
    CHECK(index::content_hash(a) == "b169fc9f2ddd1cfa");
    analysis::Analyzer analyzer("en");
    const auto signature = analysis::simhash(
        "The central bank raised interest rates by a quarter point on Tuesday, citing strong "
        "growth and rising inflation across the euro zone economies this year.",
        analyzer);
    REQUIRE(signature.has_value());
    CHECK(hex16(signature->bits) == "34d420074ac67544");
}

TEST_CASE("hash: mix64 spreads the bits of nearby inputs") {
    CHECK(mix64(1) != mix64(2));
    CHECK(mix64(0) == 0); // splitmix64's finaliser fixes zero
}
