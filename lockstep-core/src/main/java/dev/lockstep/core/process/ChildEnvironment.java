package dev.lockstep.core.process;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.secrets.SecretRegistry;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of every child process Lockstep starts, of every kind: Lockstep's own, without
 * the ways libpq could pick up a credential ({@link #PG_CREDENTIALS}) and without the variables
 * Lockstep read its secrets from; then exactly what the caller adds (a service's {@code env}, a
 * Lockstep-made {@code PGPASSFILE}), which wins over anything withheld because it was asked for.
 */
public final class ChildEnvironment {
  /** libpq reads a password, or where to find one, from these; a child gets them only from us. */
  public static final List<String> PG_CREDENTIALS =
      List.of("PGPASSWORD", "PGPASSFILE", "PGSERVICE", "PGSERVICEFILE");

  private final Map<String, String> variables;

  private ChildEnvironment(Map<String, String> variables) {
    this.variables = Collections.unmodifiableMap(variables);
  }

  /** Lockstep's own environment, scrubbed. */
  public static ChildEnvironment inherited(SecretRegistry secrets) {
    return from(System.getenv(), secrets);
  }

  /** {@code base} scrubbed as Lockstep's own environment would be. */
  public static ChildEnvironment from(Map<String, String> base, SecretRegistry secrets) {
    Map<String, String> variables = new HashMap<>(base);
    PG_CREDENTIALS.forEach(variables::remove);
    Secret.variablesRead().forEach(variables::remove);
    secrets.variables().forEach(variables::remove);
    return new ChildEnvironment(variables);
  }

  /** This environment and {@code added}, which wins. */
  public ChildEnvironment with(Map<String, String> added) {
    Map<String, String> merged = new HashMap<>(variables);
    merged.putAll(added);
    return new ChildEnvironment(merged);
  }

  /**
   * With {@code db} in {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE} and {@code PGUSER}, and
   * its password in the file {@code passFile}: what a command needs to reach the deployment's
   * database with psql or any libpq program, and nothing on its command line.
   */
  public ChildEnvironment withDatabase(DatabaseConfig db, Path passFile) {
    Map<String, String> added = new HashMap<>();
    added.put("PGHOST", db.host());
    added.put("PGPORT", String.valueOf(db.port()));
    added.put("PGDATABASE", db.name());
    added.put("PGUSER", db.user());
    added.put("PGPASSFILE", passFile.toString());
    return with(added);
  }

  public Map<String, String> variables() {
    return variables;
  }

  /** Replaces {@code builder}'s environment (a copy of Lockstep's) with this one. */
  public void applyTo(ProcessBuilder builder) {
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.putAll(variables);
  }
}
