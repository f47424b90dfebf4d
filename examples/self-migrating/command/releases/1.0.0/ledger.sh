#!/bin/sh
# ledger 1.0.0: an example product that migrates itself the way a Liquibase-based product does.
# Its changesets are recorded in databasechangelog (id, author, filename … as Liquibase writes
# them, so the id Lockstep reads is db/changelog.yaml::<id>::ledger) under databasechangeloglock.
#
#   ledger.sh migrate   applies the pending changesets, then exits (a product's migrate command)
#   ledger.sh serve     runs the server; with MIGRATE_ON_START=yes it migrates first, logging
#                       "Update has been successful" or "Migration failed for changeset …"
#
# The database comes from PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSFILE or PGPASSWORD; psql
# from $PSQL.
set -u
VERSION='1.0.0'
CHANGELOG='db/changelog.yaml'
CHANGESETS='1'
PSQL="${PSQL:-psql}"
PGOPTIONS='-c client_min_messages=warning'
export PGOPTIONS

changeset_1() {
  echo 'CREATE TABLE entries (id bigserial PRIMARY KEY, amount numeric(12, 2) NOT NULL);'
}

changeset_2() {
  echo 'ALTER TABLE entries ADD COLUMN memo text;'
}

q() {
  "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

migrate() {
  q -c "CREATE TABLE IF NOT EXISTS databasechangeloglock (
          id INTEGER NOT NULL PRIMARY KEY, locked BOOLEAN NOT NULL,
          lockgranted TIMESTAMP, lockedby VARCHAR(255))" \
    -c "INSERT INTO databasechangeloglock (id, locked) VALUES (1, FALSE)
          ON CONFLICT (id) DO NOTHING" \
    -c "CREATE TABLE IF NOT EXISTS databasechangelog (
          id VARCHAR(255) NOT NULL, author VARCHAR(255) NOT NULL,
          filename VARCHAR(255) NOT NULL, dateexecuted TIMESTAMP NOT NULL,
          orderexecuted INTEGER NOT NULL, exectype VARCHAR(10) NOT NULL, md5sum VARCHAR(35),
          description VARCHAR(255), comments VARCHAR(255), tag VARCHAR(255),
          liquibase VARCHAR(20), contexts VARCHAR(255), labels VARCHAR(255),
          deployment_id VARCHAR(10))" || return 1
  got=$(q -c "UPDATE databasechangeloglock SET locked = TRUE, lockgranted = now(),
                lockedby = 'ledger $VERSION' WHERE id = 1 AND NOT locked RETURNING 1") || return 1
  if [ -z "$got" ]; then
    echo "Migration failed: could not acquire change log lock (held since an earlier run)"
    return 1
  fi
  applied=0
  for id in $CHANGESETS; do
    done_before=$(q -c "SELECT 1 FROM databasechangelog
                        WHERE id = '$id' AND author = 'ledger' AND filename = '$CHANGELOG'")
    if [ -n "$done_before" ]; then
      continue
    fi
    if ! error=$( { echo 'BEGIN;'; "changeset_$id"
                    echo "INSERT INTO databasechangelog (id, author, filename, dateexecuted,
                            orderexecuted, exectype, md5sum, description, liquibase)
                          SELECT '$id', 'ledger', '$CHANGELOG', now(),
                            coalesce(max(orderexecuted), 0) + 1, 'EXECUTED',
                            '9:' || md5('$id'), 'changeset $id', '4.29.2'
                          FROM databasechangelog;"
                    echo 'COMMIT;'; } | q -f - 2>&1); then
      printf '%s\n' "$error"
      echo "Migration failed for changeset $CHANGELOG::$id::ledger"
      q -c "UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL,
              lockedby = NULL WHERE id = 1"
      return 1
    fi
    echo "Running Changeset: $CHANGELOG::$id::ledger"
    applied=$((applied + 1))
  done
  q -c "UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL
          WHERE id = 1" || return 1
  echo "Liquibase: Update has been successful. Rows affected: $applied"
}

serve() {
  if [ "${MIGRATE_ON_START:-no}" = yes ]; then
    migrate || exit 1
  fi
  echo "ledger $VERSION ready"
  exec sleep 100000
}

case "${1:-}" in
  migrate) migrate ;;
  serve) serve ;;
  *) echo "usage: ledger.sh migrate|serve" >&2; exit 2 ;;
esac
