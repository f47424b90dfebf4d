package dev.lockstep.checks;

/** What one attempt of a check saw. */
record Attempt(boolean passed, String message) {

  static Attempt passed(String message) {
    return new Attempt(true, message);
  }

  static Attempt failed(String message) {
    return new Attempt(false, message);
  }
}
