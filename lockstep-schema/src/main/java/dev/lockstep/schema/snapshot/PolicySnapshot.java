package dev.lockstep.schema.snapshot;

import java.util.List;

/**
 * A row-level security policy of a table. It only applies while the table's row-level security is
 * enabled, and not to the table's owner unless that is forced.
 *
 * @param oid the catalog id; a policy keeps it when renamed
 * @param command the command it applies to: {@code ALL}, {@code SELECT}, {@code INSERT}, {@code
 *     UPDATE} or {@code DELETE}
 * @param permissive a permissive policy lets rows through (any one of them suffices); a restrictive
 *     one must also pass
 * @param roles the roles it applies to, sorted; {@code public} for every role
 * @param using the {@code USING} expression (the rows that can be seen, updated, deleted), or null
 * @param withCheck the {@code WITH CHECK} expression (the rows that can be written), or null
 */
public record PolicySnapshot(
    long oid,
    String name,
    String command,
    boolean permissive,
    List<String> roles,
    String using,
    String withCheck) {

  public PolicySnapshot {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  /** {@code permissive policy p (ALL, to public)}: how a reason names it. */
  public String words() {
    return (permissive ? "permissive" : "restrictive")
        + " policy "
        + name
        + " ("
        + command
        + ", to "
        + String.join(", ", roles)
        + ")";
  }
}
