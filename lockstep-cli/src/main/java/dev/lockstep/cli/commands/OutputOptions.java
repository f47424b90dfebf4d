package dev.lockstep.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --output} and {@code --stacktrace}, shared by every command that reports something. */
public final class OutputOptions {
  public enum Format {
    text,
    json
  }

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description = "text (default) or json",
      defaultValue = "text")
  Format format = Format.text;

  @Option(names = "--stacktrace", description = "print the stack trace of a failure")
  boolean stacktrace;

  public boolean json() {
    return format == Format.json;
  }

  public boolean stacktrace() {
    return stacktrace;
  }

  /** The options of the command that ran, or defaults if it has none. */
  public static OutputOptions of(CommandLine commandLine) {
    Object mixin = commandLine.getCommandSpec().mixins().get("output");
    if (mixin != null && mixin.getClass() == CommandLine.Model.CommandSpec.class) {
      Object user = ((CommandLine.Model.CommandSpec) mixin).userObject();
      if (user instanceof OutputOptions options) {
        return options;
      }
    }
    return new OutputOptions();
  }
}
