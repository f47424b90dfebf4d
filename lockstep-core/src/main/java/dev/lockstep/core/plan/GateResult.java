package dev.lockstep.core.plan;

/**
 * The verdict of one pre-flight gate.
 *
 * @param fix what the operator can do when the gate blocks or warns; null when it passed
 */
public record GateResult(String gate, Verdict verdict, String message, String fix) {

  public enum Verdict {
    PASSED,
    /**
     * Something is wrong that the operator chose to be told about rather than stopped by (a gate
     * whose policy is warn): the upgrade goes on.
     */
    WARNED,
    /** The deployment is not ready (a run in progress, too little disk): exit 1. */
    BLOCKED,
    /** The input is wrong (a digest that does not match): exit 2. */
    INVALID
  }

  public static GateResult passed(String gate, String message) {
    return new GateResult(gate, Verdict.PASSED, message, null);
  }

  public static GateResult warned(String gate, String message, String fix) {
    return new GateResult(gate, Verdict.WARNED, message, fix);
  }

  public static GateResult blocked(String gate, String message, String fix) {
    return new GateResult(gate, Verdict.BLOCKED, message, fix);
  }

  public static GateResult invalid(String gate, String message, String fix) {
    return new GateResult(gate, Verdict.INVALID, message, fix);
  }

  public boolean blocked() {
    return verdict == Verdict.BLOCKED || verdict == Verdict.INVALID;
  }

  public boolean warned() {
    return verdict == Verdict.WARNED;
  }
}
