#include "tagger_train.h"

#include "newsdex/error.h"

#include <doctest/doctest.h>

#include <vector>

using newsdex::analysis::bootstrap_f1;
using newsdex::analysis::EntityCounts;

namespace {

EntityCounts counts(std::size_t gold, std::size_t predicted, std::size_t correct) {
    EntityCounts c;
    c.gold = gold;
    c.predicted = predicted;
    c.correct = correct;
    return c;
}

} // namespace

TEST_CASE("bootstrap: documents that all score alike give an interval of width zero") {
    const std::vector<EntityCounts> docs(20, counts(10, 10, 8));
    const auto interval = bootstrap_f1(docs, {}, 200);
    CHECK(interval.f1 == doctest::Approx(0.8));
    CHECK(interval.low == doctest::Approx(0.8));
    CHECK(interval.high == doctest::Approx(0.8));
}

TEST_CASE("bootstrap: the interval of mixed documents lies between the best and the worst") {
    std::vector<EntityCounts> docs;
    for (int k = 0; k < 30; ++k) {
        docs.push_back(k % 3 == 0 ? counts(10, 10, 4) : counts(10, 10, 10));
    }
    const auto interval = bootstrap_f1(docs, {}, 500);
    CHECK(interval.f1 == doctest::Approx(0.8));
    CHECK(interval.low < interval.f1);
    CHECK(interval.high > interval.f1);
    CHECK(interval.low > 0.4);
    CHECK(interval.high < 1.0);
    // The same seed gives the same interval.
    const auto again = bootstrap_f1(docs, {}, 500);
    CHECK(again.low == interval.low);
    CHECK(again.high == interval.high);
}

TEST_CASE("bootstrap: a paired difference sees a change on one document as small") {
    std::vector<EntityCounts> base(40, counts(10, 10, 9));
    std::vector<EntityCounts> other = base;
    other[7] = counts(10, 10, 10); // better on one document only
    const auto diff = bootstrap_f1(base, other, 1000);
    CHECK(diff.f1 > 0);
    CHECK(diff.low == doctest::Approx(0.0)); // many resamples miss document 7
    CHECK(diff.high > 0);
    CHECK(diff.above > 0.5);
    CHECK(diff.above < 1.0);
    // A model better on every document is better in every resample.
    std::vector<EntityCounts> better(40, counts(10, 10, 10));
    const auto clear = bootstrap_f1(base, better, 300);
    CHECK(clear.low > 0);
    CHECK(clear.above == doctest::Approx(1.0));
    CHECK_THROWS_AS((void)bootstrap_f1(base, std::vector<EntityCounts>(3), 10),
                    newsdex::UsageError);
}
