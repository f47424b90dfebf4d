package dev.lockstep.cli;

import java.io.PrintWriter;

/** The {@code lockstep} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(
        LockstepCli.run(
            args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }
}
