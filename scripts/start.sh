#!/usr/bin/env bash
# `./dev start`: the portal with its demo catalog, frontend on :3000, backend on :7007.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$MLOPS_ROOT/scripts/lib/deps.sh"
cd "$MLOPS_ROOT"
mlops_toolchain
mlops_install_deps

mlops_log "starting the portal: http://localhost:3000 (backend http://localhost:7007)"
exec yarn start "$@"
