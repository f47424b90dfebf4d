package dev.lockstep.core.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that Lockstep refuses before touching anything: a malformed or incomplete configuration or
 * release manifest, an unpinned or unknown version, a digest that does not match. Always exit 2.
 */
public class BadInputException extends LockstepException {
  private final List<Problem> problems;

  public BadInputException(ErrorCode errorCode, List<Problem> problems) {
    super(errorCode, render(problems));
    this.problems = List.copyOf(problems);
  }

  public BadInputException(ErrorCode errorCode, Problem problem) {
    this(errorCode, List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).describe();
    }
    return problems.size()
        + " problems:\n"
        + problems.stream().map(p -> "  - " + p.describe()).collect(Collectors.joining("\n"));
  }
}
