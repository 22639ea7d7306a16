#!/usr/bin/env bash
# Makes sure a Node.js recent enough for the web app's build (>= 20.19) is on PATH, installing one
# under .local/node from the npm registry when the machine's is missing or too old. Prints the
# PATH to use:   eval "$(deploy/node.sh)"
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_NODE="$REPO/.local/node"
log() { echo "$@" >&2; }

recent_enough() { # node binary
  local version; version="$("$1" --version 2>/dev/null | tr -d v)" || return 1
  local major="${version%%.*}" rest="${version#*.}"; local minor="${rest%%.*}"
  [ "$major" -gt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -ge 19 ]; }
}

if [ -x "$LOCAL_NODE/node_modules/.bin/node" ] && recent_enough "$LOCAL_NODE/node_modules/.bin/node"; then
  echo "export PATH=\"$LOCAL_NODE/node_modules/.bin:\$PATH\""; exit 0
fi
if command -v node >/dev/null && command -v npm >/dev/null && recent_enough "$(command -v node)"; then
  echo "export PATH=\"\$PATH\""; exit 0
fi
if ! command -v npm >/dev/null; then
  log "node: installing Debian's nodejs and npm (to fetch a recent Node from the npm registry)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >&2
fi
log "node: installing Node 22 under .local/node (npm package 'node')"
mkdir -p "$LOCAL_NODE"
npm install --prefix "$LOCAL_NODE" --no-audit --no-fund --loglevel=error node@22 >&2
recent_enough "$LOCAL_NODE/node_modules/.bin/node" || { log "node.sh: the installed Node is still too old"; exit 1; }
echo "export PATH=\"$LOCAL_NODE/node_modules/.bin:\$PATH\""
