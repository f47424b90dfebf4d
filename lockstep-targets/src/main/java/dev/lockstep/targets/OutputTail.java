package dev.lockstep.targets;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.secrets.SecretRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The last lines of a log, for error messages. Known secrets are masked, because an error message
 * ends up in terminals, reports and issue trackers.
 */
public final class OutputTail {
  /** Bytes read from the end of a log: enough for a stack trace's top, not a whole log. */
  private static final int MAX_BYTES = 8 * 1024;

  private OutputTail() {}

  /** The last {@code maxLines} lines written to {@code log} after byte {@code from}. */
  public static String of(Path log, long from, int maxLines, Collection<Secret> secrets) {
    if (!Files.isRegularFile(log)) {
      return "";
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(from, file.length() - MAX_BYTES);
      byte[] bytes = new byte[(int) Math.max(0, file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      return lastLines(new String(bytes, StandardCharsets.UTF_8), maxLines, secrets);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** The last {@code maxLines} non-blank lines of {@code text}, secrets masked. */
  public static String lastLines(String text, int maxLines, Collection<Secret> secrets) {
    List<String> lines =
        Arrays.stream(redact(text, secrets).split("\\R")).filter(l -> !l.isBlank()).toList();
    return lines.subList(Math.max(0, lines.size() - maxLines), lines.size()).stream()
        .collect(Collectors.joining("\n"));
  }

  public static String redact(String text, Collection<Secret> secrets) {
    return SecretRegistry.of(secrets).redact(text);
  }

  /** {@code tail} indented under a heading, or a note that there was no output. */
  public static String describe(String tail) {
    if (tail.isBlank()) {
      return "It printed nothing.";
    }
    return "Last output:\n"
        + tail.lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
  }
}
