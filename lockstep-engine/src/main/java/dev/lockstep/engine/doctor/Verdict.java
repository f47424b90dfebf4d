package dev.lockstep.engine.doctor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one doctor check came out. */
public enum Verdict {
  /** What the config needs is there. */
  OK,
  /** Lockstep can run, but something is missing or unusual that the operator should know of. */
  WARN,
  /** Lockstep cannot do what the config asks until this is fixed: exit 1. */
  FAIL;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
