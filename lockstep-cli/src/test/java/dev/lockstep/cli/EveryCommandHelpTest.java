package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.output.SecretMask;
import dev.lockstep.core.yaml.Variables;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Walks the whole command tree, so that a command added later is covered without a new test. */
class EveryCommandHelpTest {

  @Test
  void help_everyCommandAndSubcommand_printsUsageAndExits0() {
    List<List<String>> paths = new ArrayList<>();
    collect(
        LockstepCli.commandLine(Variables.of(Map.of()), new SecretMask(), Terminal.none()),
        List.of(),
        paths);
    assertThat(paths).hasSizeGreaterThan(15);

    List<String> failures = new ArrayList<>();
    for (List<String> path : paths) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      int exitCode =
          LockstepCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
      String name = path.isEmpty() ? "lockstep" : path.get(path.size() - 1);
      if (exitCode != 0 || !out.toString().contains("Usage: ") || !out.toString().contains(name)) {
        failures.add(String.join(" ", args) + " -> exit " + exitCode + ": " + err);
      }
    }
    assertThat(failures).isEmpty();
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(path);
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (!sub.getValue().getCommandName().equals(sub.getKey())) {
        continue; // an alias of a command already walked
      }
      List<String> next = new ArrayList<>(path);
      next.add(sub.getKey());
      collect(sub.getValue(), next, paths);
    }
  }
}
