#!/usr/bin/env bash
# Measures Lockstep's backups against the bare PostgreSQL tools, side by side in one run, on a
# generated database of about 1 GB (BENCH_SCALE=0.1 for a quick try) with realistic, mostly
# incompressible rows. Prints the ratios the backup issue sets as targets:
#   lockstep backup create  vs  pg_dump -Fd -j2            target <= 1.15x
#   lockstep backup verify  vs  createdb + pg_restore -j2   target <= 1.25x
#   rollback by snapshot swap vs rollback by pg_restore -j2 target >= 10x faster
#   peak memory (RSS) of Lockstep during backup create     target < 256 MB
# and how well a rehearsal predicts the migration time of the real upgrade that follows it.
# Each of the first two pairs runs BENCH_REPEAT times (default 3), alternating; the spread of each
# side (min / median / max) is printed, and the ratio is taken of the medians. The machine's load
# average is printed with them: on a shared machine, compare runs taken under a similar load.
# BENCH_BACKUP_ONLY=1 measures backup create and verify only (not the rollback and the rehearsal).
# Needs the PostgreSQL server and client programs, GNU time (/usr/bin/time), Java 17.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
scale=${BENCH_SCALE:-1}
jobs=2

. "$here/bench/lib.sh"
seconds() { /usr/bin/time -f %e -o "$1.time" "${@:2}" >"$1.out" 2>"$1.err" || { cat "$1.err" >&2; exit 1; }; cat "$1.time"; }

# --- the tools --------------------------------------------------------------------------------
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
jar="$here/lockstep-cli/target/lockstep.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests package)
lockstep() { "$here/lockstep" "$@"; }

# --- a throwaway server (bench/lib.sh) ----------------------------------------------------------
work=$(mktemp -d /tmp/lockstep-bench-XXXXXX)
cleanup() {
  pkill -f "$work/state" 2>/dev/null || true   # the sample product's services
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
start_postgres

# --- the sample product, installed on 1.1.0, then about 1 GB of data beside it ----------------
read -r api_port worker_port rehearsal_api rehearsal_worker < <(free_ports 4)
cp -r "$here/examples/notes" "$work/notes"
export NOTES_PG_PORT=$port NOTES_DB_PASSWORD=$notespw NOTES_STATE_DIR="$work/state" \
  JDBC_DRIVER="$jar" JAVA="$(command -v java)" \
  NOTES_API_PORT=$api_port NOTES_WORKER_PORT=$worker_port
cd "$work/notes"
sed -i "s/^backup:.*/backup:\n  format: directory\n  jobs: $jobs/" lockstep.yaml
sed -i '/^  format: custom$/d' lockstep.yaml
log "installing notes 1.1.0"
lockstep upgrade --to 1.1.0 >/dev/null 2>&1
rows() { python3 -c "print(int($1 * $scale))"; }
log "generating data (scale $scale)"
psql -q -v ON_ERROR_STOP=1 -U notes -d notes <<SQL
CREATE TABLE accounts (id bigint PRIMARY KEY, name text, email text, balance numeric(12,2),
                       created_at timestamptz);
INSERT INTO accounts SELECT g, encode(gen_random_bytes(18), 'base64'),
       encode(gen_random_bytes(12), 'hex') || '@example.com', round((random() * 1e4)::numeric, 2),
       now() - random() * interval '1000 days'
  FROM generate_series(1, $(rows 400000)) g;
CREATE TABLE events (id bigserial PRIMARY KEY, account_id bigint, kind text, payload text,
                     amount numeric(12,2), created_at timestamptz);
INSERT INTO events (account_id, kind, payload, amount, created_at)
SELECT 1 + (random() * 399999)::int, (ARRAY['login','purchase','refund','view'])[1 + (random() * 3)::int],
       encode(gen_random_bytes(300), 'base64'), round((random() * 500)::numeric, 2),
       now() - random() * interval '365 days'
  FROM generate_series(1, $(rows 1400000));
CREATE INDEX ON events (account_id);
CREATE INDEX ON events (created_at);
CREATE TABLE documents (id bigserial PRIMARY KEY, account_id bigint, title text, body text);
INSERT INTO documents (account_id, title, body)
SELECT 1 + (random() * 399999)::int, encode(gen_random_bytes(24), 'base64'),
       encode(gen_random_bytes(900), 'base64')
  FROM generate_series(1, $(rows 140000));
-- a note without tags: 2.0.0's listing fails on it, so its upgrade rolls back
INSERT INTO notes (title, body) VALUES ('untagged', 'breaks 2.0.0');
ANALYZE accounts, events, documents, notes;
SQL
size=$(psql -At -U notes -d notes -c "SELECT pg_size_pretty(pg_database_size('notes'))")
log "database notes is $size"

# --- backup and verify, each pair measured BENCH_REPEAT times, alternating; medians count ------
repeat=${BENCH_REPEAT:-3}
backup_only=${BENCH_BACKUP_ONLY:-0}
loads=()
load() { loads+=("$(cut -d' ' -f1 /proc/loadavg)"); }
median() { python3 -c "import statistics, sys; print(statistics.median(float(a) for a in sys.argv[1:]))" "$@"; }
dumps=(); creates=(); restores=(); verifies=(); drops=(); rss_kb=0
for round in $(seq 1 "$repeat"); do
  log "round $round/$repeat: bare pg_dump -Fd -j$jobs"
  rm -rf "$work/bare-dump.d"
  load
  dumps+=("$(seconds "$work/bare-dump" pg_dump -U notes -d notes -Fd -j $jobs -f "$work/bare-dump.d")")
  log "round $round/$repeat: lockstep backup create"
  load
  /usr/bin/time -f "%e %M" -o "$work/create.time" "$here/lockstep" backup create --output json \
    >"$work/create.json" 2>"$work/create.err" || { cat "$work/create.err" >&2; exit 1; }
  read -r took kb < "$work/create.time"
  creates+=("$took"); [ "$kb" -gt "$rss_kb" ] && rss_kb=$kb
  backup_id=$(python3 -c "import json; print(json.load(open('$work/create.json'))['id'])")

  # Into a new database: createdb is timed with it, as verify times making its scratch database.
  # Verify also drops it at the end; the bare drop is timed apart, and printed beside the ratio.
  log "round $round/$repeat: bare createdb + pg_restore -j$jobs into it"
  load
  restores+=("$(seconds "$work/bare-restore" sh -c "createdb -U notes bare_restore &&
    pg_restore -U notes -d bare_restore -j $jobs '$work/bare-dump.d'")")
  drops+=("$(seconds "$work/bare-drop" dropdb -U notes bare_restore)")
  log "round $round/$repeat: lockstep backup verify $backup_id"
  load
  verifies+=("$(seconds "$work/verify" "$here/lockstep" backup verify "$backup_id")")
done
bare_dump=$(median "${dumps[@]}"); ls_create=$(median "${creates[@]}")
bare_restore=$(median "${restores[@]}"); ls_verify=$(median "${verifies[@]}")
load
log "pg_dump ${dumps[*]} s; backup create ${creates[*]} s; pg_restore ${restores[*]} s; backup verify ${verifies[*]} s; dropdb ${drops[*]} s; load ${loads[*]}"

swap=0; by_restore=0; predicted=0; real=0
if [ "$backup_only" != 1 ]; then

# --- rollback: snapshot swap vs pg_restore, both in a real failed upgrade to 2.0.0 ------------
restore_step() { python3 -c "
import json, re
report = json.load(open('$1'))
step = [s for s in report['steps'] if s['name'] == 'restore-backup'][0]
d = step['duration']; m = re.match(r'PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?', d)
print(int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0))"; }
log "upgrade to 2.0.0, rolled back by swapping in the snapshot"
# The generated tables were made by hand after 1.1.0 was installed: drift, allowed on purpose.
"$here/lockstep" upgrade --to 2.0.0 --allow-drift --output json >"$work/swap.json" 2>"$work/swap.err" || [ $? = 3 ]
swap=$(restore_step "$work/swap.json")
sed -i "s/^backup:/backup:\n  snapshot: false/" lockstep.yaml
log "upgrade to 2.0.0 again, rolled back by pg_restore -j$jobs (snapshots off)"
"$here/lockstep" upgrade --to 2.0.0 --output json >"$work/restore.json" 2>"$work/restore.err" || [ $? = 3 ]
by_restore=$(restore_step "$work/restore.json")

# --- rehearsal: predicted migration time vs the real one ------------------------------------------
# A bench-only release 1.2.0: 1.1.0 plus an index on the largest table, which takes real time.
cp -r releases/1.1.0 releases/1.2.0
printf 'CREATE INDEX events_kind_amount ON events (kind, amount);\n' > releases/1.2.0/migrations/V3__index_events.sql
sed -i 's/^version: 1.1.0/version: 1.2.0/' releases/1.2.0/release.yaml
sed -i 's/^    - file: V2__add_note_tags.sql$/    - file: V3__index_events.sql\n      class: expand\n    - file: V2__add_note_tags.sql/' releases/1.2.0/release.yaml
export NOTES_REHEARSAL_API_PORT=$rehearsal_api NOTES_REHEARSAL_WORKER_PORT=$rehearsal_worker
log "lockstep rehearse --to 1.2.0"
"$here/lockstep" rehearse --to 1.2.0 --output json >"$work/rehearse.json" 2>"$work/rehearse.err" \
  || { cat "$work/rehearse.err" >&2; exit 1; }
predicted=$(python3 -c "
import json, re
d = json.load(open('$work/rehearse.json'))['migrationTime']
m = re.match(r'PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?', d)
print(int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0))")
log "lockstep upgrade --to 1.2.0"
"$here/lockstep" upgrade --to 1.2.0 --output json >"$work/upgrade12.json" 2>"$work/upgrade12.err" \
  || { cat "$work/upgrade12.err" >&2; exit 1; }
# The migrations' own time, as the migrate step reports it ("applied … in 2.4s; measured: …"),
# without the schema reads around them: the same span the rehearsal times.
real=$(python3 -c "
import json, re
report = json.load(open('$work/upgrade12.json'))
step = [s for s in report['steps'] if s['name'] == 'migrate'][0]
m = re.search(r' in (?:(\d+)m )?(?:([\d.]+)s|(\d+)ms);', step['detail'])
print(int(m.group(1) or 0) * 60 + float(m.group(2) or 0) + int(m.group(3) or 0) / 1000)")
fi

BENCH_BACKUP_ONLY=$backup_only python3 - "$size" "$bare_dump" "$ls_create" "$bare_restore" "$ls_verify" "$swap" "$by_restore" "$rss_kb" "$predicted" "$real" \
  "${dumps[*]}" "${creates[*]}" "${restores[*]}" "${verifies[*]}" "${drops[*]}" "${loads[*]}" <<'PY'
import os, statistics, sys
size, dump, create, restore, verify, swap, by_restore, rss, predicted, real = sys.argv[1:11]
runs = [[float(x) for x in a.split()] for a in sys.argv[11:15]]
drops = [float(x) for x in sys.argv[15].split()]
loads = [float(x) for x in sys.argv[16].split()]
backup_only = os.environ.get("BENCH_BACKUP_ONLY") == "1"
predicted, real = float(predicted), float(real)
dump, create, restore, verify, swap, by_restore = map(float, (dump, create, restore, verify, swap, by_restore))
rss_mb = int(rss) / 1024
def row(name, ours, bare, ratio, target, ok):
    print(f"| {name} | {ours} | {bare} | {ratio} | {target} | {'yes' if ok else 'NO'} |")
print(f"\nDatabase: {size}, jobs: 2, median of {os.environ.get('BENCH_REPEAT', '3')} runs of each side\n")
print("| measure | Lockstep | bare tool | ratio | target | met |")
print("|---|---|---|---|---|---|")
row("backup create vs pg_dump -Fd -j2", f"{create:.1f} s", f"{dump:.1f} s", f"{create/dump:.2f}x", "<= 1.15x", create/dump <= 1.15)
row("backup verify vs createdb + pg_restore -j2", f"{verify:.1f} s", f"{restore:.1f} s", f"{verify/restore:.2f}x", "<= 1.25x", verify/restore <= 1.25)
if not backup_only:
    row("rollback: snapshot swap vs pg_restore -j2", f"{swap:.2f} s", f"{by_restore:.1f} s", f"{by_restore/swap:.0f}x faster", ">= 10x", by_restore/swap >= 10)
row("peak memory (RSS) during backup create", f"{rss_mb:.0f} MB", "-", "-", "< 256 MB", rss_mb < 256)
print("\nSpread (min / median / max, seconds):")
for name, values in zip(("pg_dump -Fd -j2", "backup create", "createdb + pg_restore -j2", "backup verify"), runs):
    print(f"  {name}: {min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}")
ratios = [c / d for c, d in zip(runs[1], runs[0])]
print(f"  create/pg_dump per round: " + ", ".join(f"{r:.2f}x" for r in ratios))
ratios = [v / r for v, r in zip(runs[3], runs[2])]
print(f"  verify/pg_restore per round: " + ", ".join(f"{r:.2f}x" for r in ratios))
drop = statistics.median(drops)
print(f"  bare dropdb after the restore (not in the ratio; verify drops its scratch database):"
      f" {min(drops):.1f} / {drop:.1f} / {max(drops):.1f};"
      f" verify vs createdb + pg_restore + dropdb: {verify/(restore + drop):.2f}x")
print(f"Load average (1 min) when each measured command started: {min(loads):.1f} to {max(loads):.1f}"
      f" (median {statistics.median(loads):.1f}) on {os.cpu_count()} cores")
if backup_only:
    sys.exit(0)
print(f"\nRehearsal: predicted migration time {predicted:.1f} s, real (the upgrade's migrations) {real:.1f} s:"
      f" predicted/real = {predicted/real:.2f}")
PY
