#!/usr/bin/env bash
# `./dev test`: every test the project has, ending with "N passed, N failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$MLOPS_ROOT/scripts/lib/deps.sh"
cd "$MLOPS_ROOT"
mlops_toolchain
mlops_install_deps
exec node scripts/test-all.mjs "$@"
