#!/usr/bin/env bash
# Project-local tslab kernel (used by .jupyter/kernels/vecbt-ts/kernel.json).
# Runs the project's own node_modules/.bin/tslab with the project root as working directory,
# whatever directory Jupyter was started from: tslab resolves `./src/index` against its cwd,
# so every notebook imports the public API as `./src/index`.
# tslab reports compile/runtime errors on its stderr; when VECBT_KERNEL_STDERR is set, that stream
# is also appended to that file so scripts/run_notebooks.py can print it next to the failing cell.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Directory imports (`'../indicators'` for `../indicators/index.ts`) need a small patch of tslab's in-memory
# module lookup; see scripts/tslab-preload.cjs.
export NODE_OPTIONS="${NODE_OPTIONS:-} --require $root/scripts/tslab-preload.cjs"
if [[ -n "${VECBT_KERNEL_STDERR:-}" ]]; then
  exec "$root/node_modules/.bin/tslab" kernel --config-path "$1" 2> >(tee -a "$VECBT_KERNEL_STDERR" >&2)
fi
exec "$root/node_modules/.bin/tslab" kernel --config-path "$1"
