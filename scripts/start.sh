#!/usr/bin/env bash
# `./dev start`: the portal with its demo catalog, frontend on :3000, backend on :7007,
# and (when Go is available) the local dev cluster with the demo's models, runs and
# serving state. The cluster stops with the portal unless MLOPS_KEEP_CLUSTER=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$MLOPS_ROOT/scripts/lib/deps.sh"
source "$MLOPS_ROOT/scripts/lib/dev-cluster.sh"
cd "$MLOPS_ROOT"
mlops_toolchain
mlops_install_deps
mlops_dev_cluster

configs=(--config "$MLOPS_ROOT/app-config.yaml")
[ -n "$MLOPS_CLUSTER_CONFIG" ] && configs+=(--config "$MLOPS_CLUSTER_CONFIG")
# Your own overrides (e.g. a real cluster) last, as `yarn start` would load them.
[ -f "$MLOPS_ROOT/app-config.local.yaml" ] && configs+=(--config "$MLOPS_ROOT/app-config.local.yaml")

trap mlops_stop_dev_cluster EXIT
trap 'exit 130' INT TERM
mlops_log "starting the portal: http://localhost:3000 (backend http://localhost:7007)"
yarn start "${configs[@]}" "$@"
