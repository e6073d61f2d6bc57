#!/usr/bin/env bash
# Installs the Debian packages Newsdex needs to build, test and benchmark.
# Idempotent: quiet and quick when everything is already there.
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    clang clang-tidy clang-format   # test.sh's second compiler, the tidy test, format.sh
    libxapian-dev xapian-tools
    libboost-program-options-dev
    libicu-dev
    doctest-dev
    nlohmann-json3-dev
    zlib1g-dev
    libjemalloc-dev
    libgeonames-dev iso-codes
    sqlite3 gzip python3
    xapian-omega time
    strace
    fasttext                        # word vectors for the tagger's clusters (scripts/build-ner-clusters)
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
