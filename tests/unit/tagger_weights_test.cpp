#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <set>
#include <vector>

#include "tagger_features.h"
#include "tagger_weights.h"

using newsdex::analysis::detail::WeightTable;

namespace {

constexpr std::size_t tags = WeightTable::tags;

/// An invented weight of row k, tag t: distinct per row, negative ones included.
std::int16_t invented_weight(std::size_t k, std::size_t t) {
    return static_cast<std::int16_t>(static_cast<int>((k * 37 + t * 11) % 60000) - 30000);
}

/// Checks every bucket of the space against the straightforward answer: a stored bucket gives
/// its own row, any other bucket none.
void check_every_bucket(int hash_bits, const std::set<std::uint32_t>& stored) {
    const std::vector<std::uint32_t> buckets(stored.begin(), stored.end());
    std::vector<char> bytes(buckets.size() * tags * sizeof(std::int16_t));
    for (std::size_t k = 0; k < buckets.size(); ++k) {
        for (std::size_t t = 0; t < tags; ++t) {
            const std::int16_t w = invented_weight(k, t);
            std::memcpy(bytes.data() + (k * tags + t) * sizeof w, &w, sizeof w);
        }
    }
    WeightTable table;
    table.assign(hash_bits, buckets, bytes.data());
    CHECK(table.size() == buckets.size());
    std::size_t k = 0;
    std::size_t wrong = 0;
    const std::uint32_t space = std::uint32_t{1} << static_cast<unsigned>(hash_bits);
    for (std::uint32_t bucket = 0; bucket < space; ++bucket) {
        const std::int16_t* row = table.find(bucket);
        const bool is_stored = k < buckets.size() && buckets[k] == bucket;
        if (!is_stored) {
            wrong += row != nullptr ? 1 : 0;
            continue;
        }
        if (row == nullptr) {
            ++wrong;
        } else {
            for (std::size_t t = 0; t < tags; ++t) {
                wrong += row[t] != invented_weight(k, t) ? 1 : 0;
            }
        }
        ++k;
    }
    CHECK(wrong == 0);
}

} // namespace

TEST_CASE("tagger weights: every bucket of a 2^22 space finds its own row or none") {
    // As many rows as the committed model, spread at random, plus the edges of the bitmap's
    // words and lines (64 and 384 buckets) and of the space.
    std::set<std::uint32_t> stored = {0,   1,   63,  64,  65,  127, 128,
                                      383, 384, 385, 767, 768, 769, (1U << 22U) - 1};
    std::mt19937 random(20261207);
    while (stored.size() < 66820) {
        stored.insert(random() >> 10U);
    }
    check_every_bucket(22, stored);
}

TEST_CASE("tagger weights: dense and empty tables") {
    std::set<std::uint32_t> every;
    for (std::uint32_t b = 0; b < 1024; ++b) {
        every.insert(b);
    }
    check_every_bucket(10, every); // a full line's rows count beyond 255
    check_every_bucket(9, {});
    check_every_bucket(8, {255});
}

TEST_CASE("tagger name and cluster tables: every stored hash is found, absent ones are not") {
    using newsdex::analysis::detail::NameList;
    std::mt19937_64 random(20261207);
    std::set<std::uint64_t> stored;
    while (stored.size() < 30000) {
        stored.insert(random() & ~std::uint64_t{1}); // the table ignores the lowest bit
    }
    std::vector<std::pair<std::uint64_t, std::uint8_t>> entries;
    for (const std::uint64_t hash : stored) {
        entries.emplace_back(hash, static_cast<std::uint8_t>(hash >> 56U));
    }
    NameList names;
    names.assign(entries);
    std::size_t wrong = 0;
    for (const auto& [hash, flags] : entries) {
        const std::uint8_t* found = names.find(hash);
        wrong += found == nullptr || *found != flags ? 1 : 0;
    }
    for (int k = 0; k < 300000; ++k) {
        const std::uint64_t hash = random() & ~std::uint64_t{1};
        wrong += (names.find(hash) != nullptr) != (stored.count(hash) != 0) ? 1 : 0;
    }
    CHECK(wrong == 0);
    NameList empty;
    empty.assign({});
    CHECK(empty.find(entries.front().first) == nullptr);
}
