#include "tagger_weights.h"

#include <cstring>

namespace newsdex::analysis::detail {

void WeightTable::assign(int hash_bits, const std::vector<std::uint32_t>& buckets,
                         const char* rows) {
    const std::size_t space = std::size_t{1} << static_cast<unsigned>(hash_bits);
    m_lines.assign((space + line_buckets - 1) / line_buckets, Line{});
    m_rows.resize(buckets.size() * tags);
    if (!buckets.empty()) {
        std::memcpy(m_rows.data(), rows, m_rows.size() * sizeof(std::int16_t));
    }
    for (const std::uint32_t bucket : buckets) {
        Line& line = m_lines[bucket / line_buckets];
        const std::uint32_t in_line = bucket % line_buckets;
        line.bits[in_line / 64] |= std::uint64_t{1} << (in_line % 64);
    }
    std::size_t before = 0;
    for (Line& line : m_lines) {
        line.rows_before = static_cast<std::uint32_t>(before);
        std::size_t in_line = 0;
        for (std::size_t w = 0; w < line_words; ++w) {
            line.word_rows_before[w] = static_cast<std::uint16_t>(in_line);
            in_line += bits_set(line.bits[w]);
        }
        before += in_line;
    }
}

} // namespace newsdex::analysis::detail
