/// @file
/// @brief The one FNV-1a 64 hash (stable across runs, builds and machines, unlike std::hash),
///        a finaliser for it, and its usual 16-hex-digit spelling.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex {

/// FNV-1a 64's offset basis, as the FNV specification gives it.
inline constexpr std::uint64_t fnv1a64_basis = 14695981039346656037ULL;

/// A mistyped copy of the basis (its last digit dropped) that the first hashes of this project
/// were seeded with. It seeds as well as the real one, but stored values depend on it: id
/// terms of long ids, content hashes, SimHash signatures and bulk part numbers. Changing it
/// means bumping schema::version.
inline constexpr std::uint64_t fnv1a64_stored_basis = 1469598103934665603ULL;

/// `h` after hashing one more byte.
constexpr std::uint64_t fnv1a64(unsigned char byte, std::uint64_t h) {
    return (h ^ byte) * 1099511628211ULL;
}

/// FNV-1a 64 of `bytes`, starting from `h`: a basis, or the hash of what came before, so that
/// several pieces hash as one (put a separator byte between them when ("ab","c") and
/// ("a","bc") must differ).
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h) {
    for (const char c : bytes) {
        h = fnv1a64(static_cast<unsigned char>(c), h);
    }
    return h;
}

/// splitmix64's finaliser: FNV-1a alone leaves the high bits of short strings poorly mixed;
/// after this every bit is a fair coin (what SimHash and feature hashing need).
constexpr std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30U;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27U;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31U;
    return x;
}

/// 16 lower-case hex digits, zero padded: how hashes are spelled in ids and value slots.
inline std::string hex16(std::uint64_t h) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = digits[h & 0xF];
        h >>= 4;
    }
    return out;
}

} // namespace newsdex
