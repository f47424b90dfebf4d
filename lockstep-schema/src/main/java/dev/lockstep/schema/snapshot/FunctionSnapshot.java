package dev.lockstep.schema.snapshot;

/**
 * A function or procedure.
 *
 * @param arguments the identity arguments, as {@code pg_get_function_identity_arguments} prints
 *     them: {@code a integer, b text}
 * @param result the result type, as {@code pg_get_function_result} prints it
 * @param kind {@code function}, {@code procedure}, {@code aggregate} or {@code window}
 * @param definitionHash the md5 of its full definition, to see that the body changed without
 *     storing the body
 */
public record FunctionSnapshot(
    long oid,
    String schema,
    String name,
    String arguments,
    String result,
    String kind,
    String definitionHash) {

  /** {@code schema.name(arguments)}: what a caller names. */
  public String signature() {
    return schema + "." + name + "(" + arguments + ")";
  }
}
