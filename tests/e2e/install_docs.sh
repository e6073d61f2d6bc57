# Man pages and bash completion (issue 16): generated from the programs' option definitions at
# build time and installed by `cmake --install` under share/man/man1 and
# share/bash-completion/completions; installed here into a temporary prefix and checked
# against --help.
source "$(dirname "$0")/lib.sh"
: "${NEWSDEX_BUILD_DIR:?}"

prefix="$work/prefix"
run_status cmake --install "$NEWSDEX_BUILD_DIR" --prefix "$prefix"
expect_eq "$status" 0 "cmake --install into a temporary prefix ($out $err)"
for program in newsdex-search newsdex-index; do
    man="$prefix/share/man/man1/$program.1"
    completion="$prefix/share/bash-completion/completions/$program"
    [ -x "$prefix/bin/$program" ] || fail "$program not installed"
    [ -s "$man" ] || fail "no man page $man"
    [ -s "$completion" ] || fail "no bash completion $completion"
    help="$("$prefix/bin/$program" --help)"
    expect_not_contains "$help" "help-man" "$program --help (hidden options)"
    # Every option of --help is in the man page and in the completion.
    options="$(grep -oE '^  (-[a-zA-Z] \[ )?--[a-z][a-z-]*' <<<"$help" | grep -oE -- '--[a-z][a-z-]*' | sort -u)"
    [ "$(wc -l <<<"$options")" -ge 10 ] || fail "too few options read from --help: $options"
    while IFS= read -r option; do
        grep -qF -- "\\fB${option//-/\\-}\\fR" "$man" || fail "$program: $option missing from the man page"
        grep -qE -- "[\" ]$option[\" ]" "$completion" || fail "$program: $option missing from the completion"
    done <<<"$options"
    # The environment the page documents is what the program reads: NO_COLOR only with --color.
    if grep -qxF -- --color <<<"$options"; then
        grep -q 'NO_COLOR' "$man" || fail "$program: --color but no NO_COLOR in the man page"
    else
        expect_not_contains "$(cat "$man")" "NO_COLOR" "$program.1 (it has no --color)"
    fi
    grep -q '^\.TH NEWSDEX-' "$man" || fail "$program: no .TH line"
    if command -v groff >/dev/null; then
        # The page renders without a single groff warning, and reads like --help.
        run_status groff -man -ww -z "$man"
        expect_eq "$err" "" "groff warnings for $program.1"
        rendered="$(groff -man -Tutf8 -P-cbou "$man" 2>/dev/null)"
        expect_contains "$rendered" "SYNOPSIS" "$program.1 rendered"
        expect_contains "$rendered" "EXIT STATUS" "$program.1 rendered"
        expect_contains "$rendered" "--db" "$program.1 rendered"
    else
        echo "note: groff not installed; the man pages were checked as text only"
    fi
done
expect_contains "$(cat "$prefix/share/man/man1/newsdex-search.1")" '\fB\-n\fR, \fB\-\-limit\fR \fIN\fR' "the short option and value"

# complete PROGRAM WORD... : what the installed completion offers for the last word.
complete_words() {
    local program="$1"
    shift
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
             "_${COMP_WORDS[0]//-/_}" 2>/dev/null; [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$prefix/share/bash-completion/completions/$program" "$program" "$@" | sort | tr '\n' ' '
}
expect_eq "$(complete_words newsdex-search --fac)" "--facet-limit --facets " "search: --fac"
expect_eq "$(complete_words newsdex-search --facets act)" "actor " "search: --facets act"
expect_eq "$(complete_words newsdex-search --facets actor,lo)" "actor,location " "search: --facets actor,lo"
expect_eq "$(complete_words newsdex-search --related pe)" "person " "search: --related pe"
expect_eq "$(complete_words newsdex-search --values lo)" "location " "search: --values lo"
expect_eq "$(complete_words newsdex-search --color '')" "always auto never " "search: --color"
expect_eq "$(complete_words newsdex-search --format '')" "csv json jsonl text " "search: --format"
expect_eq "$(complete_words newsdex-search talks acto)" "actor: " "search: a field prefix"
expect_eq "$(complete_words newsdex-search talks lo)" "location: " "search: a field prefix"
expect_eq "$(complete_words newsdex-search --limit '')" "" "search: --limit takes a number"
mkdir -p "$work/files"
touch "$work/files/dump-a.jsonl" "$work/files/dump-b.jsonl"
expect_eq "$(complete_words newsdex-search --db "$work/files/dump-")" \
    "$work/files/dump-a.jsonl $work/files/dump-b.jsonl " "search: --db completes paths"
expect_eq "$(complete_words newsdex-index --shard-by '')" "month year " "index: --shard-by"
expect_eq "$(complete_words newsdex-index --format '')" "auto jsonl reuters text " "index: --format"
expect_eq "$(complete_words newsdex-index "$work/files/dump-")" \
    "$work/files/dump-a.jsonl $work/files/dump-b.jsonl " "index: inputs are files"
echo "ok"
