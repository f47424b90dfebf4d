#!/usr/bin/env bash
# Builds the notes base image without any registry: a Java runtime cut from this machine's own
# JDK with jlink, the shared libraries it loads (found with ldd) and /bin/sh, imported into
# Podman as localhost/lockstep-notes/base:<hash of those inputs>.
# Usage: base.sh MODULES   (comma-separated, from jdeps; build.sh passes them)
# Prints the image name on stdout; does nothing but print it when that image already exists.
# (The modules label is space-separated: `docker compose ps --format json` joins labels with commas.)
set -euo pipefail

MODULES=${1:?usage: base.sh MODULES (comma-separated Java modules, e.g. java.base,java.sql)}
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")}
# Every library copied into the image must come from one of these packages, so that their
# versions in the hash below say when the base needs rebuilding.
LIB_PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g dash)
# java.desktop is there for java.beans (Flyway); its GUI native libraries would drag in X11.
GUI_LIBS='**/libawt*.so,**/libsplashscreen.so,**/libjsound.so,**/libfontmanager.so,**/liblcms.so,**/libjavajpeg.so,**/libmlib_image.so,**/libjawt.so'

fail() { echo "base.sh: FAILED: $*" >&2; exit 1; }
[[ -d $JAVA_HOME/jmods ]] || fail "$JAVA_HOME has no jmods/ for jlink (Debian: apt-get install openjdk-17-jdk-headless)"

inputs=$(
  cat "$0" "$JAVA_HOME/release"
  echo "$MODULES"
  dpkg-query -W -f '${Package} ${Version}\n' "${LIB_PACKAGES[@]}"
)
image=localhost/lockstep-notes/base:$(sha256sum <<<"$inputs" | cut -c1-16)
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
# A merged-/usr layout like Debian 12's, so each library goes to the path ldd printed.
mkdir -p "$root"/{usr/bin,usr/lib,usr/lib64,etc,opt,tmp}
ln -s usr/bin "$root/bin"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
chmod 1777 "$root/tmp"

# --generate-cds-archive: the JVM starts from a class-data archive, as the host's JDK does.
jlink --module-path "$JAVA_HOME/jmods" --add-modules "$MODULES" --output "$root/opt/java" \
  --strip-debug --no-header-files --no-man-pages --exclude-files="$GUI_LIBS" \
  --generate-cds-archive >&2 || fail "jlink --add-modules $MODULES"
cp /usr/bin/dash "$root/usr/bin/dash"
ln -s dash "$root/usr/bin/sh"

# Libraries inside the runtime (libjvm.so, found through the launcher's RPATH) are not listed.
mapfile -t libs < <(
  find "$root/opt/java" "$root/usr/bin/dash" -type f \( -name '*.so' -o -perm -u+x \) \
    -exec ldd {} \; 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(/ {print $1}' \
    | grep -v "^$root" | sort -u
)
((${#libs[@]} > 0)) || fail "ldd found no shared libraries for $root/opt/java/bin/java"
for lib in "${libs[@]}"; do
  # dpkg knows a file by the path its package ships, /lib/... or /usr/lib/... (merged /usr).
  owner=$({ dpkg -S "$lib" || dpkg -S "$(readlink -f "$lib")"; } 2>/dev/null | cut -d: -f1 | head -1)
  [[ " ${LIB_PACKAGES[*]} " == *" $owner "* ]] \
    || fail "$lib comes from package '${owner:-?}', not in LIB_PACKAGES of $0; add it there"
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
multiarch=$(dirname "$(printf '%s\n' "${libs[@]}" | grep -m1 '/libc\.so')")
echo "$multiarch" >"$root/etc/ld.so.conf"
ldconfig -r "$root"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"

tar -C "$root" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$work/rootfs.tar" .
podman import --quiet \
  --change 'ENV PATH=/opt/java/bin:/usr/bin' \
  --change 'ENV JAVA_HOME=/opt/java' \
  --change "LABEL dev.lockstep.notes.base.java=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")" \
  --change "LABEL dev.lockstep.notes.base.modules=${MODULES//,/ }" \
  "$work/rootfs.tar" "$image" >/dev/null || fail "podman import of $work/rootfs.tar as $image"
podman run --rm "$image" java -Xshare:auto -version >&2 \
  || { podman rmi "$image" >/dev/null; fail "java does not start in $image"; }
echo "$image"
