#!/usr/bin/env bash
# README command 1: install what is missing, build, index corpus/sample, run example queries.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
"$here/scripts/build.sh"
build="${NEWSDEX_BUILD_DIR:-$here/build}"
db="$build/sample.db"
index="$build/indexer/newsdex-index"
search="$build/searcher/newsdex-search"

"$index" --db "$db" "$here/corpus/sample"
for query in 'peace talks' '"de-escalation zones" OR ceasefire' 'title:coffee' 'Zurich bank'; do
    printf '\n$ newsdex-search %s\n' "'$query'"
    "$search" --db "$db" --limit 3 "$query"
done
printf '\n$ newsdex-search --json --limit 1 --sort date %s\n' "'Sochi congress'"
"$search" --db "$db" --json --limit 1 --sort date 'Sochi congress'
printf '\nThe sample database is %s; try:  %s --db %s "your words"\n' "$db" "$search" "$db"
