# The modern named-entity sets of issue 13, the held-out dev set (tests/data/eval/modern-dev.tsv)
# and the tuning set (modern-tune.tsv): every annotated span still lies inside its sentence on
# token boundaries, scripts/modern-dev still cuts tokens as the tagger does, the checker catches
# a broken span, the CoNLL file the evaluator scores keeps every annotated entity, the tuning
# set's two halves (--half 1|2) split its articles, and the two sets share no sentence. Quality is not asserted here; scripts/eval-entities modern_dev
# (modern_tune) reports it.
set -euo pipefail
if [ ! -d "$NEWSDEX_SHARED_DATA/bbc" ] || [ ! -d "$NEWSDEX_SHARED_DATA/reuters-financial-news" ]; then
    echo "skipped: $NEWSDEX_SHARED_DATA/{bbc,reuters-financial-news} not found (../shared/data is not part of a fresh clone)"
    exit 77
fi
repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "$(dirname "$NEWSDEX_INDEX")/.." && pwd)"
work="$NEWSDEX_WORK/modern_dev"
rm -rf "$work"
mkdir -p "$work"
for tool in newsdex-tokenize newsdex-eval-ner; do
    [ -x "$build/scripts/$tool" ] || { echo "FAIL: $build/scripts/$tool not built"; exit 1; }
done

for set in dev tune; do
    tsv="$repo/tests/data/eval/modern-$set.tsv"
    "$repo/scripts/modern-dev" --set "$set" check --quiet --tokenizer "$build/scripts/newsdex-tokenize"

    # A span moved one code point into its first token must be caught.
    awk -F'\t' 'BEGIN { OFS = "\t" } !done && $1 == "financial" && $5 != "-" { $5 += 1; done = 1 } { print }' \
        "$tsv" >"$work/broken-$set.tsv"
    if "$repo/scripts/modern-dev" --set "$set" --annotations "$work/broken-$set.tsv" check --quiet \
        >"$work/broken-$set.out"; then
        echo "FAIL: $set: the checker accepted a span that splits a token"
        exit 1
    fi
    grep -q '^SPLITS-TOKEN' "$work/broken-$set.out" || { echo "FAIL: $set: no SPLITS-TOKEN report"; exit 1; }

    # The evaluator's gold counts equal the annotation file's, type by type.
    "$repo/scripts/modern-dev" --set "$set" conll "$work/modern-$set.conll"
    "$build/scripts/newsdex-eval-ner" --dev "$work/modern-$set.conll" --speed-seconds 0 >"$work/scores-$set.txt"
    for type in PER ORG LOC; do
        want="$(awk -F'\t' -v t="$type" '!/^#/ && $7 == t' "$tsv" | wc -l)"
        got="$(awk -v t="$type" '$1 == t { print $2 }' "$work/scores-$set.txt")"
        [ "$want" -eq "$got" ] || { echo "FAIL: $set: $type: $want annotated, $got gold in the CoNLL file"; exit 1; }
    done
    "$repo/scripts/modern-dev" --set "$set" sentences | cut -f5 | sort -u >"$work/sentences-$set.txt"
done

# The two halves of the tuning set (two-fold estimates) split its articles: every article once.
for half in 1 2; do
    "$repo/scripts/modern-dev" --set tune conll "$work/tune-half$half.conll" --half "$half"
done
[ "$(grep -c DOCSTART "$work/tune-half1.conll")" -gt 0 ] || { echo "FAIL: tuning half 1 is empty"; exit 1; }
cat "$work/tune-half1.conll" "$work/tune-half2.conll" | sort >"$work/halves.sorted"
sort "$work/modern-tune.conll" >"$work/whole.sorted"
cmp -s "$work/halves.sorted" "$work/whole.sorted" || { echo "FAIL: the tuning halves are not a split of the set"; exit 1; }
cmp -s "$work/tune-half1.conll" "$work/tune-half2.conll" && { echo "FAIL: the tuning halves are equal"; exit 1; }

# The tuning set must not hold a held-out sentence (the BBC folder has stories twice).
shared="$(comm -12 "$work/sentences-dev.txt" "$work/sentences-tune.txt" | wc -l)"
[ "$shared" -eq 0 ] || { echo "FAIL: $shared sentences in both the dev and the tuning set"; exit 1; }
echo "ok: modern dev and tuning sets consistent and disjoint; dev $(awk '$1 == "ALL" && $2 != "="' "$work/scores-dev.txt"); tune $(awk '$1 == "ALL" && $2 != "="' "$work/scores-tune.txt")"
