package dev.lockstep.cli.commands;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}: the deployment config to work on. */
public final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "the deployment config (default: ${DEFAULT-VALUE})",
      defaultValue = "lockstep.yaml")
  Path file;

  public Path file() {
    return file;
  }
}
