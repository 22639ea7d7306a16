#!/usr/bin/env bash
# Starts FiveSocieties locally: the private PostgreSQL and RabbitMQ (installed when missing),
# then the four services and the Web host (the workbench, http://127.0.0.1:5100).
# Ctrl-C stops the hosts and the servers.
#
#   deploy/run.sh                  start everything, print the URLs, wait for Ctrl-C
#   deploy/run.sh --keep-servers   on Ctrl-C stop only the services
#   deploy/run.sh --demo           also seed the Datong demo city (FIVESOC_DEMO_HOUSEHOLDS, default 2000)
#   deploy/run.sh --replicas 2     N of every service and of the Web host, balanced (docs/operations.md)
# FIVESOC_PORT_BASE moves the ports (default 5100: Web 5100, services 5101–5104, replica n 10·(n−1) up).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
keep_servers=0
demo=0
replicas=1
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-servers) keep_servers=1 ;;
    --demo) demo=1 ;;
    --replicas) replicas="${2:-}"; shift ;;
    --replicas=*) replicas="${1#--replicas=}" ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ "$replicas" =~ ^[1-9]$ ]] || { echo "run.sh: --replicas takes a number from 1 to 9, not '$replicas'" >&2; exit 2; }
base="${FIVESOC_PORT_BASE:-5100}"
[[ "$base" =~ ^[0-9]+$ ]] && [ "$base" -ge 1024 ] && [ "$base" -le 65000 ] \
  || { echo "run.sh: FIVESOC_PORT_BASE must be a port from 1024 to 65000, not '$base'" >&2; exit 2; }
export FIVESOC_PORT_BASE="$base" FIVESOC_REPLICAS="$replicas"
web_url="http://127.0.0.1:$base"
# The first line of output is where to point the browser (tools and people read it from there).
echo "$web_url"

command -v dotnet >/dev/null || { echo "run.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
deploy/servers.sh start
eval "$(deploy/servers.sh env)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# One small server runs the whole city: a gen0 budget of 8 MB (the default follows the processor's
# cache) and a GC that compacts sooner keep each host about 65 MB smaller under load, with no loss
# of latency (docs/benchmarks.md).
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x800000}" DOTNET_GCConserveMemory="${DOTNET_GCConserveMemory:-5}"

# The app the Web host serves (services/Web/wwwroot): built unless the build is newer than every
# source file and the lockfile.
app=services/Web/app
if [ -f services/Web/wwwroot/index.html ] \
   && [ -z "$(find "$app/src" "$app/index.html" "$app/package-lock.json" "$app/vite.config.ts" -newer services/Web/wwwroot/index.html -print -quit)" ]; then
  echo "build: the web app is up to date (services/Web/wwwroot)"
else
  eval "$(deploy/node.sh)"
  echo "build: the web app (npm ci && npm run build → services/Web/wwwroot)"
  (cd "$app" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run build --silent >/dev/null 2>&1) \
    || { echo "run.sh: building the web app failed: cd $app && npm ci && npm run build" >&2; exit 1; }
fi

echo "build: dotnet build FiveSocieties.sln"
dotnet build FiveSocieties.sln -c Release -nologo -clp:ErrorsOnly

logs="$REPO/.local/logs"; mkdir -p "$logs"
# Replica n (from 1) of a host listens 10·(n−1) ports above the first: Cases 5101, 5111, 5121…
services=(Cases:$((base + 1)) Matching:$((base + 2)) Volunteers:$((base + 3)) Notifications:$((base + 4)))
port_of() { echo $(($2 + 10 * ($1 - 1))); }
log_of() { if [ "$1" -eq 1 ]; then echo "$2.log"; else echo "$2-$1.log"; fi; }
# The Web host balances among every replica of each service (Web:Services:* takes a comma-separated list).
for entry in "${services[@]}"; do
  name="${entry%%:*}"; port="${entry##*:}"; list=""
  for r in $(seq 1 "$replicas"); do list="${list:+$list,}http://127.0.0.1:$(port_of "$r" "$port")"; done
  export "Web__Services__$name=$list"
done
fivesoc() { dotnet deploy/Cli/bin/Release/net10.0/fivesoc.dll "$@"; }
pids=()

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "stopping the services and the Web host…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$keep_servers" -eq 0 ]; then deploy/servers.sh stop; fi
  exit 0
}
trap stop_all INT TERM EXIT

# Development only: the local stand-ins for the SMS platform and the WeChat official account
# (deploy/ChannelStandIns, a development tool on loopback), and Notifications pointed at them.
if [ "$ASPNETCORE_ENVIRONMENT" = Development ]; then
  receipt_token="standin-receipts-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  standin_url="http://127.0.0.1:$((base + 90))"
  (cd deploy/ChannelStandIns/bin/Release/net10.0 && ASPNETCORE_URLS="$standin_url" \
    StandIn__Sms__ReceiptUrl="http://127.0.0.1:$((base + 4))/sms/receipts/$receipt_token" \
    StandIn__Sms__ReplyUrl="http://127.0.0.1:$((base + 3))/sms/replies/$receipt_token" \
    exec dotnet FiveSocieties.ChannelStandIns.dll) >"$logs/ChannelStandIns.log" 2>&1 &
  pids+=("$!")
  export Sms__Enabled=true Sms__Endpoint="$standin_url/" Sms__AccessKeyId=standin-key \
    Sms__AccessKeySecret=standin-secret Sms__SignName="五社联动" Sms__ReceiptToken="$receipt_token"
  export WeChat__Enabled=true WeChat__Endpoint="$standin_url/" WeChat__AuthorizeEndpoint="$standin_url/" \
    WeChat__AppId=standin-wechat-app WeChat__AppSecret=standin-wechat-secret
fi

start_host() { # name port log
  local bin="services/$1/bin/Release/net10.0"
  # Started from its own bin directory: the content root is the working directory, and the host
  # watches it (and everything under it) for configuration changes — from the repository root that
  # is every write of PostgreSQL and RabbitMQ under .local/ (a tenth of the CPU, measured).
  (cd "$bin" && ASPNETCORE_URLS="http://127.0.0.1:$2" exec dotnet "FiveSocieties.$1.dll") >"$logs/$3" 2>&1 &
  pids+=("$!")
}
for r in $(seq 1 "$replicas"); do
  for entry in "${services[@]}"; do
    name="${entry%%:*}"; port="${entry##*:}"
    start_host "$name" "$(port_of "$r" "$port")" "$(log_of "$r" "$name")"
  done
done
start_host Web "$base" Web.log

echo "waiting for the services and the Web host to be ready…"
if [ "$replicas" -gt 1 ]; then
  # The first Web host writes the session keys (.local/web-keys) the others then share: they start after it.
  fivesoc status --wait 120 --replicas 1 >/dev/null || true
  for r in $(seq 2 "$replicas"); do start_host Web "$(port_of "$r" "$base")" "$(log_of "$r" Web)"; done
fi
fivesoc status --wait 120 || echo "not every service is ready: see .local/logs/"
for entry in "${services[@]}"; do
  name="${entry%%:*}"; port="${entry##*:}"; urls=""
  for r in $(seq 1 "$replicas"); do urls="${urls:+$urls }http://127.0.0.1:$(port_of "$r" "$port")"; done
  printf '  %-14s %s   (OpenAPI: /openapi/v1.json, log: .local/logs/%s.log)\n' "$name" "$urls" "$name"
done
printf '  %-14s %s   (the workbench; demo sign-in in Development; log: .local/logs/Web.log)\n' "Web" "$web_url"
[ "$replicas" -gt 1 ] && printf '  %-14s %s   (every replica sees the same session; logs: .local/logs/<name>-<n>.log)\n' "" \
  "$(for r in $(seq 2 "$replicas"); do printf 'http://127.0.0.1:%s ' "$(port_of "$r" "$base")"; done)"
[ "$ASPNETCORE_ENVIRONMENT" = Development ] && \
  printf '  %-14s %s   (development tool: the SMS platform stand-in, what it received; log: .local/logs/ChannelStandIns.log)\n' "SMS stand-in" "$standin_url" && \
  printf '  %-14s %s   (development tool: the WeChat official-account stand-in, what it received)\n' "WeChat stand-in" "$standin_url/standin/wechat"
[ -f services/Web/wwwroot/index.html ] || echo "  (the app is not built yet: cd services/Web/app && npm ci && npm run build)"
# From another shell, status needs to know where this run's ports are.
status_env=""
[ "$base" != 5100 ] && status_env="FIVESOC_PORT_BASE=$base "
[ "$replicas" -gt 1 ] && status_env="${status_env}FIVESOC_REPLICAS=$replicas "
cat <<MSG

RabbitMQ management: http://127.0.0.1:${FIVESOC_RABBIT_MGMT_PORT:-55680} (guest/guest)
A token to call the APIs:  dotnet deploy/Cli/bin/Release/net10.0/fivesoc.dll token --role caseworker --station <station-guid>
Health of everything:      ${status_env}dotnet deploy/Cli/bin/Release/net10.0/fivesoc.dll status
Press Ctrl-C to stop.
MSG
if [ "$demo" -eq 1 ]; then
  echo "seeding the Datong demo city (${FIVESOC_DEMO_HOUSEHOLDS:-2000} households; a second run adds nothing)…"
  fivesoc seed --households "${FIVESOC_DEMO_HOUSEHOLDS:-2000}" \
    || echo "seeding stopped: see the message above and .local/logs/"
  cat <<DEMO
Where to look (mint tokens with fivesoc token; the station ids are in the seed's output and in GET /coverage):
  coverage of the city:     GET http://127.0.0.1:$((base + 1))/coverage                        (admin)
  a station's situation map: GET http://127.0.0.1:$((base + 1))/stations/<id>/situation-map?format=geojson  (supervisor of it)
  a caseworker's inbox:     GET http://127.0.0.1:$((base + 4))/inbox, live: /inbox/stream      (that caseworker)
DEMO
fi
# Last, as first: the address to open, whatever was printed in between.
echo "The workbench: $web_url"
wait
