# Crash points (issue 18), the short version of scripts/crash-points: SIGKILL on entry to the
# first two calls of each file-system step (rename, renameat2, unlink, rmdir, mkdir, fdatasync,
# fsync) of a few nightly operations on a small dump; the same command run again must exit 0
# and keep every id. The long run over all nine operations is the script itself
# (docs/reliability.md).
source "$(dirname "$0")/lib.sh"
if ! command -v strace >/dev/null || ! command -v xapian-delve >/dev/null; then
    echo "skipped: needs strace and xapian-delve (scripts/setup.sh)"
    exit 77
fi
# strace needs ptrace, which some containers forbid.
strace -f -qq -o /dev/null true 2>/dev/null || { echo "skipped: strace cannot trace here"; exit 77; }
run_status python3 "$(dirname "$0")/../../scripts/crash-points" \
    --index "$NEWSDEX_INDEX" --search "$NEWSDEX_SEARCH" \
    --samples 2 --articles 60 --batch 20 --ops plain-new,plain-overwrite,bulk-new,shards-append,compact
echo "$out"
expect_eq "$status" 0 "crash points (a re-run was blocked or lost ids): $out $err"
echo "ok"
