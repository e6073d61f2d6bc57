/// @file
/// @brief The Newsdex error hierarchy, typed by who must act.
#pragma once
#include <stdexcept>
#include <string>

namespace newsdex {

/// Base of every error Newsdex throws on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A bad option or option value: the user must fix the command line (exit code 2).
class UsageError : public Error {
public:
    using Error::Error;
};

/// Unreadable or malformed input; the message starts with `file:line:`.
class InputError : public Error {
public:
    using Error::Error;
};

/// The database was written by another schema version.
class SchemaError : public Error {
public:
    using Error::Error;
};

/// A data file Newsdex needs (gazetteer, model) is missing or broken.
class ResourceError : public Error {
public:
    using Error::Error;
};

/// The database is locked by another writer (exit code 4).
class LockedError : public Error {
public:
    using Error::Error;
};

/// Exit codes shared by both programs (documented in ARCHITECTURE.md).
namespace exit_code {
inline constexpr int ok = 0;
inline constexpr int failure = 1;
inline constexpr int usage = 2;
inline constexpr int rejected_records = 3;
inline constexpr int locked = 4;
inline constexpr int interrupted = 130;
} // namespace exit_code

} // namespace newsdex
