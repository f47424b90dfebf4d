#!/usr/bin/env bash
# Measures the downtime of a Lockstep upgrade against the bare sequence an operator would type
# (stop the services, apply the migration with psql, start the new release, poll until healthy),
# in one run, on the sample product (examples/notes, 1.0.0 → 1.1.0: one expand migration) with a
# generated database of about BENCH_SIZE_MB (default 200; BENCH_SIZE_MB=1024 for the issue's 1 GB).
# Both sides run on the same data: the bare side on a file copy of the database taken just before.
# Each side runs BENCH_REPEAT times (default 3), alternating; the spread (min/median/max) is printed.
# Prints: the downtime of each, the ratio, and Lockstep's own seconds inside the window (its
# downtime minus the bare sequence's), target <= 0.5 s on 1 GB.
# Before each Lockstep round, `lockstep rehearse --to V` runs (outside the window), as the README
# recommends: it proves the migration expand, so the plan skips the snapshot. BENCH_REHEARSE=0
# measures the upgrade without it (with the snapshot in the window).
# Needs the PostgreSQL server and client programs, Java 17, python3, curl.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${BENCH_SIZE_MB:-200}
repeat=${BENCH_REPEAT:-3}
rehearse=${BENCH_REHEARSE:-1}

. "$here/bench/lib.sh"
jar="$here/lockstep-cli/target/lockstep.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests package)
java=$(command -v java)

# --- a throwaway server (bench/lib.sh) ----------------------------------------------------------
work=$(mktemp -d /tmp/lockstep-downtime-XXXXXX)
bare_pids=()
stop_bare() {
  for pid in "${bare_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${bare_pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.02; done; done
  bare_pids=()
}
cleanup() {
  stop_bare
  for f in "$work"/state/services/*.json; do   # the sample product's services, by their pid
    [ -f "$f" ] && kill "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('pid') or '')" "$f")" 2>/dev/null || true
  done
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
start_postgres

# --- the sample product on 1.0.0, then BENCH_SIZE_MB of data beside it --------------------------
read -r api_port worker_port bare_api bare_worker rehearsal_api rehearsal_worker < <(free_ports 6)
export NOTES_REHEARSAL_API_PORT=$rehearsal_api NOTES_REHEARSAL_WORKER_PORT=$rehearsal_worker
cp -r "$here/examples/notes" "$work/notes"
export NOTES_PG_PORT=$port NOTES_DB_PASSWORD=$notespw NOTES_STATE_DIR="$work/state" \
  JDBC_DRIVER="$jar" JAVA="$java" NOTES_API_PORT=$api_port NOTES_WORKER_PORT=$worker_port
cd "$work/notes"
sed -i "s/^  format: custom$/  format: directory\n  jobs: 2/" lockstep.yaml
log "installing notes 1.0.0"
"$here/lockstep" upgrade --to 1.0.0 >/dev/null 2>"$work/install.err" || { cat "$work/install.err" >&2; exit 1; }
generate_events "$size_mb"
size=$(psql -At -U notes -d notes -c "SELECT pg_size_pretty(pg_database_size('notes'))")
# The generated table is drift on purpose; take the schema as it is now as the baseline.
allow=(--allow-drift)

# --- the bare sequence, on a copy of the same data, with its own services on other ports --------
copy_database() { # $1 = new name; the services' sessions are ended first (they reconnect per request)
  for _ in 1 2 3 4 5; do
    psql -q -U lockstep -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'notes' AND pid <> pg_backend_pid()" >/dev/null
    psql -q -U lockstep -d postgres -c "CREATE DATABASE $1 TEMPLATE notes OWNER notes STRATEGY FILE_COPY" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "could not copy the database" >&2; exit 1
}
start_bare() { # $1 = release
  for svc in api:$bare_api worker:$bare_worker; do
    name=${svc%%:*}; p=${svc##*:}
    NOTES_DB_URL="jdbc:postgresql://127.0.0.1:$port/notes_bare" NOTES_DB_USER=notes \
      "$java" -XX:TieredStopAtLevel=1 -cp "$jar" "$work/notes/releases/$1/$name.java" --port "$p" \
      >>"$work/bare-$name.log" 2>&1 &
    bare_pids+=($!)
  done
}
# Round r upgrades from release `prev` to `next`: round 1 is 1.0.0 → 1.1.0 (V2 adds a nullable
# column); each later round a bench-only release 1.r.0, 1.1.0's services plus one more nullable
# column, so that every round has one expand migration to apply.
release_for() { # $1 = round; prints the release and creates it if it is a bench-only one
  if [ "$1" = 1 ]; then echo 1.1.0; return; fi
  local v="1.$1.0" prev="1.$(($1 - 1)).0"
  if [ ! -d "$work/notes/releases/$v" ]; then
    cp -r "$work/notes/releases/$prev" "$work/notes/releases/$v"
    printf 'ALTER TABLE notes ADD COLUMN bench_%s text;\n' "$1" \
      > "$work/notes/releases/$v/migrations/V$(($1 + 1))__bench_$1.sql"
    sed -i "s/^version: .*/version: $v/" "$work/notes/releases/$v/release.yaml"
    python3 - "$work/notes/releases/$v/release.yaml" "$(($1 + 1))" "$1" <<'PY'
import sys
path, n, r = sys.argv[1:]
text = open(path).read()
head, sep, tail = text.partition("notes: |")
head = head.rstrip("\n") + f"\n    - file: V{n}__bench_{r}.sql\n      class: expand\n"
open(path, "w").write(head + sep + tail)
PY
  fi
  echo "$v"
}
migration_of() { ls "$work/notes/releases/$1/migrations/" | sort -V | tail -1; }

bare_once() { # $1 = release installed, $2 = the next one
  psql -q -U lockstep -d postgres -c "DROP DATABASE IF EXISTS notes_bare" >/dev/null
  copy_database notes_bare
  start_bare "$1"; wait_healthy "$bare_api" "$bare_worker"
  t0=$(now)
  stop_bare
  ts=$(now)
  psql -q -v ON_ERROR_STOP=1 -U notes -d notes_bare -f "$work/notes/releases/$2/migrations/$(migration_of "$2")"
  tm=$(now)
  start_bare "$2"; wait_healthy "$bare_api" "$bare_worker"
  t1=$(now)
  stop_bare
  psql -q -U lockstep -d postgres -c "DROP DATABASE notes_bare" >/dev/null
  python3 -c "print(f'{$t1 - $t0:.2f} stop={$ts - $t0:.2f},psql={$tm - $ts:.2f},start+healthy={$t1 - $tm:.2f}')"
}

lockstep_once() { # $1 = the release to upgrade to
  if [ "$rehearse" = 1 ]; then
    "$here/lockstep" rehearse --to "$1" >"$work/rehearse-$1.out" 2>&1 \
      || { cat "$work/rehearse-$1.out" >&2; exit 1; }
  fi
  "$here/lockstep" upgrade --to "$1" "${allow[@]}" --output json >"$work/upgrade-$1.json" 2>"$work/upgrade.err" \
    || { cat "$work/upgrade.err" >&2; exit 1; }
  upgrade_line "$work/upgrade-$1.json"
}

downtime_rounds "stop → psql → start → healthy"
downtime_table "Database: $size" "stop → psql → start → healthy"
echo "target: Lockstep's own seconds (its report) <= 0.5 s on 1 GB"
