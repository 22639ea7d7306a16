#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh, never rolling back the erasure log.
#
#   deploy/restore.sh DIR [--keys-from DIR] [--force]
#
# See usage() below, and docs/operations.md, "Backups and restore".
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<EOF
Usage: deploy/restore.sh DIR [--keys-from KEYSDIR] [--force]

Restores the backup in DIR (made by deploy/backup.sh). The services must be stopped.

  DIR                  the backup's directory (holds manifest and stores/)
  --keys-from KEYSDIR  where the key store's dump is; default DIR/keys
  --force              terminate other sessions on the databases instead of refusing
  -h, --help           this text

In order:
  1. checks the dumps against the manifest (size, sha256) and that pg_restore can read them;
  2. lists other sessions on the target databases and stops unless --force (then ends them);
  3. key store: replaces the schema "keys" (the per-person keys) by the backup's, in one
     transaction, and leaves the schema "erasures" (the erasure log) as it is: the log is never
     rolled back, and the services re-apply it at start, so a person erased after the backup
     stays erased. When the key store database or its "erasures" schema does not exist (a new
     server), it creates them and restores the log from the backup too, and says so;
  4. each event store: ends its sessions, drops the database, creates it again from template0
     (owned as before; a new one as at the backup when that role exists, else by PGUSER) and
     runs pg_restore --no-owner --exit-on-error into it, as the owner (--role) so that the
     restored objects belong to it.

Connection and names as deploy/backup.sh (libpq environment):
  event stores  PGHOST (127.0.0.1), PGPORT (\$FIVESOC_PG_PORT or 55432), PGUSER (postgres),
                PGPASSWORD (postgres)
  key store     KEYS_PGHOST, KEYS_PGPORT (default: the stores' host and port),
                KEYS_PGUSER (fivesoc_keys), KEYS_PGPASSWORD (fivesoc-keys-local)
  databases     FIVESOC_DB_PREFIX (fivesoc_): <prefix>cases, … <prefix>keys; a backup restores
                into these names whatever prefix it was taken with
  FIVESOC_PG_MAINTENANCE_DB (postgres): the database to connect to for drop and create
EOF
}

die() { printf 'restore.sh: error: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }

# ---------------------------------------------------------------- arguments

need_dir() { [ -n "$2" ] || die "$1 needs a directory"; }

DIR=""
KEYS_DIR=""
FORCE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --keys-from) need_dir "--keys-from" "${2:-}"; KEYS_DIR="$2"; shift 2 ;;
    --keys-from=*) KEYS_DIR="${1#--keys-from=}"; shift ;;
    --force) FORCE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option: $1" ;;
    *) [ -z "$DIR" ] || die "one backup directory only (got \"$DIR\" and \"$1\")"; DIR="$1"; shift ;;
  esac
done
[ -n "$DIR" ] || { usage >&2; die "which backup? give its directory"; }
[ -f "$DIR/manifest" ] || die "$DIR/manifest not found: not a complete backup of deploy/backup.sh"
DIR="$(cd "$DIR" && pwd)"
[ -n "$KEYS_DIR" ] || KEYS_DIR="$DIR/keys"
[ -d "$KEYS_DIR" ] || die "$KEYS_DIR not found: pass --keys-from with the directory of the keys' backup"
KEYS_DIR="$(cd "$KEYS_DIR" && pwd)"

# ---------------------------------------------------------------- settings

# shellcheck source=deploy/backup-settings.sh
. "$SCRIPT_DIR/backup-settings.sh"
MAINT_DB="${FIVESOC_PG_MAINTENANCE_DB:-postgres}"
PG_RESTORE="$(pg_tool pg_restore)"; PSQL="$(pg_tool psql)"

# sql stores|keys DB [NAME=VALUE…] < SQL: runs SQL (from stdin, so that :'NAME' and :"NAME" are
# interpolated) and prints rows unaligned, fields separated by a tab.
sql() {
  local who="$1" db="$2"; shift 2
  local vars=() v
  for v in "$@"; do vars+=(-v "$v"); done
  "as_$who" "$PSQL" -X -w -q -At -F $'\t' -v ON_ERROR_STOP=1 "${vars[@]}" -d "$db"
}

# ---------------------------------------------------------------- 1. the backup itself

declare -A FILE=() SUM=() BYTES=() FROM_DB=() FROM_OWNER=()
while read -r tag kind service db file bytes sum owner _; do
  [ "$tag" = dump ] || continue
  case "$kind" in
    store) FILE[$service]="$DIR/$file" ;;
    keys) FILE[$service]="$KEYS_DIR/$file" ;;
    *) die "manifest: unknown kind \"$kind\"" ;;
  esac
  SUM[$service]="$sum"; BYTES[$service]="$bytes"; FROM_DB[$service]="$db"; FROM_OWNER[$service]="$owner"
done <"$DIR/manifest"

for s in "${STORES[@]}" keys; do
  [ -n "${FILE[$s]:-}" ] || die "$DIR/manifest lists no dump of $s"
  f="${FILE[$s]}"
  if [ ! -f "$f" ]; then
    [ "$s" = keys ] && die "$f not found: pass --keys-from with the directory of the keys' backup"
    die "$f not found"
  fi
  if [ "$(stat -c %s "$f")" != "${BYTES[$s]}" ] || [ "$(sha256sum "$f" | cut -d' ' -f1)" != "${SUM[$s]}" ]; then
    die "$f: size or sha256 differs from $DIR/manifest (damaged, or from another backup)"
  fi
  "$PG_RESTORE" -l "$f" >/dev/null || die "$f: pg_restore cannot read it"
done
if [ -f "$KEYS_DIR/manifest" ]; then
  awk -v sum="${SUM[keys]}" '$1 == "dump" && $2 == "keys" && $7 == sum { found = 1 } END { exit !found }' \
    "$KEYS_DIR/manifest" \
    || die "$KEYS_DIR/manifest does not list the key store's dump that $DIR/manifest lists"
fi
say "backup $DIR: $(sed -n 's/^created_utc //p' "$DIR/manifest"), sha256 checked"

# ---------------------------------------------------------------- 2. connections and sessions

db_exists() {  # stores|keys DB: prints 1 or 0
  sql "$1" "$MAINT_DB" db="$2" <<<"select count(*) from pg_database where datname = :'db'"
}

# sessions stores|keys DB: other client sessions on DB, one per line.
sessions() {
  sql "$1" "$MAINT_DB" db="$2" <<'SQL'
select format('pid %s, user %s, application %s, from %s, since %s', pid, coalesce(usename, '?'),
              coalesce(nullif(application_name, ''), '-'), coalesce(host(client_addr), 'local socket'),
              to_char(backend_start, 'YYYY-MM-DD HH24:MI:SS TZ'))
from pg_stat_activity
where datname = :'db' and pid <> pg_backend_pid() and backend_type = 'client backend'
order by backend_start
SQL
}

terminate() {  # stores|keys DB
  sql "$1" "$MAINT_DB" db="$2" >/dev/null <<'SQL'
select pg_terminate_backend(pid) from pg_stat_activity
where datname = :'db' and pid <> pg_backend_pid() and backend_type = 'client backend'
SQL
}

sql stores "$MAINT_DB" <<<'select 1' >/dev/null \
  || die "cannot connect to the event stores' server ($ST_USER on $ST_HOST:$ST_PORT, database $MAINT_DB)"
sql keys "$MAINT_DB" <<<'select 1' >/dev/null \
  || die "cannot connect to the key store's server ($K_USER on $K_HOST:$K_PORT, database $MAINT_DB)"

busy=0
for s in "${STORES[@]}" keys; do
  who=stores; [ "$s" = keys ] && who=keys
  db="$PREFIX$s"
  [ "$(db_exists "$who" "$db")" = 1 ] || continue
  list="$(sessions "$who" "$db")"
  [ -n "$list" ] || continue
  busy=1
  printf '%s has other sessions:\n' "$db" >&2
  printf '%s\n' "$list" | sed 's/^/  /' >&2
done
if [ "$busy" -eq 1 ]; then
  [ "$FORCE" -eq 1 ] || die "stop the services first (or --force to end these sessions)"
  say "--force: ending those sessions"
fi

# ---------------------------------------------------------------- 3. the key store

kfile="${FILE[keys]}"
if [ "$(db_exists keys "$KEYS_DB")" = 1 ]; then
  terminate keys "$KEYS_DB" || die "$K_USER cannot end the sessions on $KEYS_DB; stop them and run again"
  has_log="$(sql keys "$KEYS_DB" <<<"select count(*) from pg_namespace where nspname = 'erasures'")"
else
  say "$KEYS_DB does not exist: creating it"
  if ! sql keys "$MAINT_DB" db="$KEYS_DB" <<<'create database :"db" template template0' >/dev/null 2>&1; then
    # The keys' role may not create databases; the stores' credentials may, on the same server.
    [ "$K_HOST:$K_PORT" = "$ST_HOST:$ST_PORT" ] \
      || die "$K_USER cannot create $KEYS_DB on $K_HOST:$K_PORT; create it (owned by $K_USER) and run again"
    sql stores "$MAINT_DB" db="$KEYS_DB" owner="$K_USER" \
      <<<'create database :"db" owner :"owner" template template0' >/dev/null \
      || die "cannot create $KEYS_DB; create it (owned by $K_USER) and run again"
  fi
  has_log=0
fi

# One transaction: the current keys go only if the backup's are in. COMMIT is sent only once
# pg_restore has written everything (psql --single-transaction would commit a truncated stream).
prologue="begin; set client_min_messages = warning; set lock_timeout = '30s';
drop schema if exists keys cascade;"
if [ "$has_log" = 1 ]; then
  # Everything but the erasure log: -N leaves out the objects in the schema "erasures", and the
  # list leaves out the schema itself (pg_restore -N does not: a schema has no schema).
  toc="$(mktemp)"
  trap 'rm -f "$toc"' EXIT
  "$PG_RESTORE" -l -N erasures "$kfile" \
    | grep -vE '^[0-9]+; [0-9]+ [0-9]+ [A-Z ]+ - (SCHEMA )?erasures( |$)' >"$toc"
  { printf '%s\n' "$prologue"; "$PG_RESTORE" --no-owner -N erasures -L "$toc" -f - "$kfile" && echo 'commit;'; } \
    | as_keys "$PSQL" -X -w -q -v ON_ERROR_STOP=1 -d "$KEYS_DB" >/dev/null \
    || die "restoring the keys into $KEYS_DB failed; nothing in it changed"
  say "$KEYS_DB: keys restored from ${kfile##*/}; the erasure log kept as it is"
else
  { printf '%s\n' "$prologue"; "$PG_RESTORE" --no-owner -f - "$kfile" && echo 'commit;'; } \
    | as_keys "$PSQL" -X -w -q -v ON_ERROR_STOP=1 -d "$KEYS_DB" >/dev/null \
    || die "restoring $KEYS_DB failed; nothing in it changed"
  say "$KEYS_DB had no erasure log (a new server): keys AND the erasure log restored from the backup;"
  say "  anyone erased after the backup was taken is not in it: erase them again"
fi

# ---------------------------------------------------------------- 4. the event stores

for s in "${STORES[@]}"; do
  db="$PREFIX$s"
  owner=""
  if [ "$(db_exists stores "$db")" = 1 ]; then
    owner="$(sql stores "$MAINT_DB" db="$db" \
      <<<"select pg_get_userbyid(datdba) from pg_database where datname = :'db'")"
    terminate stores "$db"
    sql stores "$MAINT_DB" db="$db" <<<'drop database :"db" with (force)' >/dev/null \
      || die "cannot drop $db"
  fi
  me="$(sql stores "$MAINT_DB" <<<'select current_user')"
  if [ -z "$owner" ]; then  # a new database: owned as at the backup when that role exists here
    owner="$me"
    if [ -n "${FROM_OWNER[$s]}" ] && [ "$(sql stores "$MAINT_DB" r="${FROM_OWNER[$s]}" \
         <<<"select count(*) from pg_roles where rolname = :'r'")" = 1 ]; then
      owner="${FROM_OWNER[$s]}"
    fi
  fi
  sql stores "$MAINT_DB" db="$db" owner="$owner" \
    <<<'create database :"db" owner :"owner" template template0' >/dev/null \
    || die "cannot create $db"
  # Objects belong to the database's owner (the services' role), not to whoever restores.
  role=(); [ "$owner" = "$me" ] || role=(--role="$owner")
  as_stores "$PG_RESTORE" -w --no-owner --exit-on-error "${role[@]}" -d "$db" "${FILE[$s]}" \
    || die "pg_restore into $db failed; $db is incomplete: fix the cause and run restore.sh again"
  from=""; [ "${FROM_DB[$s]}" = "$db" ] || from=" from the dump of ${FROM_DB[$s]}"
  say "$db: restored$from (owner $owner)"
done

# ---------------------------------------------------------------- done

n="$(sql keys "$KEYS_DB" <<<"select case when to_regclass('erasures.erased_subject') is null then -1
  else (select count(*) from erasures.erased_subject) end")"
if [ "$n" = -1 ]; then
  say "restored; WARNING: $KEYS_DB has no erasures.erased_subject table (no erasure log to re-apply)"
else
  say "restored; start the services — they re-apply the erasure log ($n subjects) at start"
fi
