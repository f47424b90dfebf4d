package dev.lockstep.core.process;

import dev.lockstep.core.config.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One child process to run to its end: what it is, where and with what it runs, how long it may
 * take and what is kept of its output. Built with {@link #of} or {@link #shell} and the {@code
 * with…} methods; {@link ProcessRunner} runs it.
 *
 * @param label what logs and messages call it: {@code pg_dump}, {@code api@local install}
 * @param display the command as logs and messages show it (secrets masked when shown)
 * @param workingDir where it runs; null for Lockstep's working directory
 * @param environment added to the scrubbed {@link ChildEnvironment}
 * @param database when set, the child gets this database in {@code PGHOST}, {@code PGPORT}, {@code
 *     PGDATABASE}, {@code PGUSER} and a temporary {@code PGPASSFILE}, deleted when it ends
 * @param deadline how long it may run before it is stopped; null for no limit
 * @param mergeErrors stderr goes where stdout goes (shell commands), or is kept apart (tools whose
 *     stderr explains a failure)
 * @param log a file its command and output are appended to, secrets masked; null for none
 * @param keepLines how many of the last lines of output are kept for messages
 * @param tickEvery how often {@code onTick} runs while it runs
 * @param onTick progress polling; an exception from it stops the child and is rethrown
 */
public record ProcessSpec(
    String label,
    List<String> argv,
    String display,
    Path workingDir,
    Map<String, String> environment,
    DatabaseConfig database,
    Duration deadline,
    boolean mergeErrors,
    Path log,
    int keepLines,
    Duration tickEvery,
    Runnable onTick) {

  private static final int DEFAULT_KEEP_LINES = 30;
  private static final Duration DEFAULT_TICK = Duration.ofMillis(200);

  public ProcessSpec {
    Objects.requireNonNull(label);
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a process needs a program to run");
    }
    environment = Map.copyOf(environment);
    Objects.requireNonNull(tickEvery);
    Objects.requireNonNull(onTick);
  }

  /** A program with its arguments, stderr kept apart. */
  public static ProcessSpec of(String label, List<String> argv) {
    return new ProcessSpec(
        label,
        argv,
        String.join(" ", argv),
        null,
        Map.of(),
        null,
        null,
        false,
        null,
        DEFAULT_KEEP_LINES,
        DEFAULT_TICK,
        () -> {});
  }

  /** {@code shell -c command}, its output in one stream; messages show the command only. */
  public static ProcessSpec shell(String label, String shell, String command) {
    return of(label, List.of(shell, "-c", command)).withDisplay(command).withMergedErrors();
  }

  public ProcessSpec withDisplay(String text) {
    return new ProcessSpec(
        label,
        argv,
        text,
        workingDir,
        environment,
        database,
        deadline,
        mergeErrors,
        log,
        keepLines,
        tickEvery,
        onTick);
  }

  public ProcessSpec in(Path dir) {
    return new ProcessSpec(
        label,
        argv,
        display,
        dir,
        environment,
        database,
        deadline,
        mergeErrors,
        log,
        keepLines,
        tickEvery,
        onTick);
  }

  /** With {@code added} in its environment, on top of what was added before. */
  public ProcessSpec withEnvironment(Map<String, String> added) {
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(added);
    return new ProcessSpec(
        label,
        argv,
        display,
        workingDir,
        merged,
        database,
        deadline,
        mergeErrors,
        log,
        keepLines,
        tickEvery,
        onTick);
  }

  public ProcessSpec withDatabase(DatabaseConfig db) {
    return new ProcessSpec(
        label,
        argv,
        display,
        workingDir,
        environment,
        db,
        deadline,
        mergeErrors,
        log,
        keepLines,
        tickEvery,
        onTick);
  }

  public ProcessSpec withDeadline(Duration limit) {
    return new ProcessSpec(
        label,
        argv,
        display,
        workingDir,
        environment,
        database,
        limit,
        mergeErrors,
        log,
        keepLines,
        tickEvery,
        onTick);
  }

  public ProcessSpec withMergedErrors() {
    return new ProcessSpec(
        label,
        argv,
        display,
        workingDir,
        environment,
        database,
        deadline,
        true,
        log,
        keepLines,
        tickEvery,
        onTick);
  }

  public ProcessSpec loggedTo(Path file) {
    return new ProcessSpec(
        label,
        argv,
        display,
        workingDir,
        environment,
        database,
        deadline,
        mergeErrors,
        file,
        keepLines,
        tickEvery,
        onTick);
  }

  public ProcessSpec keepingLines(int lines) {
    return new ProcessSpec(
        label,
        argv,
        display,
        workingDir,
        environment,
        database,
        deadline,
        mergeErrors,
        log,
        Math.max(1, lines),
        tickEvery,
        onTick);
  }

  public ProcessSpec every(Duration interval, Runnable tick) {
    return new ProcessSpec(
        label,
        argv,
        display,
        workingDir,
        environment,
        database,
        deadline,
        mergeErrors,
        log,
        keepLines,
        interval,
        tick);
  }

  /** The program's name, for messages: {@code pg_dump}, not its whole path. */
  public String program() {
    return Path.of(argv.get(0)).getFileName().toString();
  }
}
