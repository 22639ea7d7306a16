#!/usr/bin/env bash
# Runs every test of FiveSocieties against real local servers.
#
#   deploy/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Relay]
#
# Starts (installing when missing) the private PostgreSQL and RabbitMQ of deploy/servers.sh,
# installs what the browser tests need when missing (Debian's chromium, CJK fonts), runs the web
# app's unit tests and builds it (services/Web/wwwroot, which the browser tests serve), builds the
# solution, runs all test projects and the Kubernetes manifests' validation (deploy/k8s/validate),
# and ends with one line "N passed, N failed" (totals over all of them and the app's tests).
# Exits non-zero when anything failed or did not run.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

deploy/servers.sh start
eval "$(deploy/servers.sh env)"

# The browser tests drive Debian's chromium (Playwright downloads no browser); without a CJK font
# it draws Chinese as empty boxes.
missing=""
for pkg in chromium fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "apt: installing$missing (for the browser tests)"
  $SUDO apt-get update -qq >/dev/null
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing </dev/null >/dev/null \
    || { echo "test.sh: apt-get install$missing failed" >&2; exit 1; }
fi
export FIVESOC_CHROMIUM="${FIVESOC_CHROMIUM:-/usr/bin/chromium}"

results="$REPO/.local/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0
broken=""

# The web app: its unit tests (JUnit for the totals; the console keeps vitest's summary and
# failures), then its build, which the Web host and the browser tests serve.
eval "$(deploy/node.sh)"
echo "test: the web app (services/Web/app)"
(cd services/Web/app && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
  || { echo "test.sh: npm ci failed in services/Web/app" >&2; exit 1; }
(cd services/Web/app && npm test --silent -- --reporter=default --reporter=junit \
  --outputFile.junit="$results/app.junit.xml" 2>&1 | grep -v "^JUNIT report written") \
  || { status=1; broken="$broken app"; }
echo "build: the web app (npm run build → services/Web/wwwroot)"
(cd services/Web/app && npm run build --silent >"$results/app-build.log" 2>&1) \
  || { cat "$results/app-build.log" >&2; echo "test.sh: npm run build failed in services/Web/app" >&2; exit 1; }

# The Kubernetes manifests: both overlays rendered by kubectl's Kustomize (kubectl comes with this
# project's machines) and every object validated against the Kubernetes and operators' schemas.
echo "test: the Kubernetes manifests (deploy/k8s)"
if ! command -v kubectl >/dev/null; then
  echo "test.sh: kubectl is required to render deploy/k8s (kubectl kustomize)" >&2; status=1; broken="$broken k8s"
else
  (cd deploy/k8s/validate && npm ci --no-audit --no-fund --loglevel=error >/dev/null \
    && node --test --test-reporter=spec --test-reporter-destination=stdout \
         --test-reporter=junit --test-reporter-destination="$results/k8s.junit.xml") \
    || { status=1; broken="$broken k8s"; }
fi

echo "build: dotnet build FiveSocieties.sln"
dotnet build FiveSocieties.sln -c Release -nologo -clp:ErrorsOnly

# What the services logged and what personal data the tests sent them; the log scan reads it last.
export FIVESOC_TEST_CAPTURE_DIR="$REPO/.local/test-capture"
rm -rf "$FIVESOC_TEST_CAPTURE_DIR" && mkdir -p "$FIVESOC_TEST_CAPTURE_DIR"
# Projects one after another: the machine has two cores and the integration tests start hosts.
# The log scan goes last: it reads the logs all the others left.
projects="$(ls tests/*/*.csproj | grep -v LogScanTests; ls tests/*/*.csproj | grep LogScanTests)"
for project in $projects; do
  name="$(basename "$project" .csproj)"
  echo "test: $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" "$@" || { status=1; broken="$broken $name"; }
done

passed=0; failed=0; ran=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); ran=$((ran + 1))
done
expected="$(ls tests/*/*.csproj | wc -l)"
if [ "$ran" -ne "$expected" ]; then
  echo "test.sh: only $ran of $expected test projects reported results" >&2
  status=1
fi
# The app's JUnit file: the counts are the attributes of its <testsuites> root.
junit="$results/app.junit.xml"
if [ -f "$junit" ]; then
  root="$(grep -o '<testsuites [^>]*>' "$junit" | head -n 1)"
  t="$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$root")"
  f="$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$root")"
  e="$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$root")"
  passed=$((passed + ${t:-0} - ${f:-0} - ${e:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
else
  echo "test.sh: the web app's tests reported no results ($junit)" >&2
  status=1
fi
# The manifests' JUnit file (node's test runner): the counts are comments at its end.
k8s="$results/k8s.junit.xml"
if [ -f "$k8s" ]; then
  p="$(sed -n 's/.*<!-- pass \([0-9]*\) -->.*/\1/p' "$k8s")"
  f="$(sed -n 's/.*<!-- fail \([0-9]*\) -->.*/\1/p' "$k8s")"
  c="$(sed -n 's/.*<!-- cancelled \([0-9]*\) -->.*/\1/p' "$k8s")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${c:-0}))
  [ "${p:-0}" -gt 0 ] || { echo "test.sh: the Kubernetes manifests' tests passed none ($k8s)" >&2; status=1; }
else
  echo "test.sh: the Kubernetes manifests' tests reported no results ($k8s)" >&2
  status=1
fi
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
# A run can fail with every test passed: a fixture's setup or cleanup threw. Say so, or the totals mislead.
if [ -n "$broken" ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: the run of$broken failed outside any test (a fixture's setup or cleanup; its output above says why)" >&2
fi
# The failures again, last, so the tail of a long console names them.
if [ "$failed" -gt 0 ]; then
  echo "failed tests:"
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    awk '
      /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
      want && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line)
        gsub(/&quot;/, "\"", line); gsub(/&lt;/, "<", line); gsub(/&gt;/, ">", line); gsub(/&amp;/, "\\&", line)
        print "  " name ": " substr(line, 1, 300); want = 0 }' "$trx"
  done
  if [ -f "$k8s" ]; then
    # A passed test case closes itself (/>); a failed one opens and holds its <failure>.
    sed -n 's/.*<testcase name="\([^"]*\)"[^/]*>[[:space:]]*$/  k8s: \1/p' "$k8s" || true
  fi
  if [ -f "$junit" ]; then
    grep -o '<testcase [^>]*name="[^"]*"[^>]*>[[:space:]]*<failure' "$junit" | sed -n 's/.* name="\([^"]*\)".*/  app: \1/p' || true
  fi
fi
echo "$passed passed, $failed failed"
exit "$status"
