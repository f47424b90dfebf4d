package dev.lockstep.core.config;

import java.util.List;

/**
 * Which schema changes count as drift. Products that change their own schema while they run (a
 * content model that adds columns through the product's API) would otherwise block every upgrade.
 *
 * @param ignore schemas, tables or other objects whose changes are not drift: {@code cms} (a whole
 *     schema), {@code public.entries} (a table and everything on it), {@code *} matching any
 *     characters
 * @param scope {@link Scope#ALL} judges every change; {@link Scope#OWNED} only changes to objects
 *     the reference schema has, so objects the product added beside them are left alone
 */
public record DriftConfig(List<String> ignore, Scope scope) {

  public enum Scope {
    ALL,
    OWNED
  }

  public DriftConfig {
    ignore = List.copyOf(ignore);
  }

  /** Every change to every object is drift: the default. */
  public static DriftConfig everything() {
    return new DriftConfig(List.of(), Scope.ALL);
  }

  public boolean narrowed() {
    return !ignore.isEmpty() || scope != Scope.ALL;
  }
}
