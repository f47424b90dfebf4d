#!/usr/bin/env bash
# Measures the downtime of a Lockstep upgrade on the compose target against the bare sequence an
# operator would type (docker compose stop; docker compose run migrate; docker compose up -d; poll
# until healthy), in one run, on the sample product's containers (examples/compose, 1.0.0 → 1.1.0,
# then bench-only releases that each add one nullable column) with a generated database of about
# BENCH_SIZE_MB (default 200). Both sides run on the same data: the bare side on a file copy of the
# database taken just before, as its own compose project on other ports. Each side runs
# BENCH_REPEAT times (default 3), alternating; the spread (min / median / max) is printed.
# Target: Lockstep's downtime <= the bare sequence's + 1 s, its verified backup outside the window.
# Needs: the PostgreSQL server and client programs, Java 17, python3, curl, and the container
# engine (.ci/containers.sh as root installs Podman and Docker Compose v2).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${BENCH_SIZE_MB:-200}
repeat=${BENCH_REPEAT:-3}

. "$here/bench/lib.sh"
docker compose version >/dev/null 2>&1 || { echo "docker compose does not answer: run .ci/containers.sh as root" >&2; exit 1; }
jar="$here/lockstep-cli/target/lockstep.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests package)
log "building the sample's images (examples/compose/images/build.sh)"
"$here/examples/compose/images/build.sh" >/dev/null

# --- a throwaway server (bench/lib.sh) ----------------------------------------------------------
work=$(mktemp -d /tmp/lockstep-compose-bench-XXXXXX)
project=bench-$(basename "$work" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9')
bare=$project-bare
cleanup() {
  (cd "$work/notes" 2>/dev/null && docker compose -p "$project" -f compose.yaml --env-file notes.env down -t 10 >/dev/null 2>&1) || true
  (cd "$work/bare" 2>/dev/null && docker compose -p "$bare" -f compose.yaml --env-file notes.env down -t 10 >/dev/null 2>&1) || true
  docker ps -aq --filter "name=$project" | xargs -r docker rm -f >/dev/null 2>&1 || true
  for image in $(podman images --format '{{.Repository}}:{{.Tag}}' | grep -E 'lockstep-notes/migrate:1\.[2-9][0-9]*\.0-bench$' || true); do
    podman rmi "$image" >/dev/null 2>&1 || true
  done
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
start_postgres

# --- the compose example, twice: Lockstep's project and the bare one (own ports, own database) ---
read -r api_port worker_port bare_api bare_worker < <(free_ports 4)
make_project() { # $1 = folder, $2 = database, $3 = api port, $4 = worker port
  mkdir -p "$1"
  cp "$here/examples/compose/compose.yaml" "$here/examples/compose/lockstep.yaml" "$1/"
  cp -r "$here/examples/compose/releases" "$1/releases"
  printf 'NOTES_PG_PORT=%s\nNOTES_DB_NAME=%s\nNOTES_DB_USER=notes\nNOTES_DB_PASSWORD=%s\nNOTES_API_PORT=%s\nNOTES_WORKER_PORT=%s\n' \
    "$port" "$2" "$notespw" "$3" "$4" > "$1/notes.env"
  chmod 600 "$1/notes.env"
}
make_project "$work/notes" notes "$api_port" "$worker_port"
make_project "$work/bare" notes_bare "$bare_api" "$bare_worker"
sed -i "s/^  format: custom$/  format: directory\n  jobs: 2/" "$work/notes/lockstep.yaml"
export NOTES_PG_PORT=$port NOTES_DB_PASSWORD=$notespw NOTES_STATE_DIR="$work/state" \
  NOTES_API_PORT=$api_port NOTES_WORKER_PORT=$worker_port NOTES_COMPOSE_PROJECT=$project
cd "$work/notes"
log "installing notes 1.0.0 (compose project $project)"
"$here/lockstep" upgrade --to 1.0.0 >/dev/null 2>"$work/install.err" || { cat "$work/install.err" >&2; exit 1; }
generate_events "$size_mb"
allow=(--allow-drift)   # the generated table is drift on purpose

# Round r upgrades to 1.1.0 (r = 1) or to a bench-only release 1.r.0: 1.1.0's api and worker images,
# and a migrate image that adds one more nullable column (built FROM 1.1.0's migrate image).
release_for() { # $1 = round; prints the release, made in both projects if it is a bench-only one
  if [ "$1" = 1 ]; then echo 1.1.0; return; fi
  local v="1.$1.0" n=$(($1 + 1))
  local image=localhost/lockstep-notes/migrate:$v-bench
  if ! podman image exists "$image"; then
    mkdir -p "$work/build-$v"
    printf 'ALTER TABLE notes ADD COLUMN bench_%s text;\n' "$1" > "$work/build-$v/V${n}__bench_$1.sql"
    prev=$([ "$1" = 2 ] && echo localhost/lockstep-notes/migrate:1.1.0 || echo "localhost/lockstep-notes/migrate:1.$(($1 - 1)).0-bench")
    printf 'FROM %s\nCOPY V%s__bench_%s.sql /migrations/\n' "$prev" "$n" "$1" > "$work/build-$v/Containerfile"
    podman build --quiet --pull=never -t "$image" "$work/build-$v" >/dev/null
  fi
  for project_dir in "$work/notes" "$work/bare"; do
    local dir="$project_dir/releases/$v" prev_dir="$project_dir/releases/1.$(($1 - 1)).0"
    [ -d "$dir" ] && continue
    mkdir -p "$dir"
    python3 - "$prev_dir/release.yaml" "$dir/release.yaml" "$v" "$image" "$n" <<'PY'
import re, sys
source, target, version, image, n = sys.argv[1:]
text = open(source).read().split("notes:")[0]
text = re.sub(r"(?m)^version: .*$", f"version: {version}", text)
text = re.sub(r"(?m)^(    image: localhost/lockstep-notes/migrate:).*$", rf"\g<1>{image.split(':', 1)[1]}", text)
text = text.rstrip("\n") + f'\n    - id: "{n}"\n      class: expand\nnotes: "bench-only: one more nullable column."\n'
open(target, "w").write(text)
PY
  done
  echo "$v"
}
image_of() { # $1 = project folder, $2 = release, $3 = component
  sed -n "/^  $3:/{n;s/^    image: //p}" "$1/releases/$2/release.yaml"
}
pin_bare() { # $1 = release: the bare project's images.env
  : > "$work/bare/images.env"
  for c in api worker migrate; do
    printf 'NOTES_%s_IMAGE=%s\n' "${c^^}" "$(image_of "$work/bare" "$1" "$c")" >> "$work/bare/images.env"
  done
}
# Compose lets the shell's variables win over env files: the bare project must not see the
# NOTES_* that this script exports for Lockstep's project.
bare_compose() {
  (cd "$work/bare" && env -u NOTES_API_PORT -u NOTES_WORKER_PORT -u NOTES_DB_PASSWORD -u NOTES_PG_PORT \
    docker compose -p "$bare" -f compose.yaml --env-file notes.env --env-file images.env "$@")
}
copy_database() {
  for _ in 1 2 3 4 5; do
    psql -q -U lockstep -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'notes' AND pid <> pg_backend_pid()" >/dev/null
    psql -q -U lockstep -d postgres -c "CREATE DATABASE notes_bare TEMPLATE notes OWNER notes STRATEGY FILE_COPY" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "could not copy the database" >&2; exit 1
}

bare_once() { # $1 = release installed, $2 = the next one
  psql -q -U lockstep -d postgres -c "DROP DATABASE IF EXISTS notes_bare" >/dev/null
  copy_database
  pin_bare "$1"; bare_compose up -d api worker >/dev/null 2>&1
  wait_healthy "$bare_api" "$bare_worker" || { bare_compose logs --tail 20 >&2; exit 1; }
  t0=$(now)
  bare_compose stop -t 10 api worker >/dev/null 2>&1
  ts=$(now)
  pin_bare "$2"
  bare_compose run --name "$bare-migrate-$2" migrate >"$work/bare-migrate.log" 2>&1 \
    || { cat "$work/bare-migrate.log" >&2; exit 1; }
  docker rm -f "$bare-migrate-$2" >/dev/null
  tm=$(now)
  bare_compose up -d api worker >/dev/null 2>&1
  wait_healthy "$bare_api" "$bare_worker" || { bare_compose logs --tail 20 >&2; exit 1; }
  t1=$(now)
  bare_compose down -t 10 >/dev/null 2>&1
  psql -q -U lockstep -d postgres -c "DROP DATABASE notes_bare" >/dev/null
  python3 -c "print(f'{$t1 - $t0:.2f} stop={$ts - $t0:.2f},migrate={$tm - $ts:.2f},up+healthy={$t1 - $tm:.2f}')"
}

lockstep_once() { # $1 = the release to upgrade to
  "$here/lockstep" upgrade --to "$1" "${allow[@]}" --output json >"$work/upgrade-$1.json" 2>"$work/upgrade.err" \
    || { cat "$work/upgrade.err" >&2; exit 1; }
  upgrade_line "$work/upgrade-$1.json"
}

downtime_rounds "stop → run migrate → up -d → healthy"
downtime_table \
  "Compose on Podman; database: $(psql -At -U notes -d notes -c "SELECT pg_size_pretty(pg_database_size('notes'))")" \
  "compose stop → run migrate → up -d → healthy"
echo "target: Lockstep − bare <= +1 s"
