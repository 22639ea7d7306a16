#!/usr/bin/env bash
# Backs up FiveSocieties' databases: one pg_dump (custom format) per event store and one of the
# key store, kept apart.
#
#   deploy/backup.sh [--to DIR] [--keys-to DIR]
#
# See usage() below, and docs/operations.md, "Backups and restore".
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"

usage() {
  cat <<EOF
Usage: deploy/backup.sh [--to DIR] [--keys-to DIR]

Dumps (pg_dump -Fc) each event store into DIR/stores/<db>.dump and the key store into
KEYSDIR/<db>.dump, writes DIR/manifest (UTC time, databases and owners, pg_dump version, sizes,
sha256; KEYSDIR/manifest repeats the key store's line) and prints DIR as its last line.

  --to DIR       where to write (must be empty or absent);
                 default <repo>/.local/backups/<UTC yyyyMMddTHHmmssZ>
  --keys-to DIR  where to write the key store's dump; default DIR/keys.
                 Keep the keys' backup apart from the stores' (other media, other
                 credentials): the personal data in the event stores is sealed with the
                 per-person keys, so a backup of the event stores alone holds only
                 ciphertext, and whoever gets it without the keys' backup reads nothing
                 personal. Use one directory per backup (an existing dump is never overwritten).
  -h, --help     this text

The event stores are dumped first and the key store last, so every key that sealed something in
the stores' dumps is in the keys' dump. Each dump is consistent in itself; the five are taken one
after another, not at one instant.

Connection (libpq environment):
  event stores  PGHOST (127.0.0.1), PGPORT (\$FIVESOC_PG_PORT or 55432), PGUSER (postgres),
                PGPASSWORD (postgres)
  key store     KEYS_PGHOST, KEYS_PGPORT (default: the stores' host and port),
                KEYS_PGUSER (fivesoc_keys), KEYS_PGPASSWORD (fivesoc-keys-local)
  databases     FIVESOC_DB_PREFIX (fivesoc_): <prefix>cases, <prefix>matching,
                <prefix>volunteers, <prefix>notifications and the key store <prefix>keys.
                Every one must exist.
Tools: the highest /usr/lib/postgresql/*/bin, else PATH; pg_dump must be at least the servers'
major version.
EOF
}

die() { printf 'backup.sh: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- arguments

need_dir() { [ -n "$2" ] || die "$1 needs a directory"; }

OUT=""
KEYS_OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --to) need_dir "--to" "${2:-}"; OUT="$2"; shift 2 ;;
    --to=*) OUT="${1#--to=}"; shift ;;
    --keys-to) need_dir "--keys-to" "${2:-}"; KEYS_OUT="$2"; shift 2 ;;
    --keys-to=*) KEYS_OUT="${1#--keys-to=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

# ---------------------------------------------------------------- settings

# shellcheck source=deploy/backup-settings.sh
. "$SCRIPT_DIR/backup-settings.sh"
PG_DUMP="$(pg_tool pg_dump)"; PSQL="$(pg_tool psql)"

# server_major stores|keys DB WHERE: the server's major version, after making sure DB exists and
# answers (WHERE names the user and server in messages).
server_major() {
  local who="$1" db="$2" where="$3" out
  if ! out="$("as_$who" "$PSQL" -X -w -q -At -d "$db" -c 'show server_version_num' 2>&1)"; then
    case "$out" in
      *"database \"$db\" does not exist"*) die "database $db does not exist ($where)" ;;
      *) die "cannot connect to $db ($where): $out" ;;
    esac
  fi
  printf '%s\n' "$(( out / 10000 ))"
}

human() { numfmt --to=iec-i --suffix=B "$1" 2>/dev/null || printf '%s B' "$1"; }

# ---------------------------------------------------------------- checks

DUMP_VERSION="$("$PG_DUMP" --version)"
DUMP_MAJOR="$(printf '%s\n' "$DUMP_VERSION" | sed -E 's/^[^0-9]*([0-9]+).*/\1/')"

declare -A MAJOR=()
for s in "${STORES[@]}"; do
  MAJOR[$s]="$(server_major stores "$PREFIX$s" "event store, $ST_USER on $ST_HOST:$ST_PORT")"
done
MAJOR[keys]="$(server_major keys "$KEYS_DB" "key store, $K_USER on $K_HOST:$K_PORT")"
for s in "${!MAJOR[@]}"; do
  [ "${MAJOR[$s]}" -le "$DUMP_MAJOR" ] \
    || die "$PREFIX$s is on PostgreSQL ${MAJOR[$s]} but $PG_DUMP is $DUMP_MAJOR; install a pg_dump of at least ${MAJOR[$s]}"
done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
[ -n "$OUT" ] || OUT="$REPO/.local/backups/$STAMP"
[ -n "$KEYS_OUT" ] || KEYS_OUT="$OUT/keys"
if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then
  die "$OUT is not empty; choose another directory"
fi
for f in "$KEYS_OUT/$KEYS_DB.dump" "$KEYS_OUT/manifest"; do
  [ ! -e "$f" ] || die "$f already exists; choose another --keys-to (one directory per backup)"
done

umask 077   # the dumps hold personal data (sealed) and the keys that open it
mkdir -p "$OUT/stores" "$KEYS_OUT"
OUT="$(cd "$OUT" && pwd)"
KEYS_OUT="$(cd "$KEYS_OUT" && pwd)"

DONE=0
trap '[ "$DONE" -eq 1 ] || printf "backup.sh: incomplete backup left in %s (no manifest: restore.sh refuses it)\n" "$OUT" >&2' EXIT

# ---------------------------------------------------------------- dumps

LINES=()
record() {  # KIND SERVICE DB FILE(relative) PATH
  local kind="$1" service="$2" db="$3" rel="$4" path="$5" bytes sum owner who=stores
  [ "$kind" = keys ] && who=keys
  bytes="$(stat -c %s "$path")"
  sum="$(sha256sum "$path" | cut -d' ' -f1)"
  owner="$("as_$who" "$PSQL" -X -w -q -At -d "$db" \
    -c 'select pg_get_userbyid(datdba) from pg_database where datname = current_database()')"
  LINES+=("dump $kind $service $db $rel $bytes $sum $owner")
  printf '%-24s %10s  %s\n' "$db" "$(human "$bytes")" "$path"
}

for s in "${STORES[@]}"; do
  db="$PREFIX$s"
  as_stores "$PG_DUMP" -w -Fc -d "$db" -f "$OUT/stores/$db.dump" || die "pg_dump of $db failed"
  record store "$s" "$db" "stores/$db.dump" "$OUT/stores/$db.dump"
done
# The key store last: see usage().
as_keys "$PG_DUMP" -w -Fc -d "$KEYS_DB" -f "$KEYS_OUT/$KEYS_DB.dump" || die "pg_dump of $KEYS_DB failed"
record keys keys "$KEYS_DB" "$KEYS_DB.dump" "$KEYS_OUT/$KEYS_DB.dump"

# ---------------------------------------------------------------- manifest

header() {
  printf '# FiveSocieties backup (deploy/backup.sh); restore with deploy/restore.sh\n'
  printf 'created_utc %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'pg_dump %s\n' "$DUMP_VERSION"
  printf 'stores_server %s:%s user %s major %s\n' "$ST_HOST" "$ST_PORT" "$ST_USER" "${MAJOR[cases]}"
  printf 'keys_server %s:%s user %s major %s\n' "$K_HOST" "$K_PORT" "$K_USER" "${MAJOR[keys]}"
  printf 'keys_dir %s\n' "$KEYS_OUT"
  printf '# dump KIND SERVICE DATABASE FILE BYTES SHA256 OWNER (a store FILE is relative to this directory,\n'
  printf '# the keys FILE to keys_dir)\n'
}
{ header; printf '%s\n' "${LINES[@]}"; } >"$OUT/manifest"
{ header; printf '%s\n' "${LINES[-1]}"; } >"$KEYS_OUT/manifest"

DONE=1
printf '%s\n' "$OUT"
