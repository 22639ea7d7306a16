#!/usr/bin/env bash
# Private local PostgreSQL + RabbitMQ for development and tests.
#
#   deploy/servers.sh [start]   install what is missing, start both (idempotent)
#   deploy/servers.sh stop      stop both cleanly (idempotent)
#   deploy/servers.sh status    print state; exit 0 when both run, 3 otherwise
#   deploy/servers.sh env       print export lines for the .NET services:
#                                 eval "$(deploy/servers.sh env)"
#
# Never uses the system services: private instances with their data under <repo>/.local/
# (git-ignored). Ports (override with env):
#   FIVESOC_PG_PORT=55432  FIVESOC_AMQP_PORT=55672  FIVESOC_RABBIT_MGMT_PORT=55680
#   FIVESOC_RABBIT_DIST_PORT=55673  FIVESOC_EPMD_PORT=54369
# Runs as root (servers run as the `postgres` / `rabbitmq` users via runuser) or as a normal
# user (servers run as that user; sudo is used only for apt-get).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
LOCAL="$REPO/.local"
REPO_HASH="$(printf '%s' "$REPO" | sha1sum | cut -c1-12)"

PG_PORT="${FIVESOC_PG_PORT:-55432}"
AMQP_PORT="${FIVESOC_AMQP_PORT:-55672}"
MGMT_PORT="${FIVESOC_RABBIT_MGMT_PORT:-55680}"
DIST_PORT="${FIVESOC_RABBIT_DIST_PORT:-55673}"
EPMD_PORT="${FIVESOC_EPMD_PORT:-54369}"
# CLI tools (rabbitmqctl) open their own distribution listener (3.10 default 35672-35682;
# some versions derive DIST_PORT+10000, > 65535 here). Pin a private range.
CTL_DIST_MIN="${FIVESOC_RABBIT_CTL_DIST_PORT_MIN:-55690}"
CTL_DIST_MAX="${FIVESOC_RABBIT_CTL_DIST_PORT_MAX:-55699}"
for _p in "$PG_PORT" "$AMQP_PORT" "$MGMT_PORT" "$DIST_PORT" "$EPMD_PORT" "$CTL_DIST_MIN" "$CTL_DIST_MAX"; do
  case "$_p" in ''|*[!0-9]*) printf 'servers.sh: error: invalid port "%s"\n' "$_p" >&2; exit 1;; esac
  [ "$_p" -ge 1 ] && [ "$_p" -le 65535 ] || { printf 'servers.sh: error: invalid port "%s"\n' "$_p" >&2; exit 1; }
done
RMQ_NODENAME="fivesoc@localhost"
RMQ_SBIN_DEFAULT=/usr/lib/rabbitmq/bin

log() { printf '%s\n' "$*"; }
die() { printf 'servers.sh: error: %s\n' "$*" >&2; exit 1; }

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

# ---------------------------------------------------------------- helpers

# as_user USER CMD...: run CMD as USER when we are root; directly otherwise.
as_user() {
  local u="$1"; shift
  if [ "$IS_ROOT" -eq 1 ]; then runuser -u "$u" -- "$@"; else "$@"; fi
}

ensure_gitignore() {
  local gi="$REPO/.gitignore"
  if [ ! -f "$gi" ] || ! grep -qxE '/?\.local/?' "$gi"; then
    # keep existing lines; add a newline first if the file does not end with one
    if [ -s "$gi" ] && [ -n "$(tail -c1 "$gi")" ]; then printf '\n' >>"$gi"; fi
    printf '.local/\n' >>"$gi"
  fi
}

apt_install() {
  local pkgs=("$@")
  local sudo=()
  if [ "$IS_ROOT" -ne 1 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to install: ${pkgs[*]}"
    sudo=(sudo)
  fi
  local p need_update=0
  for p in "${pkgs[@]}"; do
    if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then need_update=1; fi
  done
  if [ "$need_update" -eq 1 ]; then
    log "apt: updating package lists"
    "${sudo[@]}" apt-get update -qq >/dev/null || die "apt-get update failed"
  fi
  log "apt: installing ${pkgs[*]} (takes a while the first time)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" </dev/null >/dev/null \
    || die "apt-get install ${pkgs[*]} failed"
}

pg_bindir_for() {  # highest installed version, or the version given as $1
  local d
  if [ -n "${1:-}" ]; then
    d="/usr/lib/postgresql/$1/bin"; [ -x "$d/initdb" ] && { printf '%s\n' "$d"; return 0; }
    return 1
  fi
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  [ -n "$d" ] && [ -x "$d/initdb" ] && { printf '%s\n' "$d"; return 0; }
  return 1
}

find_rabbit_sbin() {
  if [ -x "$RMQ_SBIN_DEFAULT/rabbitmq-server" ]; then printf '%s\n' "$RMQ_SBIN_DEFAULT"; return 0; fi
  local f
  f="$(ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin/rabbitmq-server 2>/dev/null | sort -V | tail -n1 || true)"
  [ -n "$f" ] && { dirname "$f"; return 0; }
  return 1
}

ensure_packages() {
  local missing=()
  pg_bindir_for >/dev/null || missing+=(postgresql)
  find_rabbit_sbin >/dev/null || missing+=(rabbitmq-server)
  [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
  pg_bindir_for >/dev/null || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"
  find_rabbit_sbin >/dev/null || die "rabbitmq-server not found under /usr/lib/rabbitmq"
}

# base_dir NAME USER: <repo>/.local/NAME if USER can reach it, else /tmp/fivesoc-NAME-<hash>.
base_dir() {
  local name="$1" user="$2"
  local probe="$LOCAL"; [ -d "$probe" ] || probe="$REPO"
  if [ "$IS_ROOT" -ne 1 ] || runuser -u "$user" -- test -x "$probe" 2>/dev/null; then
    printf '%s\n' "$LOCAL/$name"
  else
    printf '%s\n' "/tmp/fivesoc-$name-$REPO_HASH"
  fi
}

# prepare_dir DIR USER: create DIR (mode 700) owned by USER; refuse a foreign existing /tmp dir.
prepare_dir() {
  local d="$1" user="$2"
  if [ -e "$d" ] && [ "$IS_ROOT" -eq 1 ]; then
    local owner; owner="$(stat -c %U "$d")"
    case "$d" in /tmp/*) [ "$owner" = "$user" ] || die "$d exists but belongs to $owner";; esac
  fi
  mkdir -p "$d"
  if [ "$IS_ROOT" -eq 1 ]; then chown "$user:" "$d"; fi
  chmod 700 "$d"
}

port_listening() {  # something listens on TCP port $1 (ss if present, else a connect probe)
  if command -v ss >/dev/null 2>&1; then
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# ---------------------------------------------------------------- PostgreSQL

pg_setup_paths() {
  PG_USER=postgres; [ "$IS_ROOT" -eq 1 ] || PG_USER="$(id -un)"
  PG_BASE="$(base_dir postgres "$PG_USER")"
  PG_DATA="$PG_BASE/data"
  PG_LOG="$PG_BASE/postgresql.log"
  PG_SOCK="$PG_BASE/run"
  # unix socket paths are limited to 107 bytes
  if [ "$(( ${#PG_SOCK} + 20 ))" -gt 100 ]; then PG_SOCK="/tmp/fivesoc-pgsock-$REPO_HASH"; fi
  PG_BIN=""
  if [ -f "$PG_DATA/PG_VERSION" ]; then
    local v; v="$(cat "$PG_DATA/PG_VERSION")"
    PG_BIN="$(pg_bindir_for "$v")" \
      || die "data dir $PG_DATA is PostgreSQL $v but /usr/lib/postgresql/$v/bin is missing"
  else
    PG_BIN="$(pg_bindir_for || true)"
  fi
}

pg_running() {  # postmaster up per pg_ctl, and answering on our port
  [ -f "$PG_DATA/postmaster.pid" ] || return 1
  as_user "$PG_USER" "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1 || return 1
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 5 >/dev/null 2>&1
}

pg_clear_stale_pid() {
  local pidf="$PG_DATA/postmaster.pid"
  [ -f "$pidf" ] || return 0
  local pid; pid="$(head -n1 "$pidf" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ -d "/proc/$pid" ] && grep -qa postgres "/proc/$pid/cmdline" 2>/dev/null; then
    # a postgres process owns it: starting or shutting down. Let pg_ctl decide.
    return 0
  fi
  log "postgresql: removing stale postmaster.pid (pid ${pid:-?} is not a running postgres)"
  rm -f "$pidf"
}

pg_initdb() {
  log "postgresql: initdb in $PG_DATA"
  local tmp="$PG_DATA.init" pw="$PG_BASE/.pwfile"
  rm -rf "$tmp"
  prepare_dir "$tmp" "$PG_USER"
  (umask 077; printf 'postgres\n' >"$pw")
  if [ "$IS_ROOT" -eq 1 ]; then chown "$PG_USER:" "$pw"; fi
  local locale=C
  locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' && locale=C.UTF-8
  # superuser `postgres` with password `postgres`; trust on the local socket and loopback TCP
  if ! (cd / && as_user "$PG_USER" "$PG_BIN/initdb" -D "$tmp" -U postgres --pwfile="$pw" \
        --auth=trust -E UTF8 --locale="$locale" >"$PG_BASE/initdb.log" 2>&1); then
    rm -f "$pw"; cat "$PG_BASE/initdb.log" >&2; die "initdb failed"
  fi
  rm -f "$pw"
  if [ -e "$PG_DATA" ]; then   # leftover without PG_VERSION: keep it aside, never delete data
    log "postgresql: moving unusable $PG_DATA aside"
    mv "$PG_DATA" "$PG_DATA.broken-$(date +%Y%m%d%H%M%S)"
  fi
  mv "$tmp" "$PG_DATA"   # atomic: a half-done initdb never looks like a data dir
}

pg_start() {
  pg_setup_paths
  [ -n "$PG_BIN" ] || die "PostgreSQL binaries not found"
  if pg_running; then
    log "postgresql: already running on 127.0.0.1:$PG_PORT"
    return 0
  fi
  prepare_dir "$PG_BASE" "$PG_USER"
  [ -f "$PG_DATA/PG_VERSION" ] || pg_initdb
  prepare_dir "$PG_SOCK" "$PG_USER"
  touch "$PG_LOG"
  if [ "$IS_ROOT" -eq 1 ]; then chown "$PG_USER:" "$PG_LOG"; fi
  pg_clear_stale_pid
  if port_listening "$PG_PORT"; then
    die "postgresql: port $PG_PORT is already used by another process (set FIVESOC_PG_PORT)"
  fi
  printf 'postgresql: starting on 127.0.0.1:%s … ' "$PG_PORT"
  local t0=$SECONDS
  # 9>&- : do not let the server inherit our lock file descriptor
  if ! (cd / && as_user "$PG_USER" "$PG_BIN/pg_ctl" start -w -t 120 -D "$PG_DATA" -l "$PG_LOG" \
        -o "-p $PG_PORT -k $PG_SOCK -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on -c shared_buffers=256MB" \
        </dev/null >/dev/null 2>&1 9>&-); then
    printf 'FAILED\n'; tail -n 20 "$PG_LOG" >&2 || true; die "postgresql did not start (log: $PG_LOG)"
  fi
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 30 \
    || { printf 'FAILED\n'; die "postgresql not accepting connections (log: $PG_LOG)"; }
  printf 'ready (%ss)\n' "$((SECONDS - t0))"
}

# The key store (BuildingBlocks/Privacy/KeyStore.cs) has its own role and database, so that the
# per-person keys are read with other credentials than the events they seal. Idempotent.
pg_ensure_key_store() {
  local psql=(env PGPASSWORD=postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
  "${psql[@]}" -c "do \$\$ begin
      if not exists (select 1 from pg_roles where rolname = 'fivesoc_keys') then
        create role fivesoc_keys login password 'fivesoc-keys-local';
      end if; end \$\$;" >/dev/null || die "postgresql: could not create the key store's role"
  if [ -z "$("${psql[@]}" -tAc "select 1 from pg_database where datname = 'fivesoc_keys'")" ]; then
    "${psql[@]}" -c "create database fivesoc_keys owner fivesoc_keys" >/dev/null || die "postgresql: could not create the key store's database"
  fi
}

pg_stop() {
  pg_setup_paths
  if [ -z "$PG_BIN" ] || [ ! -f "$PG_DATA/postmaster.pid" ]; then
    log "postgresql: not running"; return 0
  fi
  if ! as_user "$PG_USER" "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; then
    pg_clear_stale_pid; log "postgresql: not running"; return 0
  fi
  printf 'postgresql: stopping … '
  if (cd / && as_user "$PG_USER" "$PG_BIN/pg_ctl" stop -m fast -w -t 60 -D "$PG_DATA" >/dev/null 2>&1); then
    printf 'stopped\n'
  else
    printf 'FAILED\n'; die "pg_ctl stop failed (log: $PG_LOG)"
  fi
}

pg_status() {
  pg_setup_paths
  if [ -n "$PG_BIN" ] && pg_running; then
    log "postgresql: running on 127.0.0.1:$PG_PORT (pid $(head -n1 "$PG_DATA/postmaster.pid"), data $PG_DATA)"
    return 0
  fi
  log "postgresql: stopped (data $PG_DATA)"
  return 1
}

# ---------------------------------------------------------------- RabbitMQ

rmq_setup_paths() {
  RMQ_USER=rabbitmq; [ "$IS_ROOT" -eq 1 ] || RMQ_USER="$(id -un)"
  RMQ_BASE="$(base_dir rabbitmq "$RMQ_USER")"
  RMQ_HOME="$RMQ_BASE/home"
  RMQ_PID="$RMQ_BASE/rabbitmq.pid"
  RMQ_OUT="$RMQ_BASE/server.out"
  RMQ_SBIN="$(find_rabbit_sbin || true)"
  RMQ_ENV=(
    "HOME=$RMQ_HOME"
    "RABBITMQ_NODENAME=$RMQ_NODENAME"
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
    "RABBITMQ_NODE_PORT=$AMQP_PORT"
    "RABBITMQ_DIST_PORT=$DIST_PORT"
    "RABBITMQ_CTL_DIST_PORT_MIN=$CTL_DIST_MIN"
    "RABBITMQ_CTL_DIST_PORT_MAX=$CTL_DIST_MAX"
    "ERL_EPMD_PORT=$EPMD_PORT"
    "ERL_EPMD_ADDRESS=127.0.0.1"
    "RABBITMQ_MNESIA_BASE=$RMQ_BASE/mnesia"
    "RABBITMQ_LOG_BASE=$RMQ_BASE/log"
    "RABBITMQ_CONFIG_FILE=$RMQ_BASE/rabbitmq.conf"
    "RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_BASE/advanced.config"
    "RABBITMQ_CONF_ENV_FILE=$RMQ_BASE/rabbitmq-env.conf"
    "RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_BASE/enabled_plugins"
    "RABBITMQ_PID_FILE=$RMQ_PID"
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
    "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  )
}

rmq_as() {  # run a RabbitMQ tool as the broker user with the broker's environment
  (cd "$RMQ_BASE" 2>/dev/null || cd /; as_user "$RMQ_USER" env "${RMQ_ENV[@]}" "$@")
}
rmqctl() { rmq_as "$RMQ_SBIN/rabbitmqctl" "$@"; }

rmq_pid_alive() {  # pid file names a live beam process of our node
  [ -f "$RMQ_PID" ] || return 1
  local pid; pid="$(tr -dc '0-9' <"$RMQ_PID" 2>/dev/null || true)"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  case "$(cat "/proc/$pid/comm" 2>/dev/null)" in beam*) ;; *) return 1;; esac
  # the node name is not on beam's command line; its environment names our pid file
  if [ -r "/proc/$pid/environ" ]; then
    tr '\0' '\n' <"/proc/$pid/environ" | grep -qxF "RABBITMQ_PID_FILE=$RMQ_PID" || return 1
  fi
  RMQ_PIDNUM="$pid"
}

rmq_write_config() {
  prepare_dir "$RMQ_BASE" "$RMQ_USER"
  chmod 755 "$RMQ_BASE"  # readable config; data dirs below stay private
  local d
  for d in "$RMQ_HOME" "$RMQ_BASE/mnesia" "$RMQ_BASE/log"; do prepare_dir "$d" "$RMQ_USER"; done
  cat >"$RMQ_BASE/rabbitmq.conf" <<EOF
# generated by deploy/servers.sh — private development broker
loopback_users = none
default_user = guest
default_pass = guest
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
# Quorum queues keep their write-ahead log in memory until it reaches this size (512 MB by
# default): on one small server that was the broker's largest use of memory (docs/benchmarks.md).
raft.wal_max_size_bytes = 33554432
EOF
  printf '[rabbitmq_management].\n' >"$RMQ_BASE/enabled_plugins"
  : >"$RMQ_BASE/rabbitmq-env.conf"   # shadow /etc/rabbitmq/rabbitmq-env.conf
  local f
  for f in rabbitmq.conf enabled_plugins rabbitmq-env.conf; do
    if [ "$IS_ROOT" -eq 1 ]; then chown "$RMQ_USER:" "$RMQ_BASE/$f"; fi
    chmod 644 "$RMQ_BASE/$f"
  done
  local cookie="$RMQ_HOME/.erlang.cookie"
  if [ ! -s "$cookie" ]; then
    rm -f "$cookie"
    (umask 077; od -An -N16 -tx1 /dev/urandom | tr -d ' \n' | tr 'a-f' 'A-F' >"$cookie")
  fi
  if [ "$IS_ROOT" -eq 1 ]; then chown "$RMQ_USER:" "$cookie"; fi
  chmod 400 "$cookie"
}

rmq_start() {
  rmq_setup_paths
  [ -n "$RMQ_SBIN" ] || die "rabbitmq-server not found"
  rmq_write_config
  if rmq_pid_alive; then
    printf 'rabbitmq: already running (pid %s), checking … ' "$RMQ_PIDNUM"
    if rmqctl wait --timeout 120 "$RMQ_PID" >/dev/null 2>&1; then
      printf 'ready on 127.0.0.1:%s\n' "$AMQP_PORT"; return 0
    fi
    printf 'not responding\n'
    die "rabbitmq pid $RMQ_PIDNUM is alive but not ready; run '$0 stop' (log: $RMQ_BASE/log)"
  fi
  if [ -f "$RMQ_PID" ]; then log "rabbitmq: removing stale pid file"; rm -f "$RMQ_PID"; fi
  local p
  for p in "$AMQP_PORT" "$DIST_PORT" "$MGMT_PORT"; do
    port_listening "$p" && die "rabbitmq: port $p is already used by another process"
  done
  printf 'rabbitmq: starting on 127.0.0.1:%s (management http://127.0.0.1:%s) … ' "$AMQP_PORT" "$MGMT_PORT"
  local t0=$SECONDS
  : >"$RMQ_OUT"
  # Detached in its own session, no inherited stdio (an inherited stdout hangs calling
  # pipelines) and no inherited lock fd. epmd, if started by it, inherits ERL_EPMD_PORT.
  local launch=(env "${RMQ_ENV[@]}" "$RMQ_SBIN/rabbitmq-server")
  if [ "$IS_ROOT" -eq 1 ]; then launch=(runuser -u "$RMQ_USER" -- "${launch[@]}"); fi
  (cd "$RMQ_BASE" && exec setsid "${launch[@]}" </dev/null >>"$RMQ_OUT" 2>&1 9>&-) &
  local launcher=$!
  # readiness: rabbitmqctl wait (boot complete); fail fast if the server process exits
  rmqctl wait --timeout 120 "$RMQ_PID" </dev/null >"$RMQ_BASE/wait.out" 2>&1 9>&- &
  local waiter=$!
  while kill -0 "$waiter" 2>/dev/null; do
    if ! kill -0 "$launcher" 2>/dev/null; then
      kill "$waiter" 2>/dev/null || true; wait "$waiter" 2>/dev/null || true
      printf 'FAILED\n'; tail -n 30 "$RMQ_OUT" >&2 || true
      die "rabbitmq-server exited during start (see $RMQ_OUT and $RMQ_BASE/log)"
    fi
    sleep 0.2   # polling the two child processes, not guessing readiness
  done
  if ! wait "$waiter"; then
    printf 'FAILED\n'; cat "$RMQ_BASE/wait.out" >&2 || true; tail -n 30 "$RMQ_OUT" >&2 || true
    die "rabbitmq did not become ready within 120 s (see $RMQ_BASE/log)"
  fi
  printf 'ready (%ss)\n' "$((SECONDS - t0))"
}

rmq_kill_epmd() {  # stop our private epmd (refuses by itself while any node is registered)
  local epmd
  epmd="$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | tail -n1 || true)"
  [ -n "$epmd" ] || return 0
  port_listening "$EPMD_PORT" || return 0
  rmq_as "$epmd" -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true
}

rmq_stop() {
  rmq_setup_paths
  if [ -z "$RMQ_SBIN" ] || ! rmq_pid_alive; then
    rm -f "$RMQ_PID"
    rmq_kill_epmd
    log "rabbitmq: not running"; return 0
  fi
  printf 'rabbitmq: stopping (pid %s) … ' "$RMQ_PIDNUM"
  if rmqctl stop "$RMQ_PID" </dev/null >"$RMQ_BASE/stop.out" 2>&1 9>&-; then
    printf 'stopped\n'
  else
    printf 'rabbitmqctl stop failed, sending SIGTERM … '
    kill -TERM "$RMQ_PIDNUM" 2>/dev/null || true
    local i
    for i in $(seq 1 300); do kill -0 "$RMQ_PIDNUM" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$RMQ_PIDNUM" 2>/dev/null; then kill -KILL "$RMQ_PIDNUM" 2>/dev/null || true; printf 'killed\n'
    else printf 'stopped\n'; fi
  fi
  rm -f "$RMQ_PID"
  rmq_kill_epmd
}

rmq_status() {
  rmq_setup_paths
  if [ -n "$RMQ_SBIN" ] && rmq_pid_alive && port_listening "$AMQP_PORT"; then
    log "rabbitmq: running on 127.0.0.1:$AMQP_PORT (pid $RMQ_PIDNUM, management http://127.0.0.1:$MGMT_PORT, data $RMQ_BASE)"
    return 0
  fi
  if [ -n "${RMQ_PIDNUM:-}" ]; then
    log "rabbitmq: starting or unhealthy (pid $RMQ_PIDNUM, AMQP port $AMQP_PORT not listening)"
  else
    log "rabbitmq: stopped (data $RMQ_BASE)"
  fi
  return 1
}

# ---------------------------------------------------------------- main

with_lock() {
  mkdir -p "$LOCAL"
  chmod 755 "$LOCAL" 2>/dev/null || true   # the server users must be able to traverse it
  exec 9>"$LOCAL/.servers.lock"
  flock -w 300 9 || die "another servers.sh is still running (lock $LOCAL/.servers.lock)"
}

cmd="${1:-start}"
case "$cmd" in
  start)
    t_start=$SECONDS
    ensure_gitignore
    with_lock
    ensure_packages
    pg_start
    pg_ensure_key_store
    rmq_start
    log "servers: up in $((SECONDS - t_start))s — eval \"\$($0 env)\" for the connection strings"
    ;;
  stop)
    with_lock
    rmq_stop
    pg_stop
    ;;
  status)
    rc=0
    pg_status || rc=3
    rmq_status || rc=3
    exit "$rc"
    ;;
  env)
    printf 'export ConnectionStrings__Postgres="Host=127.0.0.1;Port=%s;Username=postgres;Password=postgres;Include Error Detail=true"\n' "$PG_PORT"
    printf 'export ConnectionStrings__Keys="Host=127.0.0.1;Port=%s;Username=fivesoc_keys;Password=fivesoc-keys-local;Database=fivesoc_keys;Include Error Detail=true"\n' "$PG_PORT"
    printf 'export ConnectionStrings__RabbitMq="amqp://guest:guest@127.0.0.1:%s/"\n' "$AMQP_PORT"
    printf 'export FIVESOC_RABBIT_MANAGEMENT="http://127.0.0.1:%s/"\n' "$MGMT_PORT"
    ;;
  -h|--help|help)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    die "unknown command '$cmd' (use start, stop, status or env)"
    ;;
esac
