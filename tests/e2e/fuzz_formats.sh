# Mangled dumps in every format (issue 15): 240 cases from a fixed seed, indexed in one run;
# no crash, a database that passes xapian-check, every untouched record indexed once.
# scripts/fuzz-dumps runs more cases, each on its own (docs/reliability.md).
source "$(dirname "$0")/lib.sh"
command -v xapian-check >/dev/null || fail "xapian-check not found (package xapian-tools; run scripts/setup.sh)"
"$(dirname "$0")/../../scripts/fuzz-dumps" --cases 240 --seed 15 --together \
    --index "$NEWSDEX_INDEX" --search "$NEWSDEX_SEARCH" --work "$work/fuzz" ||
    fail "mangled dumps (above)"
echo "ok"
