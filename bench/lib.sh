# What the benches share; sourced by each of them (`. "$here/bench/lib.sh"`), never run itself.
# Needs the PostgreSQL server and client programs, python3 and openssl.

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now() { python3 -c 'import time; print(f"{time.time():.3f}")'; }

# The newest PostgreSQL server programs, or LOCKSTEP_PG_BIN.
bindir=${LOCKSTEP_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bindir/initdb" ] || { echo "PostgreSQL server programs not found; set LOCKSTEP_PG_BIN" >&2; exit 1; }

# PostgreSQL refuses to run as root: the throwaway server runs as the unprivileged postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A free loopback port, or several on one line: each asked of the kernel (a free port's
# neighbours may be taken).
free_ports() {
  python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))' "${1:-1}"
}

# Starts a throwaway server in "$work"/data (work must exist) and, on it, role and database notes
# (with pgcrypto). Sets port and notespw; exports PGPASSFILE, PGHOST and PGPORT for psql.
start_postgres() {
  [ "$(id -u)" = 0 ] && chown postgres "$work"
  port=$(free_ports 1)
  local superpw
  superpw=$(openssl rand -hex 16); notespw=$(openssl rand -hex 16)
  printf '%s\n' "$superpw" > "$work/pw" && { [ "$(id -u)" = 0 ] && chown postgres "$work/pw"; true; }
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
}

stop_postgres() { as_pg "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; }

# About $1 MB of mostly incompressible rows (a table "events" and its index) and 1000 notes, in
# database notes: 1100 bytes of row come to about 1.1 times that on disk (867,787 rows: 1003 MB).
generate_events() {
  local rows
  rows=$(python3 -c "print(int($1 * 1024 * 1024 / 1.10 / 1100))")
  log "generating about $1 MB ($rows rows)"
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
  log "database notes is $(psql -At -U notes -d notes -c "SELECT pg_size_pretty(pg_database_size('notes'))")"
}

# Polls the sample's api health, worker health and notes list on ports $1 and $2 every 50 ms from
# one process, as Lockstep's checks ask them, until all three answer (at most 120 s).
wait_healthy() {
  python3 - "$1" "$2" <<'PY'
import sys, time, urllib.request
api, worker = sys.argv[1:]
def ok(url, needle):
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200 and needle in r.read().decode()
    except Exception:
        return False
deadline = time.time() + 120
while not (ok(f"http://127.0.0.1:{api}/.status", '"status":"ok"')
           and ok(f"http://127.0.0.1:{worker}/.status", '"status":"ok"')
           and ok(f"http://127.0.0.1:{api}/notes", "count")):
    if time.time() > deadline:
        sys.exit(f"the services did not answer on ports {api} and {worker} within 120 s")
    time.sleep(0.05)
PY
}

# One line from an upgrade's JSON report ($1): its downtime, stop → services healthy, Lockstep's
# own time in the window, then each step's seconds (name=seconds, comma-separated).
upgrade_line() {
  python3 - "$1" <<'PY'
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

# The rounds of a downtime bench, $repeat of them, each side in turn: the bare sequence upgrades a
# copy (bare_once INSTALLED NEXT prints "seconds steps"), then Lockstep upgrades the deployment
# (lockstep_once NEXT prints upgrade_line's fields). Both, and release_for ROUND, are the caller's;
# so is allow, the flags of the first upgrade only. $1 = the bare sequence in words, for the log.
# Fills the arrays bares, healthies, locksteps and owns.
downtime_rounds() {
  bares=(); locksteps=(); healthies=(); owns=()
  local installed=1.0.0 round next bare_s bare_steps down healthy own steps
  for round in $(seq 1 "$repeat"); do
    next=$(release_for "$round")
    log "round $round/$repeat ($installed → $next): bare $1"
    read -r bare_s bare_steps < <(bare_once "$installed" "$next")
    bares+=("$bare_s")
    log "round $round/$repeat: lockstep upgrade --to $next"
    read -r down healthy own steps < <(lockstep_once "$next")
    allow=()
    locksteps+=("$down"); healthies+=("$healthy"); owns+=("$own"); installed=$next
    log "  bare $bare_s s ($bare_steps)"
    log "  lockstep: downtime $down s (to healthy $healthy s, its own $own s): $steps"
  done
}

# The table of downtime_rounds' arrays, in Markdown, then the ratio of the medians and the median
# of Lockstep − bare. $1 = the title line, $2 = the bare sequence's row label.
downtime_table() {
  python3 - "$1" "$2" "${bares[*]}" "${healthies[*]}" "${locksteps[*]}" "${owns[*]}" <<'PY'
import statistics, sys
title, bare_label = sys.argv[1:3]
bare, healthy, down, own = ([float(x) for x in a.split()] for a in sys.argv[3:7])
def spread(v): return f"{min(v):.2f} / {statistics.median(v):.2f} / {max(v):.2f}"
extra = [d - b for d, b in zip(down, bare)]
print(f"\n{title}, {len(bare)} runs of each side, alternating (min / median / max)\n")
print("| measure | seconds |\n|---|---|")
print(f"| bare: {bare_label} | {spread(bare)} |")
print(f"| Lockstep: stop → services healthy | {spread(healthy)} |")
print(f"| Lockstep: stop → checks passed (its downtime) | {spread(down)} |")
print(f"| Lockstep's own time in the window, as its report counts it | {spread(own)} |")
print(f"| Lockstep downtime − bare, per round | {spread(extra)} |")
print(f"\nratio of medians: {statistics.median(down) / statistics.median(bare):.2f}x;"
      f" Lockstep downtime − bare (median): {statistics.median(extra):+.2f} s")
PY
}
