#!/usr/bin/env bash
# ASK CLI custom build flow (used instead of its python-pip flow): the CLI passes the
# path of the zip it will upload as $1 and a debug flag as $2. The artifact is built
# from the repository by infra/build.py, exactly as `make build` does.
set -euo pipefail
hooks_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$(dirname "$hooks_dir")")"
python="$repo/.venv/bin/python"
if [ ! -x "$python" ]; then
  echo "build.sh: $python not found; run 'make setup' first" >&2
  exit 1
fi
exec "$python" "$repo/infra/build.py" --output "$1"
