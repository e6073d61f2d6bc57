# The README's sample output is what the programs print (issue 16): every ```console block of
# README.md is run on the sample corpus (NEWSDEX_DB = corpus/sample indexed, as
# scripts/run-sample.sh does) and its output compared line by line. A "$ " line is a command
# (bash, with newsdex-index and newsdex-search on the PATH); the lines after it, up to the next
# command or the end of the block, are what it prints on stdout. Timings ("0.6 ms") are not
# compared.
source "$(dirname "$0")/lib.sh"
readme="$(dirname "$0")/../../README.md"

bin="$work/bin"
mkdir -p "$bin"
ln -s "$NEWSDEX_INDEX" "$bin/newsdex-index"
ln -s "$NEWSDEX_SEARCH" "$bin/newsdex-search"
export NEWSDEX_DB="$work/sample.db"
"$NEWSDEX_INDEX" --db "$NEWSDEX_DB" -q "$NEWSDEX_SAMPLE" || fail "indexing the sample"

cd "$work"
PATH="$bin:$PATH" python3 - "$readme" <<'EOF' || fail "the README's examples differ from what the programs print (above)"
import re, subprocess, sys

def normal(text):
    text = re.sub(r"\b\d+(\.\d+)? ms\b", "N ms", text)
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]

blocks = re.findall(r"^```console\n(.*?)^```", open(sys.argv[1]).read(), re.M | re.S)
examples = []
for block in blocks:
    for part in re.split(r"^(?=\$ )", block, flags=re.M):
        if part.startswith("$ "):
            command, _, expected = part[2:].partition("\n")
            examples.append((command, expected))
if not examples:
    sys.exit("no ```console examples found in the README")
failed = 0
for command, expected in examples:
    got = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    if normal(got.stdout) != normal(expected):
        failed += 1
        print("README example differs: $ " + command)
        print("--- README\n" + expected + "--- printed\n" + got.stdout + "--- stderr\n" + got.stderr)
print("%d README examples checked, %d differ" % (len(examples), failed))
sys.exit(1 if failed else 0)
EOF
echo "ok"
