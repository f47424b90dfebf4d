package dev.lockstep.engine.gates;

import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;

/**
 * A Lockstep that starts an upgrade in the journal given as its argument, prints the run's id and
 * dies without finishing it, as a crashed one does.
 */
public final class CrashedRunMain {
  private CrashedRunMain() {}

  public static void main(String[] args) {
    Journal journal = Journal.open(java.nio.file.Path.of(args[0]));
    String id = journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "1.1.0").id();
    System.out.println(id);
    System.out.flush();
    Runtime.getRuntime().halt(137);
  }
}
