# Sourced by deploy/backup.sh and deploy/restore.sh: where the event stores and the key store are,
# with whose credentials, and the PostgreSQL client tools. Expects die() from the caller.
# shellcheck shell=bash

ST_HOST="${PGHOST:-127.0.0.1}"
ST_PORT="${PGPORT:-${FIVESOC_PG_PORT:-55432}}"
ST_USER="${PGUSER:-postgres}"
ST_PASS="${PGPASSWORD:-postgres}"
K_HOST="${KEYS_PGHOST:-$ST_HOST}"
K_PORT="${KEYS_PGPORT:-$ST_PORT}"
K_USER="${KEYS_PGUSER:-fivesoc_keys}"
K_PASS="${KEYS_PGPASSWORD:-fivesoc-keys-local}"
PREFIX="${FIVESOC_DB_PREFIX:-fivesoc_}"
case "$PREFIX" in
  *[!a-z0-9_]*) die "FIVESOC_DB_PREFIX must be lower-case letters, digits and _ (got \"$PREFIX\")" ;;
esac
# shellcheck disable=SC2034 # used by the scripts that source this
STORES=(cases matching volunteers notifications)
# shellcheck disable=SC2034
KEYS_DB="${PREFIX}keys"

# pg_tool NAME: the highest installed /usr/lib/postgresql/*/bin/NAME (a dump needs a client at least
# as new as the server), else NAME on PATH.
pg_tool() {
  local bin found
  bin="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  if [ -n "$bin" ] && [ -x "$bin/$1" ]; then printf '%s\n' "$bin/$1"; return 0; fi
  found="$(command -v "$1" || true)"
  [ -n "$found" ] || die "$1 not found (neither under /usr/lib/postgresql/*/bin nor on PATH)"
  printf '%s\n' "$found"
}

# Runs a command with the event stores' / the key store's credentials.
as_stores() { PGHOST="$ST_HOST" PGPORT="$ST_PORT" PGUSER="$ST_USER" PGPASSWORD="$ST_PASS" "$@"; }
as_keys() { PGHOST="$K_HOST" PGPORT="$K_PORT" PGUSER="$K_USER" PGPASSWORD="$K_PASS" "$@"; }
