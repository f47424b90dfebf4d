package dev.lockstep.schema.snapshot;

import java.util.List;

/**
 * A constraint of a table, or a CHECK of a domain (whose columns are empty). NOT NULL is a property
 * of the column or domain, not one of these.
 *
 * @param oid the catalog id; a constraint keeps it when renamed
 * @param columns the table's columns it involves, in key order
 * @param definition as {@code pg_get_constraintdef} prints it, e.g. {@code FOREIGN KEY (user_id)
 *     REFERENCES public.users(id) ON DELETE CASCADE NOT VALID}
 * @param validated false while a constraint added {@code NOT VALID} has not been validated: new
 *     rows are checked, existing rows are not
 * @param onDelete for a foreign key, what deleting the referenced row does ({@code NO ACTION},
 *     {@code CASCADE}, {@code SET NULL} …), else null
 */
public record ConstraintSnapshot(
    long oid,
    String name,
    ConstraintType type,
    List<String> columns,
    String definition,
    boolean validated,
    String onDelete) {

  public ConstraintSnapshot {
    columns = columns == null ? List.of() : List.copyOf(columns);
  }

  public enum ConstraintType {
    PRIMARY_KEY("primary key"),
    UNIQUE("unique constraint"),
    CHECK("check constraint"),
    FOREIGN_KEY("foreign key"),
    EXCLUSION("exclusion constraint");

    private final String words;

    ConstraintType(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }
}
