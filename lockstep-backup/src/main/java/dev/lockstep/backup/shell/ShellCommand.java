package dev.lockstep.backup.shell;

import dev.lockstep.postgres.internal.Command;
import dev.lockstep.postgres.internal.CommandResult;
import dev.lockstep.postgres.internal.CommandTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store's dump, load or scratch-load command: a template from the configuration, its {@code
 * {dir}} and {@code {scratch}} filled in with folders Lockstep chose, run with {@code /bin/sh -c}
 * until it exits or its deadline passes. The folders are also in the environment as {@code
 * LOCKSTEP_DIR} and {@code LOCKSTEP_SCRATCH}.
 */
public final class ShellCommand {
  /** Long enough for a dump of hundreds of gigabytes, short enough that a hung tool is noticed. */
  public static final Duration DEADLINE = Duration.ofHours(6);

  private static final String SHELL = "/bin/sh";
  private static final Duration POLL = Duration.ofMillis(500);

  /** Paths made only of these mean the same to a shell quoted or not; others are quoted. */
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(dir|scratch)}");

  private final String template;
  private final Map<String, Path> folders;

  /**
   * @param folders {@code dir} and, for a scratch load, {@code scratch}
   */
  public ShellCommand(String template, Map<String, Path> folders) {
    this.template = template;
    this.folders = Map.copyOf(folders);
  }

  /** The command line the shell gets. */
  public String rendered() {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      Path folder = folders.get(matcher.group(1));
      String value = folder == null ? matcher.group() : quoteIfNeeded(folder.toString());
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /**
   * Runs the command to its end; a non-zero exit, or the deadline passing (the command is then
   * killed, exit code -1), is returned rather than thrown.
   *
   * @param tick run every half second while the command runs, for progress
   */
  public CommandResult run(Duration deadline, Runnable tick) {
    Map<String, String> env = new HashMap<>();
    folders.forEach(
        (name, folder) -> env.put("LOCKSTEP_" + name.toUpperCase(Locale.ROOT), folder.toString()));
    try {
      return Command.of(List.of(SHELL, "-c", rendered()))
          .env(env)
          .timeout(deadline)
          .every(POLL, tick)
          .run();
    } catch (CommandTimeoutException e) {
      return new CommandResult(SHELL, -1, "", e.getMessage());
    }
  }

  static String quoteIfNeeded(String value) {
    return SHELL_SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
