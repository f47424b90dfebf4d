package dev.lockstep.schema.sql;

/**
 * A PostgreSQL command that JSqlParser 5.3 does not parse but whose few keywords say all the lint
 * needs: {@code VACUUM FULL}, {@code LOCK TABLE}, {@code ALTER TYPE … ADD VALUE} …
 *
 * @param target the object it acts on, normalised ({@code public.notes}), or null
 * @param detail what else matters: the lock mode, the enum label, the new name; or null
 */
public record Command(Kind kind, String target, String detail) {

  public enum Kind {
    TRANSACTION_CONTROL,
    SESSION_SETTING,
    VACUUM,
    VACUUM_FULL,
    CLUSTER,
    LOCK_TABLE,
    REINDEX,
    REINDEX_CONCURRENTLY,
    CREATE_TYPE,
    /**
     * {@code CREATE DOMAIN}; the detail is {@code NOT NULL} when a column of it must be given a
     * value (it refuses NULL and has no default), else null.
     */
    CREATE_DOMAIN,
    /** {@code ALTER DOMAIN … ADD … CHECK (…)}; the detail is the constraint's name, or null. */
    ALTER_DOMAIN_ADD_CHECK,
    ALTER_DOMAIN_SET_NOT_NULL,
    ALTER_DOMAIN_RENAME,
    ALTER_TYPE_ADD_VALUE,
    ALTER_TYPE_RENAME_VALUE,
    ALTER_TYPE_RENAME,
    DROP_TYPE,
    CREATE_EXTENSION,
    CREATE_SCHEMA,
    CREATE_PARTITION,
    RENAME_VIEW,
    RENAME_FUNCTION,
    RENAME_INDEX,
    ALTER_SEQUENCE,
    /** {@code ALTER TABLE … ADD CONSTRAINT … UNIQUE | PRIMARY KEY USING INDEX …}. */
    ADD_CONSTRAINT_USING_INDEX
  }
}
