# The modern named-entity dev set (tests/data/eval/modern-dev.tsv, issue 13): every annotated span
# still lies inside its sentence on token boundaries, scripts/modern-dev still cuts tokens as the
# tagger does, the checker catches a broken span, and the CoNLL file the evaluator scores keeps
# every annotated entity. Quality is not asserted here; scripts/eval-entities modern_dev reports it.
set -euo pipefail
if [ ! -d "$NEWSDEX_SHARED_DATA/bbc" ] || [ ! -d "$NEWSDEX_SHARED_DATA/reuters-financial-news" ]; then
    echo "skipped: $NEWSDEX_SHARED_DATA/{bbc,reuters-financial-news} not found (../shared/data is not part of a fresh clone)"
    exit 77
fi
repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "$(dirname "$NEWSDEX_INDEX")/.." && pwd)"
tsv="$repo/tests/data/eval/modern-dev.tsv"
work="$NEWSDEX_WORK/modern_dev"
rm -rf "$work"
mkdir -p "$work"
for tool in newsdex-tokenize newsdex-eval-ner; do
    [ -x "$build/scripts/$tool" ] || { echo "FAIL: $build/scripts/$tool not built"; exit 1; }
done

"$repo/scripts/modern-dev" check --quiet --tokenizer "$build/scripts/newsdex-tokenize"

# A span moved one code point into its first token must be caught.
awk -F'\t' 'BEGIN { OFS = "\t" } !done && $1 == "financial" && $5 != "-" { $5 += 1; done = 1 } { print }' \
    "$tsv" >"$work/broken.tsv"
if "$repo/scripts/modern-dev" --annotations "$work/broken.tsv" check --quiet >"$work/broken.out"; then
    echo "FAIL: the checker accepted a span that splits a token"
    exit 1
fi
grep -q '^SPLITS-TOKEN' "$work/broken.out" || { echo "FAIL: no SPLITS-TOKEN report"; exit 1; }

# The evaluator's gold counts equal the annotation file's, type by type.
"$repo/scripts/modern-dev" conll "$work/modern-dev.conll"
"$build/scripts/newsdex-eval-ner" --dev "$work/modern-dev.conll" --speed-seconds 0 >"$work/scores.txt"
for type in PER ORG LOC; do
    want="$(awk -F'\t' -v t="$type" '!/^#/ && $7 == t' "$tsv" | wc -l)"
    got="$(awk -v t="$type" '$1 == t { print $2 }' "$work/scores.txt")"
    [ "$want" -eq "$got" ] || { echo "FAIL: $type: $want annotated, $got gold in the CoNLL file"; exit 1; }
done
echo "ok: modern dev set consistent; $(awk '$1 == "ALL" && $2 != "="' "$work/scores.txt")"
