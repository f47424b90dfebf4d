package dev.lockstep.core.config;

import java.util.Locale;

/** What a gate does when it finds something wrong that the operator may choose to accept. */
public enum GatePolicy {
  /** The gate says what is wrong and the upgrade goes on. */
  WARN,
  /** The gate refuses the upgrade (the default). */
  BLOCK;

  /** As the config writes it. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
