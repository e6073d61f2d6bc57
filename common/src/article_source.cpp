#include "newsdex/article_source.h"

namespace newsdex {

std::string to_string(ProblemKind kind) {
    switch (kind) {
    case ProblemKind::malformed_record:
        return "malformed record";
    case ProblemKind::invalid_utf8:
        return "invalid utf-8";
    case ProblemKind::missing_body:
        return "missing body";
    case ProblemKind::too_large:
        return "too large";
    case ProblemKind::binary_data:
        return "binary data";
    case ProblemKind::empty_file:
        return "empty file";
    case ProblemKind::truncated_gzip:
        return "truncated gzip";
    case ProblemKind::unreadable_file:
        return "unreadable file";
    case ProblemKind::bad_date:
        return "bad date";
    case ProblemKind::nul_bytes:
        return "nul bytes";
    }
    return "unknown problem";
}

bool is_rejection(ProblemKind kind) {
    switch (kind) {
    case ProblemKind::invalid_utf8:
    case ProblemKind::bad_date:
    case ProblemKind::nul_bytes:
        return false;
    // An empty file held nothing to lose; a truncated gzip loses whatever followed the cut.
    case ProblemKind::empty_file:
        return false;
    case ProblemKind::malformed_record:
    case ProblemKind::missing_body:
    case ProblemKind::too_large:
    case ProblemKind::binary_data:
    case ProblemKind::truncated_gzip:
    case ProblemKind::unreadable_file:
        return true;
    }
    return true;
}

bool is_rejected_record(ProblemKind kind) {
    switch (kind) {
    case ProblemKind::malformed_record:
    case ProblemKind::missing_body:
    case ProblemKind::too_large:
    case ProblemKind::binary_data:
        return true;
    default:
        return false;
    }
}

void ProblemCounts::count(const Problem& problem) {
    ++by_kind[problem.kind];
    if (is_rejection(problem.kind)) {
        ++rejected;
    }
    if (is_rejected_record(problem.kind)) {
        ++rejected_records;
    }
}

} // namespace newsdex
