package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.yaml.Variables;
import dev.lockstep.examples.SampleDeployment;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Lockstep's command line, run in this JVM on a sample deployment as an operator types it: its
 * config given with {@code -c} (except to {@code release} commands, which take none), its
 * environment's variables set, no terminal.
 */
final class SampleCli {
  /**
   * @param stdout what the command printed as its result
   * @param output stdout and stderr together, for assertion messages
   */
  record Result(int code, String stdout, String output) {}

  private final SampleDeployment sample;

  SampleCli(SampleDeployment sample) {
    this.sample = sample;
  }

  Result run(String... args) {
    String[] withConfig = args;
    if (!args[0].equals("release")) {
      withConfig = new String[args.length + 2];
      System.arraycopy(args, 0, withConfig, 0, args.length);
      withConfig[args.length] = "-c";
      withConfig[args.length + 1] = sample.configFile().toString();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        LockstepCli.run(
            withConfig,
            new PrintWriter(out),
            new PrintWriter(err),
            Variables.fromEnvironment().with(sample.environment()),
            Terminal.none());
    return new Result(code, out.toString(), out + "\n" + err);
  }

  /** Runs the command, which must exit 0; returns its stdout. */
  String succeeds(String... args) {
    Result result = run(args);
    assertThat(result.code()).as(result.output()).isZero();
    return result.stdout();
  }
}
