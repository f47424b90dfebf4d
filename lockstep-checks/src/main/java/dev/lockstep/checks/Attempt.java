package dev.lockstep.checks;

/**
 * What one attempt of a check saw.
 *
 * @param refused nothing listened: the connection was refused, so no one answered at all
 */
record Attempt(boolean passed, String message, boolean refused) {

  static Attempt passed(String message) {
    return new Attempt(true, message, false);
  }

  static Attempt failed(String message) {
    return new Attempt(false, message, false);
  }

  static Attempt refused(String message) {
    return new Attempt(false, message, true);
  }
}
