#!/usr/bin/env python3
"""Checks that several database sets answer a list of queries identically.

usage: compare_search.py [--matches-only] REFERENCE.jsonl CANDIDATE.jsonl...

Each file holds the `newsdex-search --json --queries FILE` output of one database set (one
JSON line per query, in the same order). For every query a candidate must have the
reference's total, bounds and article count, facet counts, and hits: the same scores rank by rank (within
1e-6 relative), and the same ids among hits of equal score (Xapian breaks score ties by
document number, and document numbers interleave differently across shards; at the end of
the page a tie may continue past it, so there only the number of hits is compared).
With --matches-only, scores and order are not compared, only totals, facets and (when every
match fits on the page) the set of ids: for wildcard queries, which Xapian 1.4 expands in each
shard with that shard's own statistics, so that their scores differ from one database's.
Prints one line per difference; exits 1 if there was any.
"""
import json
import sys


def close(a, b):
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def tie_groups(hits):
    groups = []
    for h in hits:
        if groups and close(groups[-1][0], h["score"]):
            groups[-1][1].append(h["id"])
        else:
            groups.append((h["score"], [h["id"]]))
    return groups


def compare(ref, cand, where, matches_only=False):
    problems = []
    if "error" in cand or "error" in ref:
        return [f"{where}: error: {cand.get('error') or ref.get('error')}"]
    for key in ("total", "total_bounds", "total_exact", "articles", "facets"):
        if ref[key] != cand[key]:
            problems.append(f"{where}: {key} {json.dumps(cand[key])[:300]} != "
                            f"{json.dumps(ref[key])[:300]}")
    rh, ch = ref["hits"], cand["hits"]
    if len(rh) != len(ch):
        problems.append(f"{where}: {len(ch)} hits != {len(rh)}")
        return problems
    if matches_only:
        if ref["total"] <= len(rh) and sorted(h["id"] for h in rh) != sorted(h["id"] for h in ch):
            problems.append(f"{where}: the matching ids differ")
        return problems
    for i, (a, b) in enumerate(zip(rh, ch)):
        if not close(a["score"], b["score"]):
            problems.append(f"{where}: rank {i + 1}: score {b['score']} != {a['score']}")
            return problems
    rg, cg = tie_groups(rh), tie_groups(ch)
    for n, ((_, a), (_, b)) in enumerate(zip(rg, cg)):
        last = n == len(rg) - 1 and len(rh) == ref["limit"]
        if not last and sorted(a) != sorted(b):
            problems.append(f"{where}: ids {sorted(b)} != {sorted(a)}")
    for a, b in zip(rh, ch):  # snippets come from the document data, wherever it lives
        if a["id"] == b["id"] and a["snippet"] != b["snippet"]:
            problems.append(f"{where}: snippet of {a['id']} differs")
    return problems


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    args = sys.argv[1:]
    matches_only = args[0] == "--matches-only"
    if matches_only:
        args = args[1:]
    reference = load(args[0])
    problems = []
    compared = 0
    for path in args[1:]:
        candidate = load(path)
        if len(candidate) != len(reference):
            problems.append(f"{path}: {len(candidate)} answers != {len(reference)}")
            continue
        for ref, cand in zip(reference, candidate):
            problems += compare(ref, cand, f"{path}: query {ref.get('query')!r}", matches_only)
            compared += 1
    for p in problems:
        print(p)
    nonempty = sum(1 for r in reference if r.get("total", 0) > 0)
    print(f"compared {compared} answers ({nonempty} of {len(reference)} queries match "
          f"something) against {args[0]}: {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
