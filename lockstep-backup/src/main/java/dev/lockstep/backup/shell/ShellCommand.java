package dev.lockstep.backup.shell;

import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.core.process.ShellQuote;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store's dump, load or scratch-load command: a template from the configuration, its {@code
 * {dir}} and {@code {scratch}} filled in with folders Lockstep chose, to be run with {@code /bin/sh
 * -c}. The folders are also in the environment as {@code LOCKSTEP_DIR} and {@code
 * LOCKSTEP_SCRATCH}.
 */
public final class ShellCommand {
  /** Long enough for a dump of hundreds of gigabytes, short enough that a hung tool is noticed. */
  public static final Duration DEADLINE = Duration.ofHours(6);

  private static final String SHELL = "/bin/sh";

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
      String value = folder == null ? matcher.group() : ShellQuote.ifNeeded(folder.toString());
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /**
   * What runs the command: the shell, the folders in its environment, stopped at {@code deadline}.
   *
   * @param label what messages and logs call it, e.g. {@code dump graph}
   */
  public ProcessSpec spec(String label, Duration deadline) {
    Map<String, String> env = new HashMap<>();
    folders.forEach(
        (name, folder) -> env.put("LOCKSTEP_" + name.toUpperCase(Locale.ROOT), folder.toString()));
    return ProcessSpec.shell(label, SHELL, rendered())
        .withEnvironment(env)
        .withDeadline(deadline)
        .keepingLines(10);
  }
}
