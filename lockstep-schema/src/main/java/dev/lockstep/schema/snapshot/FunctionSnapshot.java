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
 * @param language {@code plpgsql}, {@code sql}, {@code c} …
 * @param argumentCount how many arguments a call passes (its {@code OUT} arguments left out)
 * @param defaultCount how many of those, counted from the last, have a default and may be left out
 * @param raisesErrors whether a call can fail on purpose: its body, or the body of a function of
 *     the same snapshot that it calls, has a {@code RAISE} at {@code EXCEPTION} level or an {@code
 *     ASSERT}; always true in a language whose bodies Lockstep does not read (anything but SQL and
 *     PL/pgSQL)
 */
public record FunctionSnapshot(
    long oid,
    String schema,
    String name,
    String arguments,
    String result,
    String kind,
    String definitionHash,
    String language,
    int argumentCount,
    int defaultCount,
    boolean raisesErrors) {

  /** {@code schema.name(arguments)}: what a caller names. */
  public String signature() {
    return schema + "." + name + "(" + arguments + ")";
  }

  public String qualifiedName() {
    return schema + "." + name;
  }
}
