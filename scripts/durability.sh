#!/usr/bin/env bash
# Issue 4, "never lose a report": bash scripts/durability.sh [N]   (N submissions, default 2000)
#   1. builds the app (Release) and tools/Passerelle.Durability,
#   2. starts a throwaway PostgreSQL cluster on a free port from 55600 (fsync on: this is a durability test),
#   3. migrates it with the app's CLI, creates a ged user of département 59 and a personal access token,
#   4. runs the harness: it serves a copy of the app, sends N reports from 32 workers (each with its Idempotency-Key,
#      retried until a 201) while, about 20 times, it SIGKILLs and restarts the app or (one time in three) restarts
#      PostgreSQL with -m immediate, then counts in the database and runs `passerelle audit verify`.
# The last line reads "durability: submissions N, app kills K, postgres restarts R, acknowledged A, stored S,
# duplicates 0, missing 0, retries T, wall W s"; exit 1 when an acknowledged report is missing or stored twice.
# The cluster is stopped and removed on exit; the logs (app, PostgreSQL, 5xx answers) are kept when the run fails.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
submissions=${1:-2000}
[[ "$submissions" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N]" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "durability.sh: $*" >&2; }

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
if ! find_pg_bin >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  log "installing postgresql"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi
pg_bin=$(find_pg_bin) || { log "PostgreSQL (initdb, pg_ctl) not found under /usr/lib/postgresql"; exit 1; }

# --- 1. Build ---------------------------------------------------------------------------
log "building (Release)"
dotnet build src/Passerelle.Web -c Release -nologo -v q >/dev/null || { log "build of the app failed"; exit 1; }
dotnet build tools/Passerelle.Durability -c Release -nologo -v q >/dev/null || { log "build of the harness failed"; exit 1; }

# --- 2. A throwaway PostgreSQL cluster ---------------------------------------------------
work=$(mktemp -d /tmp/passerelle-durability.XXXXXX)
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
status=1
cleanup() {
  if [ -f "$work/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ "$status" = 0 ]; then
    rm -rf "$work"
  else
    rm -rf "$work/data" "$work/app"
    log "logs kept in $work (app.log, errors.log, server.log)"
  fi
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown postgres: "$work"
as_pg "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pg_port=55600
while port_in_use "$pg_port" || [ -e "/tmp/.s.PGSQL.$pg_port" ]; do pg_port=$((pg_port + 1)); done
as_pg "$pg_bin/pg_ctl" -D "$work/data" -w -l "$work/server.log" \
  -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
  || { cat "$work/server.log" >&2; exit 1; }
log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, fsync $(as_pg "$pg_bin/psql" -h /tmp -p "$pg_port" -U postgres -Atc 'SHOW fsync')"

# --- 3. Database, user, token ------------------------------------------------------------
# A copy of the build: a rebuild of the checkout during the run must not change the binary restarted after a kill.
cp -r src/Passerelle.Web/bin/Release/net10.0 "$work/app"
app="$work/app/passerelle.dll"
database="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=passerelle_durability"
as_pg "$pg_bin/createdb" -h /tmp -p "$pg_port" -U postgres -E UTF8 -T template0 passerelle_durability
passerelle() {
  (cd "$work/app" && Database__Provider=Postgres ConnectionStrings__Default="$database" DOTNET_ENVIRONMENT=Production \
    Demo__SeedOnFirstStart=false dotnet passerelle.dll "$@")
}
passerelle db migrate >/dev/null
email=durability59@example.org
passerelle users add --email "$email" --role ged --territory 59 --password "Durability-$(date +%s)-Check!" --name "Contrôle de durabilité" >/dev/null
token=$(passerelle tokens create --email "$email")

# --- 4. The run ----------------------------------------------------------------------------
set +e
dotnet tools/Passerelle.Durability/bin/Release/net10.0/Passerelle.Durability.dll \
  --app "$app" --database "$database" --token "$token" --submissions "$submissions" \
  --pg-ctl "$pg_bin/pg_ctl" --pg-data "$work/data" --pg-log "$work/server.log" --log-dir "$work"
status=$?
set -e
exit "$status"
