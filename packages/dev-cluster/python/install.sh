#!/usr/bin/env bash
# Python environments of the dev cluster, installed from PyPI with pip on first need and
# cached under ${MLOPS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/backstage-mlops}/python,
# keyed by what they hold (a second call returns at once):
#   install.sh serving                 the model servers' environment (serving-requirements.txt)
#   install.sh image REQUIREMENTS.txt  what an S2I build of a project installs: the builder
#                                      image's packages (builder-base.txt) + the project's
#                                      requirements.txt
#   install.sh check                   exit 0 when python3 (3.9-3.12) and its venv module work
# The last stdout line is the environment's directory; pip's output goes to stderr.
# Exit 3: no usable python3. Exit 4: the requirements need torch and python3 has none.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${MLOPS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/backstage-mlops}/python"
python="${MLOPS_PYTHON:-python3}"

die() { echo "install.sh: $1" >&2; exit "${2:-1}"; }

check_python() {
  command -v "$python" >/dev/null 2>&1 || die "no $python on PATH: the dev cluster runs no notebook, Python step or model server without it" 3
  "$python" -c 'import sys, venv; sys.exit(0 if (3, 9) <= sys.version_info[:2] <= (3, 12) else 1)' 2>/dev/null ||
    die "$python $("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) is not 3.9-3.12 with venv (MLServer 1.7 needs it)" 3
}

# ensure KIND KEYFILES... -- REQUIREMENTS...: one venv per content key.
ensure() {
  local kind="$1" system_site="$2"
  shift 2
  local key dir
  key="$( { "$python" -c 'import sys; print(sys.version)'; echo "$kind $system_site"; cat "$@"; } | sha256sum | cut -c1-16)"
  dir="$cache/$kind-$key"
  if [[ -f "$dir/.complete" ]]; then
    echo "$dir"
    return
  fi
  mkdir -p "$cache"
  # One installer per environment; others wait for it.
  exec 9>"$dir.lock"
  flock 9
  if [[ -f "$dir/.complete" ]]; then
    echo "$dir"
    return
  fi
  rm -rf "$dir"
  local venv_args=()
  [[ "$system_site" == yes ]] && venv_args+=(--system-site-packages)
  echo "install.sh: creating $dir (pip install from PyPI; the first install downloads the wheels)" >&2
  "$python" -m venv "${venv_args[@]}" "$dir" >&2
  local reqs=()
  for f in "$@"; do reqs+=(-r "$f"); done
  local start=$SECONDS
  if ! "$dir/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off "${reqs[@]}" >&2; then
    rm -rf "$dir"
    die "pip install ${*} failed" 1
  fi
  echo "install.sh: installed in $((SECONDS - start))s" >&2
  touch "$dir/.complete"
  echo "$dir"
}

check_python
case "${1:-}" in
  check) exit 0 ;;
  serving) ensure serving no "$here/serving-requirements.txt" ;;
  image)
    requirements="${2:-}"
    [[ -f "$requirements" ]] || die "usage: install.sh image REQUIREMENTS.txt"
    system_site=no
    if grep -Eiq '^[[:space:]]*torch([[:space:]=<>!~;[]|$)' "$requirements"; then
      "$python" -c 'import torch' 2>/dev/null ||
        die "requirements.txt needs torch, which the dev cluster does not download (its CUDA wheels are ~2.5 GB): install torch into $python to build PyTorch projects" 4
      system_site=yes
    fi
    ensure image "$system_site" "$here/builder-base.txt" "$requirements"
    ;;
  *) sed -n '2,12s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
