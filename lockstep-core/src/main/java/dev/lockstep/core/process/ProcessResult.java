package dev.lockstep.core.process;

import java.time.Duration;
import java.util.List;

/**
 * How a child process ended. Every line kept here has had the deployment's secrets masked.
 *
 * @param ending whether it exited, was stopped at its deadline ({@code exitCode} is then -1) or
 *     could not be started ({@code exitCode} 127, the reason in {@code tail})
 * @param head the first lines of its output (stdout, or both streams when merged)
 * @param tail the last lines of its output
 * @param errorTail the last lines of its stderr, when kept apart; empty otherwise
 */
public record ProcessResult(
    String label,
    Ending ending,
    int exitCode,
    List<String> head,
    List<String> tail,
    List<String> errorTail,
    Duration took) {

  public static final int NOT_STARTED = 127;

  /** How a child process ended. */
  public enum Ending {
    EXITED,
    TIMED_OUT,
    NOT_STARTED
  }

  public ProcessResult {
    head = List.copyOf(head);
    tail = List.copyOf(tail);
    errorTail = List.copyOf(errorTail);
  }

  static ProcessResult notStarted(String label, String reason) {
    return new ProcessResult(
        label,
        Ending.NOT_STARTED,
        NOT_STARTED,
        List.of(),
        List.of(reason),
        List.of(),
        Duration.ZERO);
  }

  public boolean succeeded() {
    return ending == Ending.EXITED && exitCode == 0;
  }

  /** It ran past its deadline and was stopped. */
  public boolean timedOut() {
    return ending == Ending.TIMED_OUT;
  }

  /** It never ran: the program or the working folder is missing, say. */
  public boolean notStarted() {
    return ending == Ending.NOT_STARTED;
  }

  /** The first line of output, stripped, or "" when it printed nothing. */
  public String firstLine() {
    return head.isEmpty() ? "" : head.get(0).strip();
  }

  /** What best explains a failure: the end of stderr, or of the output when stderr was empty. */
  public String lastOutput() {
    List<String> lines = errorTail.stream().anyMatch(l -> !l.isBlank()) ? errorTail : tail;
    return String.join("\n", lines.stream().filter(l -> !l.isBlank()).toList());
  }

  /** "pg_dump exited with 1:\n pg_dump: error: ..." for one piece of an error message. */
  public String describeFailure() {
    String how =
        switch (ending) {
          case TIMED_OUT ->
              label + " did not finish by its deadline and was stopped after " + seconds();
          case NOT_STARTED -> label + " could not start";
          case EXITED -> label + " exited with " + exitCode;
        };
    String output = lastOutput();
    return how + ":\n    " + (output.isBlank() ? "(it printed nothing)" : indent(output));
  }

  private String seconds() {
    return took.toSeconds() + "s";
  }

  private static String indent(String text) {
    return text.strip().replace("\n", "\n    ");
  }
}
