# Issue 12: the user's alias file. Invented articles; the rules (merge, never, type) apply to
# searches at once, without re-indexing (default file beside the database, or --aliases), and
# to what the indexer writes from then on.
source "$(dirname "$0")/lib.sh"

db="$work/news.db"
cat >"$work/run1.jsonl" <<'JSONL'
{"id":"u1","published":"2011-05-02T10:00:00Z","title":"Budget talks","body":"Henrik Dalby met union leaders on Monday. Dalby said the budget would pass. Slideshow Hammerfest showed the crowds."}
{"id":"u2","published":"2011-05-03T10:00:00Z","title":"Budget vote","body":"Mr Dalby told parliament the vote would come on Friday."}
{"id":"u3","published":"2011-05-04T10:00:00Z","title":"Kellner results","body":"Kellner Foods said profit rose, and Ingrid Solheim welcomed the results."}
JSONL
"$NEWSDEX_INDEX" --quiet --db "$db" "$work/run1.jsonl" || fail "indexing run 1"

facets() {  # facets [ARGS...]: the person and org facets of every article, as JSON
    "$NEWSDEX_SEARCH" --db "$db" --json --facets person,org --facet-limit 0 --limit 0 "$@" ''
}
values_of() {  # values_of JSON FACET: "|value=count|" pairs, sorted
    json_get "$1" "'|' + '|'.join(sorted(v['value'] + '=' + str(v['count']) for v in j['facets'].get('$2', []))) + '|'"
}

before="$(facets)"
persons="$(values_of "$before" person)"
expect_contains "$persons" "|Henrik Dalby=1|" "persons before the rules"
expect_contains "$persons" "|Dalby=1|" "persons before the rules"

# Rules beside the database: applied to the next search, nothing re-indexed.
cat >"$db.aliases" <<'RULES'
# Newsdex alias file
merge: Dalby => Henrik Dalby
never: Ingrid Solheim
type: Kellner Foods = ORG
RULES
after="$(facets)"
persons="$(values_of "$after" person)"
expect_contains "$persons" "|Henrik Dalby=2|" "merged person count"
expect_not_contains "$persons" "|Dalby=1|" "merged short form"
expect_not_contains "$persons" "Ingrid Solheim" "a never value"
# Filters: the merged value finds both forms; a never value finds nothing.
hits="$("$NEWSDEX_SEARCH" --db "$db" --json --limit 10 'person:"Henrik Dalby"')"
expect_eq "$(json_get "$hits" "sorted(h['id'] for h in j['hits'])")" "['u1', 'u2']" "person:\"Henrik Dalby\" with the merge"
run_status "$NEWSDEX_SEARCH" --db "$db" --json --limit 10 'person:"Ingrid Solheim"'
expect_eq "$(json_get "$out" "len(j['hits'])")" "0" "hits of a never value"

# --aliases names another file; an empty one means no rules.
: >"$work/none.aliases"
persons="$(values_of "$(facets --aliases "$work/none.aliases")" person)"
expect_contains "$persons" "|Ingrid Solheim=1|" "persons with an empty --aliases file"
# A broken file is a usage error naming the line.
printf 'merge: Dalby\n' >"$work/bad.aliases"
run_status "$NEWSDEX_SEARCH" --db "$db" --aliases "$work/bad.aliases" budget
expect_eq "$status" "2" "exit status for a broken alias file"
expect_contains "$err" "bad.aliases:1:" "error for a broken alias file"

# The indexer applies the rules from then on.
cat >"$work/run2.jsonl" <<'JSONL'
{"id":"u4","published":"2011-05-05T10:00:00Z","title":"Solheim","body":"Ingrid Solheim met Dalby in Oslo on Thursday."}
JSONL
"$NEWSDEX_INDEX" --quiet --db "$db" "$work/run2.jsonl" || fail "indexing run 2"
shown="$("$NEWSDEX_SEARCH" --db "$db" --aliases "$work/none.aliases" --json --facets person --facet-limit 0 --limit 0 'id:u4')"
persons="$(values_of "$shown" person)"
expect_not_contains "$persons" "Ingrid Solheim" "persons written after the rules"
echo "ok"
