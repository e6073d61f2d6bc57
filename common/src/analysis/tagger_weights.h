/// @file
/// @brief Internal to the tagger: the in-memory layout of the model's feature weights.
///
/// The model file stores the non-zero feature buckets in ascending order (delta-coded) and
/// their int16 weight rows; this is how tagger.cpp looks them up while tagging. Not installed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace newsdex::analysis::detail {

/// The weight rows of the stored buckets of a 2^hash_bits bucket space.
///
/// Tagging looks up some 33 buckets per token, most of them scattered over the table, so the
/// time goes in cache misses, not in arithmetic: the layout is chosen to keep the table small
/// and every lookup at one cache line (two for a stored row). A bitmap tells whether a bucket
/// is stored; each 64-byte line of it holds 384 buckets' bits and the number of rows stored
/// before each of its words, so a stored bucket's row number is that count plus one popcount.
/// The rows themselves stay packed in bucket order, as the file has them. For the 2^22-bucket
/// model with 66,820 rows that is 0.7 MB of bitmap and 1.2 MB of rows (an open-addressing
/// table at half load took 5.7 MB, and a miss cost a probe sequence).
class WeightTable {
public:
    static constexpr std::size_t tags = 9;

    /// `buckets` ascending and below 2^hash_bits; `rows` holds tags int16 per bucket, in the
    /// same order (unaligned bytes, as read from the file).
    void assign(int hash_bits, const std::vector<std::uint32_t>& buckets, const char* rows);

    /// The row of `bucket`, or nullptr when the model has none. `bucket` < 2^hash_bits.
    [[nodiscard]] const std::int16_t* find(std::uint32_t bucket) const {
        const Line& line = m_lines[bucket / line_buckets];
        const std::uint32_t in_line = bucket % line_buckets;
        const std::uint64_t word = line.bits[in_line / 64];
        const std::uint64_t below = (std::uint64_t{1} << (in_line % 64)) - 1;
        if (((word >> (in_line % 64)) & 1U) == 0) {
            return nullptr;
        }
        const std::size_t row =
            line.rows_before + line.word_rows_before[in_line / 64] + bits_set(word & below);
        return &m_rows[row * tags];
    }

    /// Asks the CPU for the line find() will read, so that a sentence's misses overlap.
    void prefetch(std::uint32_t bucket) const {
        __builtin_prefetch(&m_lines[bucket / line_buckets]);
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_rows.size() / tags; }

    /// Number of bits set, inline: without -mpopcnt the compiler's builtin is a library call.
    [[nodiscard]] static std::size_t bits_set(std::uint64_t x) {
        x -= (x >> 1U) & 0x5555555555555555ULL;
        x = (x & 0x3333333333333333ULL) + ((x >> 2U) & 0x3333333333333333ULL);
        x = (x + (x >> 4U)) & 0x0F0F0F0F0F0F0F0FULL;
        return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56U);
    }

private:
    static constexpr std::size_t line_words = 6;
    static constexpr std::uint32_t line_buckets = line_words * 64;
    struct alignas(64) Line {
        std::uint64_t bits[line_words];
        std::uint32_t rows_before;                  ///< rows stored in the earlier lines
        std::uint16_t word_rows_before[line_words]; ///< rows in bits[0 .. k) of this line
    };
    static_assert(sizeof(Line) == 64, "one cache line per lookup");

    std::vector<Line> m_lines;
    std::vector<std::int16_t> m_rows;
};

} // namespace newsdex::analysis::detail
