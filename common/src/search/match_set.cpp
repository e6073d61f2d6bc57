#include "newsdex/search/match_set.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

namespace newsdex::search {
namespace {

constexpr Xapian::docid past_end = std::numeric_limits<Xapian::docid>::max();

// Walks the docids one part of the query matches, in ascending order.
class Cursor {
public:
    Cursor() = default;
    Cursor(const Cursor&) = delete;
    Cursor& operator=(const Cursor&) = delete;
    virtual ~Cursor() = default;
    /// Moves to the first match at or after `target` (staying if already there) and returns
    /// it, or past_end.
    virtual Xapian::docid skip_to(Xapian::docid target) = 0;
    /// At most this many matches: an AND walks its rarest part first.
    virtual Xapian::doccount bound() const = 0;
};

using CursorPtr = std::unique_ptr<Cursor>;

// A term's posting list; the empty term lists every document (MatchAll).
class TermCursor final : public Cursor {
public:
    TermCursor(const Xapian::Database& db, const std::string& term)
        : m_it(db.postlist_begin(term)), m_end(db.postlist_end(term)),
          m_bound(term.empty() ? db.get_doccount() : db.get_termfreq(term)) {}

    Xapian::docid skip_to(Xapian::docid target) override {
        if (m_at >= target) {
            return m_at;
        }
        if (m_it != m_end) {
            m_it.skip_to(target);
        }
        m_at = m_it == m_end ? past_end : *m_it;
        return m_at;
    }
    Xapian::doccount bound() const override { return m_bound; }

private:
    Xapian::PostingIterator m_it;
    Xapian::PostingIterator m_end;
    Xapian::doccount m_bound;
    Xapian::docid m_at = 0;
};

class NothingCursor final : public Cursor {
public:
    Xapian::docid skip_to(Xapian::docid /*target*/) override { return past_end; }
    Xapian::doccount bound() const override { return 0; }
};

class AndCursor final : public Cursor {
public:
    explicit AndCursor(std::vector<CursorPtr> parts) : m_parts(std::move(parts)) {
        std::sort(m_parts.begin(), m_parts.end(),
                  [](const CursorPtr& a, const CursorPtr& b) { return a->bound() < b->bound(); });
    }

    Xapian::docid skip_to(Xapian::docid target) override {
        if (m_at >= target) {
            return m_at;
        }
        // Round the parts until all of them, one after the other, stop on the same docid.
        Xapian::docid candidate = target;
        std::size_t agreeing = 0;
        for (std::size_t i = 0; agreeing < m_parts.size(); i = (i + 1) % m_parts.size()) {
            const Xapian::docid at = m_parts[i]->skip_to(candidate);
            if (at == past_end) {
                return m_at = past_end;
            }
            if (at == candidate) {
                ++agreeing;
            } else {
                candidate = at;
                agreeing = 1;
            }
        }
        return m_at = candidate;
    }
    Xapian::doccount bound() const override { return m_parts.front()->bound(); }

private:
    std::vector<CursorPtr> m_parts; // never empty
    Xapian::docid m_at = 0;
};

class OrCursor final : public Cursor {
public:
    explicit OrCursor(std::vector<CursorPtr> parts) : m_parts(std::move(parts)) {}

    Xapian::docid skip_to(Xapian::docid target) override {
        if (m_at >= target) {
            return m_at;
        }
        Xapian::docid lowest = past_end;
        for (const CursorPtr& part : m_parts) {
            lowest = std::min(lowest, part->skip_to(target));
        }
        return m_at = lowest;
    }
    Xapian::doccount bound() const override {
        std::uint64_t sum = 0;
        for (const CursorPtr& part : m_parts) {
            sum += part->bound();
        }
        return static_cast<Xapian::doccount>(
            std::min<std::uint64_t>(sum, std::numeric_limits<Xapian::doccount>::max()));
    }

private:
    std::vector<CursorPtr> m_parts;
    Xapian::docid m_at = 0;
};

class AndNotCursor final : public Cursor {
public:
    AndNotCursor(CursorPtr kept, CursorPtr left_out)
        : m_kept(std::move(kept)), m_left_out(std::move(left_out)) {}

    Xapian::docid skip_to(Xapian::docid target) override {
        if (m_at >= target) {
            return m_at;
        }
        Xapian::docid at = m_kept->skip_to(target);
        while (at != past_end && m_left_out->skip_to(at) == at) {
            at = m_kept->skip_to(at + 1);
        }
        return m_at = at;
    }
    Xapian::doccount bound() const override { return m_kept->bound(); }

private:
    CursorPtr m_kept;
    CursorPtr m_left_out;
    Xapian::docid m_at = 0;
};

CursorPtr cursor_for(const Xapian::Database& db, const Xapian::Query& query);

// The cursors of subqueries [from, end); empty if one of them cannot be walked here.
std::vector<CursorPtr> parts_of(const Xapian::Database& db, const Xapian::Query& query,
                                std::size_t from) {
    std::vector<CursorPtr> parts;
    for (std::size_t i = from; i < query.get_num_subqueries(); ++i) {
        CursorPtr part = cursor_for(db, query.get_subquery(i));
        if (!part) {
            return {};
        }
        parts.push_back(std::move(part));
    }
    return parts;
}

CursorPtr one_or_any(std::vector<CursorPtr> parts) {
    if (parts.size() == 1) {
        return std::move(parts.front());
    }
    return std::make_unique<OrCursor>(std::move(parts));
}

// Null where the query holds something whose matches depend on more than posting lists.
CursorPtr cursor_for(const Xapian::Database& db, const Xapian::Query& query) {
    switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
        return std::make_unique<TermCursor>(db, *query.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_ALL:
        return std::make_unique<TermCursor>(db, std::string());
    case Xapian::Query::LEAF_MATCH_NOTHING:
        return std::make_unique<NothingCursor>();
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: {
        std::vector<CursorPtr> parts = parts_of(db, query, 0);
        if (parts.empty()) {
            return nullptr;
        }
        return parts.size() == 1 ? std::move(parts.front())
                                 : std::make_unique<AndCursor>(std::move(parts));
    }
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
        std::vector<CursorPtr> parts = parts_of(db, query, 0);
        return parts.empty() ? nullptr : one_or_any(std::move(parts));
    }
    case Xapian::Query::OP_AND_NOT: {
        if (query.get_num_subqueries() < 2) {
            return nullptr;
        }
        CursorPtr kept = cursor_for(db, query.get_subquery(0));
        std::vector<CursorPtr> left_out = parts_of(db, query, 1);
        if (!kept || left_out.empty()) {
            return nullptr;
        }
        return std::make_unique<AndNotCursor>(std::move(kept), one_or_any(std::move(left_out)));
    }
    case Xapian::Query::OP_AND_MAYBE: // the other subqueries only add weight
    case Xapian::Query::OP_SCALE_WEIGHT:
        return query.get_num_subqueries() == 0 ? nullptr : cursor_for(db, query.get_subquery(0));
    default: // phrases, NEAR, value ranges, wildcards, elite sets, XOR, posting sources
        return nullptr;
    }
}

} // namespace

std::optional<std::vector<Xapian::docid>> boolean_matches(const Xapian::Database& db,
                                                          const Xapian::Query& query) {
    const CursorPtr root = cursor_for(db, query);
    if (!root) {
        return std::nullopt;
    }
    std::vector<Xapian::docid> docids;
    docids.reserve(std::min<Xapian::doccount>(root->bound(), db.get_doccount()));
    for (Xapian::docid at = root->skip_to(1); at != past_end; at = root->skip_to(at + 1)) {
        docids.push_back(at);
    }
    return docids;
}

} // namespace newsdex::search
