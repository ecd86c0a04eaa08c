# shellcheck shell=bash
# Sourced after toolchain.sh. Installs the Yarn workspace's dependencies when the
# lockfile, a manifest or the Node version changed since the last install; otherwise
# returns at once.

mlops_install_deps() {
  local stamp="$MLOPS_ROOT/node_modules/.mlops-install-stamp" key
  key="$(cd "$MLOPS_ROOT" && { cat yarn.lock .yarnrc.yml package.json packages/*/package.json plugins/*/package.json; node -v; } | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
    return
  fi
  mlops_log "installing dependencies (yarn install --immutable; a cold install takes a few minutes)"
  (cd "$MLOPS_ROOT" && yarn install --immutable) ||
    mlops_die "yarn install failed; if you changed a package.json, run 'yarn install' once to update yarn.lock"
  # Native modules are built against the Node that runs them; a Node switch needs a rebuild.
  if ! (cd "$MLOPS_ROOT" && node -e "new (require('better-sqlite3'))(':memory:')" 2>/dev/null); then
    mlops_log "rebuilding native modules for Node $(node -v)"
    (cd "$MLOPS_ROOT" && yarn rebuild better-sqlite3) || mlops_die "could not rebuild better-sqlite3"
  fi
  echo "$key" >"$stamp"
}
