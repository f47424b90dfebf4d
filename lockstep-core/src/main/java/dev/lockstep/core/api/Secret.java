package dev.lockstep.core.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A value that must never be printed: {@link #toString()} hides it, and only code that hands it to
 * a database driver or writes it into a password file calls {@link #reveal()}.
 *
 * <p>A secret read from an environment variable remembers the variable's name, and the name is also
 * kept for the whole JVM ({@link #variablesRead()}): once Lockstep has read a secret from a
 * variable, no child process it starts inherits that variable, whichever code path starts it.
 */
public final class Secret {
  private static final Set<String> VARIABLES_READ = ConcurrentHashMap.newKeySet();

  private final String value;
  private final String variable;

  private Secret(String value, String variable) {
    this.value = Objects.requireNonNull(value);
    this.variable = variable;
  }

  public static Secret of(String value) {
    return new Secret(value, null);
  }

  /** A secret read from the environment variable {@code name}. */
  public static Secret fromVariable(String name, String value) {
    VARIABLES_READ.add(Objects.requireNonNull(name));
    return new Secret(value, name);
  }

  /** Every variable a secret was read from in this JVM. */
  public static Set<String> variablesRead() {
    return Set.copyOf(VARIABLES_READ);
  }

  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** The environment variable this secret was read from, if it was. */
  public Optional<String> variable() {
    return Optional.ofNullable(variable);
  }

  @Override
  public String toString() {
    return "******";
  }

  /** Secrets are equal when their values are, wherever they were read from. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
