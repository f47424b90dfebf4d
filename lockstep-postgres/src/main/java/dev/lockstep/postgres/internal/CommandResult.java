package dev.lockstep.postgres.internal;

/**
 * How a child process ended.
 *
 * @param stderrTail the last lines it wrote to stderr, for error messages
 */
public record CommandResult(String program, int exitCode, String stdout, String stderrTail) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** "exit 1: pg_dump: error: ..." — what went wrong, in one piece of an error message. */
  public String describeFailure() {
    String tail = stderrTail.isBlank() ? "(nothing on stderr)" : stderrTail.strip();
    return program + " exited with " + exitCode + ":\n" + indent(tail);
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }
}
