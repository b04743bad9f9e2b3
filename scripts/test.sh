#!/usr/bin/env bash
# The one command that runs the whole test suite (README and .ci/run call it):
#   1. installs what is missing (PostgreSQL, Chromium with apt-get when root on Debian; npm assets),
#   2. starts a throwaway PostgreSQL cluster on loopback, stopped on exit,
#   3. builds once, runs the domain tests, tests/Passerelle.Web.Tests on SQLite then on PostgreSQL, then any
#      tests/*.Browser.Tests project,
#   4. sums the TRX counters and prints one final line "N passed, N failed[, N skipped]".
# Exits non-zero when a test failed or a run crashed. Results (TRX) go to TestResults/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
configuration=${CONFIGURATION:-Release}
results="$root/TestResults"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "test.sh: $*" >&2; }

# --- 1. What the suite needs -------------------------------------------------------------
find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

missing=()
find_pg_bin >/dev/null || missing+=(postgresql postgresql-contrib)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    log "missing ${missing[*]} and cannot install them (not root on Debian)"
  fi
fi

if [ ! -d node_modules ]; then
  log "installing front-end assets (npm ci)"
  npm ci --ignore-scripts --no-audit --no-fund >/dev/null
  npm run assets >/dev/null
fi

pg_bin=$(find_pg_bin) || { log "PostgreSQL (initdb, pg_ctl) not found"; echo "0 passed, 1 failed"; exit 1; }

# --- 2. A throwaway PostgreSQL cluster ---------------------------------------------------
pg_dir=$(mktemp -d /tmp/passerelle-pg.XXXXXX)
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_dir"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown postgres: "$pg_dir"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; echo "0 passed, 1 failed"; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pg_port=${PASSERELLE_PG_PORT:-55432}
# A port free to connect to may still be taken as the local end of a client connection (an ephemeral port):
# then the server cannot bind it, and the next port is tried.
pg_started=0
for _ in 1 2 3 4 5 6 7 8; do
  while port_in_use "$pg_port"; do pg_port=$((pg_port + 1)); done
  if as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/server.log" \
    -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null; then
    pg_started=1
    break
  fi
  pg_port=$((pg_port + 1))
done
[ "$pg_started" = 1 ] || { cat "$pg_dir/server.log" >&2; echo "0 passed, 1 failed"; exit 1; }
log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# --- 3. Build once, run every test project -----------------------------------------------
rm -rf "$results"
mkdir -p "$results"
browser_projects=()
for project in tests/*.Browser.Tests/*.csproj; do
  [ -f "$project" ] && browser_projects+=("$project")
done

log "building ($configuration)"
build_failed() { log "build failed"; echo "0 passed, 1 failed"; exit 1; }
dotnet build Passerelle.slnx -c "$configuration" -nologo -v q || build_failed
for project in "${browser_projects[@]}"; do
  dotnet build "$project" -c "$configuration" -nologo -v q || build_failed
done

crashed=0
run_tests() { # name project [VAR=value...] [-- extra dotnet test arguments...]
  local name=$1 project=$2
  shift 2
  local vars=() extra=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
  [ $# -gt 0 ] && shift && extra=("$@")
  log "running $project ($name)"
  local rc=0
  env "${vars[@]}" dotnet test "$project" -c "$configuration" --no-build "${extra[@]}" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout 20m --blame-hang-dump-type none || rc=$?
  if [ ! -f "$results/$name.trx" ] || ! grep -q '<Counters ' "$results/$name.trx"; then
    log "$name: no test results (the run crashed, exit $rc)"
    crashed=$((crashed + 1))
  elif [ "$rc" -ne 0 ] && [ "$(counter "$results/$name.trx" failed)" = 0 ]; then
    log "$name: dotnet test exited $rc without a failed test (crash or aborted run)"
    crashed=$((crashed + 1))
  fi
}
counter() { # file attribute → value of that <Counters> attribute (0 when absent)
  local value
  value=$(grep -o '<Counters [^>]*>' "$1" | head -1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || true)
  echo "${value:-0}"
}

run_tests domain tests/Passerelle.Domain.Tests/Passerelle.Domain.Tests.csproj

# The record-linkage benchmarks live beside the checkout (../shared/data/linkage), never in it.
linkage=${PASSERELLE_LINKAGE_DATA:-}
for candidate in "$root/../shared/data/linkage" /work/shared/data/linkage; do
  [ -z "$linkage" ] && [ -d "$candidate/febrl" ] && linkage=$(cd "$candidate" && pwd)
done
if [ -n "$linkage" ]; then
  run_tests matching tests/Passerelle.Matching.Tests/Passerelle.Matching.Tests.csproj "PASSERELLE_LINKAGE_DATA=$linkage"
else
  log "linkage benchmarks not found beside the checkout: matching tests run without the benchmark-based ones"
  run_tests matching tests/Passerelle.Matching.Tests/Passerelle.Matching.Tests.csproj -- --filter "Category!=Benchmark"
fi
run_tests web-sqlite tests/Passerelle.Web.Tests/Passerelle.Web.Tests.csproj -u PASSERELLE_TEST_DB
run_tests web-postgres tests/Passerelle.Web.Tests/Passerelle.Web.Tests.csproj \
  PASSERELLE_TEST_DB=postgres "PASSERELLE_TEST_PG=Host=127.0.0.1;Port=$pg_port;Username=postgres"
for project in "${browser_projects[@]}"; do
  # The browser tests choose their own database; the PostgreSQL server is there if they want it.
  run_tests "$(basename "$project" .csproj)" "$project" -u PASSERELLE_TEST_DB \
    "PASSERELLE_TEST_PG=Host=127.0.0.1;Port=$pg_port;Username=postgres"
done
[ ${#browser_projects[@]} -gt 0 ] || log "no tests/*.Browser.Tests project yet: skipped"

# --- 4. One closing line -----------------------------------------------------------------
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  total=$(counter "$trx" total)
  executed=$(counter "$trx" executed)
  passed=$((passed + $(counter "$trx" passed)))
  failed=$((failed + $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted)))
  skipped=$((skipped + total - executed))
done
failed=$((failed + crashed))

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
