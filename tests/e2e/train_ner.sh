# The tagger's training command end to end on a tiny invented CoNLL file: newsdex-train-ner with
# epoch selection, a word-cluster table and the Gazetteer's name list writes a model that
# newsdex-eval-ner loads and that tags its own training sentences right; two runs give the same
# bytes (training is deterministic). A second --train file adds its documents to the first's.
source "$(dirname "$0")/lib.sh"
: "${NEWSDEX_BUILD_DIR:?}"
train="${NEWSDEX_BUILD_DIR}/scripts/newsdex-train-ner"
eval="${NEWSDEX_BUILD_DIR}/scripts/newsdex-eval-ner"
data="$(cd "$(dirname "$0")/../.." && pwd)/common/data"

sentence() {  # sentence WORD/TAG ... : one CoNLL sentence (IOB2)
    for pair in "$@"; do
        printf '%s X X %s\n' "${pair%/*}" "${pair##*/}"
    done
    printf '\n'
}
{
    for k in 1 2 3 4 5 6; do
        printf -- '-DOCSTART- -X- -X- O\n\n'
        sentence Anna/B-PER Berg/I-PER flew/O to/O Oslo/B-LOC ./O
        sentence Norsk/B-ORG Hydro/I-ORG hired/O Lars/B-PER Moen/I-PER in/O Bergen/B-LOC ./O
        sentence The/O Oslo/B-MISC Marathon/I-MISC starts/O today/O ./O
    done
} >"$work/tiny.conll"
printf '# word exchange fine mid coarse\nOslo\t0\t5\t2\t1\nBergen\t0\t5\t2\t1\nLars\t1\t7\t3\t0\n' \
    >"$work/clusters.tsv"

for run in 1 2; do
    run_status "$train" --train "$work/tiny.conll" --out "$work/model.$run" --select-epochs 3 \
        --holdout-every 3 --hash-bits 16 --clusters "$work/clusters.tsv" --names "$data"
    expect_eq "$status" 0 "newsdex-train-ner exit status ($err)"
    expect_contains "$err" "3 clustered words"
    expect_contains "$err" "listed names"
done
cmp -s "$work/model.1" "$work/model.2" || fail "two trainings gave different models"

run_status "$eval" --model "$work/model.1" --dev "$work/tiny.conll" --speed-seconds 0
expect_eq "$status" 0 "newsdex-eval-ner exit status ($err)"
expect_contains "$out" "ALL        30     30      30  1.0000  1.0000  1.0000"
expect_contains "$out" "MISC*       6      6       6  1.0000  1.0000  1.0000"
# Two training files: the documents of both are trained on, in the order given.
{
    printf -- '-DOCSTART- -X- -X- O\n\n'
    sentence Vestas/B-ORG hired/O Ida/B-PER Lund/I-PER in/O Aarhus/B-LOC ./O
} >"$work/more.conll"
run_status "$train" --train "$work/tiny.conll" --train "$work/more.conll" --out "$work/model.2f" \
    --epochs 3 --hash-bits 16
expect_eq "$status" 0 "newsdex-train-ner exit status with two files ($err)"
expect_contains "$err" "6 training documents from $work/tiny.conll"
expect_contains "$err" "1 training documents from $work/more.conll"
expect_contains "$err" "7 training documents"
run_status "$eval" --model "$work/model.2f" --dev "$work/more.conll" --speed-seconds 0
expect_contains "$out" "ALL         3      3       3  1.0000  1.0000  1.0000"
echo "ok"
