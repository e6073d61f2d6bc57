#!/usr/bin/env bash
# README command 1: install what is missing, build, index corpus/sample, run example queries.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEWSDEX_BUILD_DIR:-$here/build}"
step() { printf '\n== run-sample.sh: step %s\n' "$*"; }

step "1/3: installing what is missing (scripts/setup.sh)"
"$here/scripts/setup.sh"
step "2/3: building into $build (Release, warnings are errors)"
"$here/scripts/build.sh"
db="$build/sample.db"
index="$build/indexer/newsdex-index"
search="$build/searcher/newsdex-search"

step "3/3: indexing corpus/sample into $db, then example searches"
"$index" --db "$db" "$here/corpus/sample"
for query in 'peace talks' '"de-escalation zones" OR ceasefire' 'title:coffee' 'Zurich bank'; do
    printf '\n$ newsdex-search %s\n' "'$query'"
    "$search" --db "$db" --limit 3 "$query"
done
printf '\n$ newsdex-search --json --limit 1 --sort date %s\n' "'Sochi congress'"
"$search" --db "$db" --json --limit 1 --sort date 'Sochi congress'
printf '\nThe sample database is %s; try:  %s --db %s "your words"\n' "$db" "$search" "$db"
