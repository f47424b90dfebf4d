package dev.lockstep.core.config;

/**
 * A secret of the config whose environment variable is not set, as a command that only reads loads
 * it (empty) and tells the operator.
 *
 * @param field where the config points at it, such as {@code database.password}
 * @param variable the environment variable it names
 */
public record UnsetSecret(String field, String variable) {

  /** "password variable NOTES_DB_PASSWORD is not set (database.password)". */
  public String describe() {
    String leaf = field.substring(field.lastIndexOf('.') + 1);
    return leaf + " variable " + variable + " is not set (" + field + ")";
  }
}
