#!/usr/bin/env bash
# `npm run notebook`: Jupyter in the project root with the project-local tslab kernel
# ("TypeScript (vecbt, tslab)", .jupyter/kernels/vecbt-ts). Nothing global is installed or changed:
# JUPYTER_PATH only adds this project's kernelspec for this process. Extra arguments go to Jupyter,
# e.g. `npm run notebook -- --no-browser --port 8899`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JUPYTER_PATH="$root/.jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export TZ="${TZ:-UTC}"

if [[ ! -x "$root/node_modules/.bin/tslab" ]]; then
  echo "notebook: node_modules/.bin/tslab is missing; run \`npm ci\` first" >&2
  exit 1
fi
# Jupyter refuses to run as root without --allow-root (containers often are root).
extra=()
[[ "$(id -u)" == 0 ]] && extra+=(--allow-root)
# Debian's jupyter-notebook lives in /usr/bin/python3; a pip install may be on PATH instead.
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import notebook' 2>/dev/null; then
    exec "$py" -m notebook --notebook-dir="$root" "${extra[@]}" "$@"
  fi
  if "$py" -c 'import jupyterlab' 2>/dev/null; then
    exec "$py" -m jupyterlab --notebook-dir="$root" "${extra[@]}" "$@"
  fi
done
cat >&2 <<'MSG'
notebook: Jupyter is not installed. Either
  sudo apt-get install jupyter-notebook python3-ipykernel     (Debian/Ubuntu)
or
  pip install notebook                                        (any Python 3)
then run `npm run notebook` again.
MSG
exit 1
