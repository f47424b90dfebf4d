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

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now() { python3 -c 'import time; print(f"{time.time():.3f}")'; }

bindir=${LOCKSTEP_PG_BIN:-$(dirname "$(command -v pg_ctl 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")}
[ -x "$bindir/initdb" ] || { echo "PostgreSQL server programs not found; set LOCKSTEP_PG_BIN" >&2; exit 1; }
jar="$here/lockstep-cli/target/lockstep.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests package)
java=$(command -v java)

# --- a throwaway server, run as the unprivileged postgres user when we are root ---------------
work=$(mktemp -d /tmp/lockstep-downtime-XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
superpw=$(openssl rand -hex 16); notespw=$(openssl rand -hex 16)
printf '%s\n' "$superpw" > "$work/pw" && { [ "$(id -u)" = 0 ] && chown postgres "$work/pw"; true; }
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
  as_pg "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
log "starting PostgreSQL on port $port in $work"
as_pg "$bindir/initdb" -D "$work/data" -U lockstep --pwfile="$work/pw" -A scram-sha-256 >/dev/null
as_pg "$bindir/pg_ctl" -D "$work/data" -w -l "$work/server.log" \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_wal_size=4GB -c shared_buffers=256MB" start >/dev/null
printf '127.0.0.1:%s:*:lockstep:%s\n127.0.0.1:%s:*:notes:%s\n' "$port" "$superpw" "$port" "$notespw" > "$work/pgpass"
chmod 600 "$work/pgpass"
export PGPASSFILE="$work/pgpass" PGHOST=127.0.0.1 PGPORT=$port
psql -q -U lockstep -d postgres -c "CREATE ROLE notes LOGIN CREATEDB PASSWORD '$notespw'" \
  -c "CREATE DATABASE notes OWNER notes"
psql -q -U lockstep -d notes -c "CREATE EXTENSION pgcrypto"

# --- the sample product on 1.0.0, then BENCH_SIZE_MB of data beside it --------------------------
api_port=$((port + 1)); worker_port=$((port + 2)); bare_api=$((port + 3)); bare_worker=$((port + 4))
export NOTES_REHEARSAL_API_PORT=$((port + 5)) NOTES_REHEARSAL_WORKER_PORT=$((port + 6))
cp -r "$here/examples/notes" "$work/notes"
export NOTES_PG_PORT=$port NOTES_DB_PASSWORD=$notespw NOTES_STATE_DIR="$work/state" \
  JDBC_DRIVER="$jar" JAVA="$java" NOTES_API_PORT=$api_port NOTES_WORKER_PORT=$worker_port
cd "$work/notes"
sed -i "s/^  format: custom$/  format: directory\n  jobs: 2/" lockstep.yaml
log "installing notes 1.0.0"
"$here/lockstep" upgrade --to 1.0.0 >/dev/null 2>"$work/install.err" || { cat "$work/install.err" >&2; exit 1; }
# Rows of about 1 kB, mostly incompressible, with an index and TOAST: 1100 bytes of row come to
# about 1.1 times that on disk (measured: 867,787 rows are 1003 MB).
rows=$(python3 -c "print(int($size_mb * 1024 * 1024 / 1.10 / 1100))")
log "generating about $size_mb MB ($rows rows)"
psql -q -v ON_ERROR_STOP=1 -U notes -d notes <<SQL
CREATE TABLE events (id bigserial PRIMARY KEY, account_id bigint, kind text, payload text,
                     created_at timestamptz);
INSERT INTO events (account_id, kind, payload, created_at)
SELECT (random() * 100000)::int, (ARRAY['login','purchase','refund','view'])[1 + (random() * 3)::int],
       encode(gen_random_bytes(780), 'base64'), now() - random() * interval '365 days'
  FROM generate_series(1, $rows);
CREATE INDEX ON events (account_id);
INSERT INTO notes (title, body) SELECT 'note ' || g, 'some words here' FROM generate_series(1, 1000) g;
ANALYZE events, notes;
SQL
size=$(psql -At -U notes -d notes -c "SELECT pg_size_pretty(pg_database_size('notes'))")
log "database notes is $size"
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
# One poller process, every 50 ms, as the checks Lockstep runs (api and worker health, the notes
# list): forking curl three times a poll would load the machine while the services start.
wait_healthy() {
  python3 - "$bare_api" "$bare_worker" <<'PY'
import sys, time, urllib.request
api, worker = sys.argv[1:]
def ok(url, needle):
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200 and needle in r.read().decode()
    except Exception:
        return False
while not (ok(f"http://127.0.0.1:{api}/.status", '"status":"ok"')
           and ok(f"http://127.0.0.1:{worker}/.status", '"status":"ok"')
           and ok(f"http://127.0.0.1:{api}/notes", "count")):
    time.sleep(0.05)
PY
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
  start_bare "$1"; wait_healthy
  t0=$(now)
  stop_bare
  ts=$(now)
  psql -q -v ON_ERROR_STOP=1 -U notes -d notes_bare -f "$work/notes/releases/$2/migrations/$(migration_of "$2")"
  tm=$(now)
  start_bare "$2"; wait_healthy
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
  python3 - "$work/upgrade-$1.json" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))
def secs(d):
    m = re.match(r'PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?', d or 'PT0S')
    return int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0)
steps = {}
for s in r['steps']:
    steps.setdefault(s['name'], secs(s['duration']))
healthy = secs(r['downtimeToHealthy']) if r.get('downtimeToHealthy') else secs(r['downtime'])
own = secs(r['lockstepOwnTime']) if r.get('lockstepOwnTime') else float('nan')
print(f"{secs(r['downtime']):.2f} {healthy:.2f} {own:.2f} " + ",".join(f"{k}={v:.2f}" for k, v in steps.items()))
PY
}

bares=(); locksteps=(); healthies=(); owns=(); installed=1.0.0
for round in $(seq 1 "$repeat"); do
  next=$(release_for "$round")
  log "round $round/$repeat ($installed → $next): bare stop → psql → start → healthy"
  read -r bare bare_steps < <(bare_once "$installed" "$next")
  bares+=("$bare")
  log "round $round/$repeat: lockstep upgrade --to $next"
  read -r down healthy own steps < <(lockstep_once "$next")
  allow=()
  locksteps+=("$down"); healthies+=("$healthy"); owns+=("$own"); installed=$next
  log "  bare $bare s ($bare_steps)"
  log "  lockstep: downtime $down s (to healthy $healthy s, its own $own s): $steps"
done

python3 - "$size" "${bares[*]}" "${locksteps[*]}" "${healthies[*]}" "${owns[*]}" <<'PY'
import statistics, sys
size = sys.argv[1]
bare, ls, healthy, own = ([float(x) for x in a.split()] for a in sys.argv[2:6])
def spread(v): return f"{min(v):.2f} / {statistics.median(v):.2f} / {max(v):.2f}"
print(f"\nDatabase: {size}, {len(bare)} runs of each side, alternating (min / median / max)\n")
print("| measure | seconds |")
print("|---|---|")
print(f"| bare: stop → psql → start → healthy | {spread(bare)} |")
print(f"| Lockstep: stop → services healthy | {spread(healthy)} |")
print(f"| Lockstep: stop → checks passed (its downtime) | {spread(ls)} |")
print(f"| Lockstep's own time in the window, as its report counts it | {spread(own)} |")
diff = [l - b for l, b in zip(ls, bare)]
print(f"| Lockstep downtime − bare, per round | {spread(diff)} |")
ratio = statistics.median(ls) / statistics.median(bare)
print(f"\nratio (medians): {ratio:.2f}x; Lockstep's own seconds (median of downtime − bare):"
      f" {statistics.median(diff):.2f} s (target <= 0.5 s on 1 GB)")
PY
