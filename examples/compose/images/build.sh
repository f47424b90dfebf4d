#!/usr/bin/env bash
# Builds the images of the notes sample product for the compose example, with Podman and no
# registry: for each release V, localhost/lockstep-notes/{api,worker,migrate}:V, FROM the base
# image that base.sh cuts from this machine's JDK.
# Usage: build.sh [--jdbc-driver JAR] [--flyway-jar JAR]... [--images PREFIX] [VERSION...]
#   VERSION        default: every examples/notes/releases/*
#   --jdbc-driver  the PostgreSQL JDBC driver (default: the version of the root pom.xml, in ~/.m2)
#   --flyway-jar   Flyway core first, then its PostgreSQL plugin (default: as the driver); with
#                  both options, neither pom.xml nor ~/.m2 is read. A jar given twice (a shaded
#                  jar holding all of them) goes into an image once.
#   --images       the images' names, PREFIX/{api,worker,migrate}:V (default localhost/lockstep-notes)
# Prints one line per image on stdout: name, image id, digest. Progress and timings: stderr.
# Compiled classes are cached in $LOCKSTEP_NOTES_CACHE (default ~/.cache/lockstep-notes).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
releases=$repo/examples/notes/releases
cache=${LOCKSTEP_NOTES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lockstep-notes}
m2=${MAVEN_REPO:-$HOME/.m2/repository}
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
export JAVA_HOME

say() { echo "build.sh: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
started=${EPOCHREALTIME/./}
elapsed() {
  local ms=$(((${EPOCHREALTIME/./} - started) / 1000))
  printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100))
}

usage="build.sh [--jdbc-driver JAR] [--flyway-jar JAR]... [--images PREFIX] [VERSION...]"
jdbc=
flyway_jars=()
prefix=localhost/lockstep-notes
versions=()
while (($#)); do
  case $1 in
    --jdbc-driver) jdbc=${2:?--jdbc-driver needs a jar}; shift 2 ;;
    --flyway-jar) flyway_jars+=("${2:?--flyway-jar needs a jar}"); shift 2 ;;
    --images) prefix=${2:?--images needs a prefix, e.g. localhost/lockstep-notes}; shift 2 ;;
    -*) fail "unknown option $1; usage: $usage" ;;
    *) versions+=("$1"); shift ;;
  esac
done
((${#versions[@]})) || mapfile -t versions < <(ls "$releases")
# By default, the versions Lockstep itself uses (root pom.xml), so the migrate image runs the same
# Flyway.
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$repo/pom.xml" | head -1; }
if [[ -z $jdbc ]]; then
  pg=$(pom_property postgresql.version)
  jdbc=$m2/org/postgresql/postgresql/$pg/postgresql-$pg.jar
fi
if ((${#flyway_jars[@]} == 0)); then
  flyway=$(pom_property flyway.version)
  for artifact in flyway-core flyway-database-postgresql flyway-database-cockroachdb; do
    flyway_jars+=("$m2/org/flywaydb/$artifact/$flyway/$artifact-$flyway.jar")
  done
fi
for jar in "$jdbc" "${flyway_jars[@]}"; do
  [[ -f $jar ]] || fail "$jar is missing; './mvnw -q -B -DskipTests package' downloads it (or pass --jdbc-driver JAR and --flyway-jar JAR)"
done
# The jars the migrate image gets besides the driver: each file once.
declare -A seen=(["$(readlink -f "$jdbc")"]=1)
flyway_extra=()
for jar in "${flyway_jars[@]}"; do
  real=$(readlink -f "$jar")
  [[ -n ${seen[$real]:-} ]] || flyway_extra+=("$jar")
  seen[$real]=1
done
for v in "${versions[@]}"; do
  for f in api.java worker.java migrations; do
    [[ -e $releases/$v/$f ]] || fail "$releases/$v/$f is missing (releases: $(ls "$releases" | xargs))"
  done
done
command -v podman >/dev/null || fail "podman is not installed; run .ci/containers.sh as root"

# Compiles one source file, once per content: prints the folder holding its classes.
compile() {
  local source=$1 classpath=$2 key dir name tmp
  key=$(cat "$source" "${classpath//:/ }" "$JAVA_HOME/release" | sha256sum | cut -c1-16)
  dir=$cache/classes/$key
  if [[ ! -d $dir ]]; then
    # javac wants a public class in a file of its name (the sources run in source-file mode).
    name=$(sed -n 's/^public class \([A-Za-z0-9_]*\).*/\1/p' "$source" | head -1)
    [[ -n $name ]] || fail "$source declares no public class"
    mkdir -p "$cache/classes"
    tmp=$(mktemp -d "$cache/classes/.tmp.XXXXXX")
    cp "$source" "$tmp/$name.java"
    javac --release 17 -nowarn -cp "$classpath" -d "$tmp/out" "$tmp/$name.java" >&2 \
      || fail "javac $source (as $name.java)"
    mv "$tmp/out" "$dir"
    rm -rf "$tmp"
  fi
  echo "$dir"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
migrate_classes=$(compile "$here/migrate/Migrate.java" "${flyway_jars[0]}")
class_dirs=("$migrate_classes")
for v in "${versions[@]}"; do
  ctx=$work/$v
  mkdir -p "$ctx/lib" "$ctx/classes"
  cp "$jdbc" "$ctx/lib/postgresql.jar"
  ((${#flyway_extra[@]} == 0)) || cp "${flyway_extra[@]}" "$ctx/lib/"
  cp -r "$(compile "$releases/$v/api.java" "$jdbc")" "$ctx/classes/api"
  cp -r "$(compile "$releases/$v/worker.java" "$jdbc")" "$ctx/classes/worker"
  cp -r "$migrate_classes" "$ctx/classes/migrate"
  cp -r "$releases/$v/migrations" "$ctx/migrations"
  class_dirs+=("$ctx/classes/api" "$ctx/classes/worker")
done
say "compiled $(elapsed)"

# The base holds the modules that the services, the driver and Flyway use (jdeps, cached).
modules_key=$({
  cat "$JAVA_HOME/release" "$jdbc" "${flyway_extra[@]}"
  find "${class_dirs[@]}" -type f -name '*.class' | sort | xargs cat
} | sha256sum | cut -c1-16)
modules_file=$cache/modules/$modules_key
if [[ ! -f $modules_file ]]; then
  mkdir -p "$cache/modules"
  jdeps --multi-release 17 --ignore-missing-deps --print-module-deps \
    "${class_dirs[@]}" "$jdbc" "${flyway_extra[@]}" >"$modules_file.tmp" || fail "jdeps"
  mv "$modules_file.tmp" "$modules_file"
fi
say "base image: a Java runtime with $(cat "$modules_file") (cut with jlink once: about half a minute)"
base=$("$here/base.sh" "$(cat "$modules_file")")
base_id=$(podman image inspect --format '{{.Id}}' "$base")
say "base $base ready $(elapsed)"

# What each Containerfile copies from the build context.
declare -A copies=(
  [api]="lib/postgresql.jar classes/api"
  [worker]="lib/postgresql.jar classes/worker"
  [migrate]="lib classes/migrate migrations"
)
label=dev.lockstep.notes.inputs
images=()
for v in "${versions[@]}"; do
  for component in api worker migrate; do images+=("$prefix/$component:$v"); done
done
# Even a build whose every layer is cached takes seconds, so an image whose inputs (label) are
# unchanged is not built again. One inspect for all: each podman call costs a fraction of a second.
declare -A built=() ids=()
while read -r image id inputs; do
  built[$image]=$inputs
  ids[$image]=$id
done < <(
  podman image inspect --format "{{index .RepoTags 0}} {{.Id}} {{index .Labels \"$label\"}}" \
    "${images[@]}" 2>/dev/null || true
)
for v in "${versions[@]}"; do
  for component in api worker migrate; do
    image=$prefix/$component:$v
    inputs=$({
      echo "$base_id $v"
      cat "$here/$component.Containerfile"
      (cd "$work/$v" && find ${copies[$component]} -type f | sort | xargs sha256sum)
    } | sha256sum | cut -c1-16)
    if [[ ${built[$image]:-} != "$inputs" ]]; then
      say "building $image $(elapsed)"
      podman build --quiet --layers --pull=never -f "$here/$component.Containerfile" \
        --build-arg "BASE=$base" --build-arg "VERSION=$v" --label "$label=$inputs" \
        -t "$image" "$work/$v" >/dev/null || fail "podman build of $image"
      # The image this tag named before is left without a name: removed, unless a container
      # still uses it (rmi refuses, and that is fine).
      old=${ids[$image]:-}
      if [[ -n $old && $old != "$(podman image inspect --format '{{.Id}}' "$image")" ]]; then
        podman rmi "$old" >/dev/null 2>&1 || true
      fi
    fi
  done
done
podman image inspect --format '{{index .RepoTags 0}} {{.Id}} {{.Digest}}' "${images[@]}"
say "built ${#versions[@]} release(s) $(elapsed)"
