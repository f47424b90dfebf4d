package dev.lockstep.cli;

import java.io.Console;
import java.util.Optional;

/**
 * Where a command asks the operator a question. Injected, like the output writers, so that tests
 * can answer; {@link #system()} is the process's console, which Java has only when both standard
 * input and output are a terminal.
 */
public interface Terminal {
  /** True when a person can be asked: there is a terminal to ask on. */
  boolean interactive();

  /** Shows {@code prompt} and reads one line; empty at the end of input. */
  Optional<String> ask(String prompt);

  /** The process's console, or a terminal that cannot ask when there is none. */
  static Terminal system() {
    Console console = System.console();
    if (console == null) {
      return none();
    }
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public Optional<String> ask(String prompt) {
        return Optional.ofNullable(console.readLine("%s", prompt));
      }
    };
  }

  /** No terminal: scripts, CI, a pipe. */
  static Terminal none() {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public Optional<String> ask(String prompt) {
        return Optional.empty();
      }
    };
  }
}
