#!/usr/bin/env bash
# Starts FiveSocieties locally: the private PostgreSQL and RabbitMQ (installed when missing),
# then the four services and the Web host (the workbench, http://127.0.0.1:5100).
# Ctrl-C stops the hosts and the servers.
#
#   deploy/run.sh                  start everything, print the URLs, wait for Ctrl-C
#   deploy/run.sh --keep-servers   on Ctrl-C stop only the services
#   deploy/run.sh --demo           also seed the Datong demo city (FIVESOC_DEMO_HOUSEHOLDS, default 2000)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
keep_servers=0
demo=0
for arg in "$@"; do
  case "$arg" in
    --keep-servers) keep_servers=1 ;;
    --demo) demo=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
web_url="http://127.0.0.1:5100"
# The first line of output is where to point the browser (tools and people read it from there).
echo "$web_url"

command -v dotnet >/dev/null || { echo "run.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
deploy/servers.sh start
eval "$(deploy/servers.sh env)"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

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
services=(Cases:5101 Matching:5102 Volunteers:5103 Notifications:5104 Web:5100)
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
  (cd deploy/ChannelStandIns/bin/Release/net10.0 && ASPNETCORE_URLS="http://127.0.0.1:5190" \
    StandIn__Sms__ReceiptUrl="http://127.0.0.1:5104/sms/receipts/$receipt_token" \
    exec dotnet FiveSocieties.ChannelStandIns.dll) >"$logs/ChannelStandIns.log" 2>&1 &
  pids+=("$!")
  export Sms__Enabled=true Sms__Endpoint="http://127.0.0.1:5190/" Sms__AccessKeyId=standin-key \
    Sms__AccessKeySecret=standin-secret Sms__SignName="五社联动" Sms__ReceiptToken="$receipt_token"
  export WeChat__Enabled=true WeChat__Endpoint="http://127.0.0.1:5190/" WeChat__AuthorizeEndpoint="http://127.0.0.1:5190/" \
    WeChat__AppId=standin-wechat-app WeChat__AppSecret=standin-wechat-secret
fi

for entry in "${services[@]}"; do
  name="${entry%%:*}"; port="${entry##*:}"
  bin="services/$name/bin/Release/net10.0"
  # Started from its own bin directory: the content root is the working directory, and the host
  # watches it (and everything under it) for configuration changes — from the repository root that
  # is every write of PostgreSQL and RabbitMQ under .local/ (a tenth of the CPU, measured).
  (cd "$bin" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet "FiveSocieties.$name.dll") >"$logs/$name.log" 2>&1 &
  pids+=("$!")
done

echo "waiting for the services and the Web host to be ready…"
dotnet deploy/Cli/bin/Release/net10.0/fivesoc.dll status --wait 120 || echo "not every service is ready: see .local/logs/"
for entry in "${services[@]}"; do
  name="${entry%%:*}"; port="${entry##*:}"
  [ "$name" = Web ] && continue
  printf '  %-14s http://127.0.0.1:%s   (OpenAPI: /openapi/v1.json, log: .local/logs/%s.log)\n' "$name" "$port" "$name"
done
printf '  %-14s %s   (the workbench; demo sign-in in Development; log: .local/logs/Web.log)\n' "Web" "$web_url"
[ "$ASPNETCORE_ENVIRONMENT" = Development ] && \
  printf '  %-14s %s   (development tool: the SMS platform stand-in, what it received; log: .local/logs/ChannelStandIns.log)\n' "SMS stand-in" "http://127.0.0.1:5190" && \
  printf '  %-14s %s   (development tool: the WeChat official-account stand-in, what it received)\n' "WeChat stand-in" "http://127.0.0.1:5190/standin/wechat"
[ -f services/Web/wwwroot/index.html ] || echo "  (the app is not built yet: cd services/Web/app && npm ci && npm run build)"
cat <<MSG

RabbitMQ management: http://127.0.0.1:${FIVESOC_RABBIT_MGMT_PORT:-55680} (guest/guest)
A token to call the APIs:  dotnet deploy/Cli/bin/Release/net10.0/fivesoc.dll token --role caseworker --station <station-guid>
Health of everything:      dotnet deploy/Cli/bin/Release/net10.0/fivesoc.dll status
Press Ctrl-C to stop.
MSG
if [ "$demo" -eq 1 ]; then
  echo "seeding the Datong demo city (${FIVESOC_DEMO_HOUSEHOLDS:-2000} households; a second run adds nothing)…"
  dotnet deploy/Cli/bin/Release/net10.0/fivesoc.dll seed --households "${FIVESOC_DEMO_HOUSEHOLDS:-2000}" \
    || echo "seeding stopped: see the message above and .local/logs/"
  cat <<DEMO
Where to look (mint tokens with fivesoc token; the station ids are in the seed's output and in GET /coverage):
  coverage of the city:     GET http://127.0.0.1:5101/coverage                        (admin)
  a station's situation map: GET http://127.0.0.1:5101/stations/<id>/situation-map?format=geojson  (supervisor of it)
  a caseworker's inbox:     GET http://127.0.0.1:5104/inbox, live: /inbox/stream      (that caseworker)
DEMO
fi
# Last, as first: the address to open, whatever was printed in between.
echo "The workbench: $web_url"
wait
