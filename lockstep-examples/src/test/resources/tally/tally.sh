#!/bin/sh
# tally @VERSION@: a small product that migrates itself, for Lockstep's tests. It records its
# migrations as Prisma does, in _prisma_migrations: a row when one starts, finished_at once it is
# done, psql's error in logs when it fails; after a failure it refuses to migrate until the failed
# row is resolved (Prisma's P3009).
#
#   tally.sh migrate   applies the pending migrations, then exits (the product's migrate command)
#   tally.sh serve     runs the server; a release that migrates on start-up applies them first,
#                      logging "migrations: N applied, 0 failed" or "migrations: failed: ..."
#
# The database comes from PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSFILE; psql from $PSQL.
set -u
VERSION='@VERSION@'
MIGRATE_ON_START='@MIGRATE_ON_START@'
MIGRATIONS='@MIGRATIONS@'
PSQL="${PSQL:-psql}"
PGOPTIONS='-c client_min_messages=warning'
export PGOPTIONS

@SQL@
q() {
  "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

migrate() {
  q -c "CREATE TABLE IF NOT EXISTS _prisma_migrations (
          id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL,
          finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT,
          rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
          applied_steps_count INTEGER NOT NULL DEFAULT 0)" || return 1
  blocked=$(q -c "SELECT migration_name FROM _prisma_migrations
                  WHERE finished_at IS NULL AND rolled_back_at IS NULL LIMIT 1") || return 1
  if [ -n "$blocked" ]; then
    echo "migrations: failed: $blocked failed before; resolve it first (P3009)"
    return 1
  fi
  applied=0
  for name in $MIGRATIONS; do
    done_before=$(q -c "SELECT 1 FROM _prisma_migrations WHERE migration_name = '$name'
                        AND finished_at IS NOT NULL AND rolled_back_at IS NULL") || return 1
    if [ -n "$done_before" ]; then
      continue
    fi
    echo "migrations: applying $name"
    q -c "INSERT INTO _prisma_migrations (id, checksum, migration_name)
          VALUES (md5(random()::text || clock_timestamp()::text), md5('$name'), '$name')" || return 1
    if error=$("sql_$name" | q -1 -f - 2>&1); then
      q -c "UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1
            WHERE migration_name = '$name' AND finished_at IS NULL" || return 1
      applied=$((applied + 1))
    else
      printf '%s\n' "$error"
      logs=$(printf '%s' "$error" | sed "s/'/''/g")
      q -c "UPDATE _prisma_migrations SET logs = '$logs'
            WHERE migration_name = '$name' AND finished_at IS NULL"
      echo "migrations: failed: $name ($applied applied)"
      return 1
    fi
  done
  echo "migrations: $applied applied, 0 failed"
}

serve() {
  if [ "$MIGRATE_ON_START" = yes ]; then
    migrate || exit 1
  fi
  echo "server ready: tally $VERSION"
  exec sleep 100000
}

case "${1:-}" in
  migrate) migrate ;;
  serve) serve ;;
  *) echo "usage: tally.sh migrate|serve" >&2; exit 2 ;;
esac
