package dev.lockstep.targets.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The env file that pins each service's image ({@code target.compose.pins}): {@code VAR=image}
 * lines, other lines kept as they are. Every write replaces the file at once (a temporary file
 * beside it, then a move), so Compose never reads half a file. The first write that changes it
 * keeps the file as it was as {@code <pins>.previous}, the operator's way back by hand; later
 * writes of the same {@code PinsFile} (a rollback in the same run) leave that copy alone.
 */
public final class PinsFile {
  private final Path file;
  private boolean previousKept;

  public PinsFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  public Path previous() {
    return file.resolveSibling(file.getFileName() + ".previous");
  }

  /** The value of {@code variable}, quotes removed, if the file sets it. */
  public Optional<String> get(String variable) {
    for (String line : lines()) {
      Optional<String> value = valueOf(line, variable);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /**
   * Sets each variable of {@code pins}, replacing its line or appending one.
   *
   * @return whether the file changed
   */
  public boolean write(Map<String, String> pins) {
    List<String> before = lines();
    List<String> after = new ArrayList<>();
    Map<String, String> left = new LinkedHashMap<>(pins);
    for (String line : before) {
      String variable = variableOf(line);
      if (variable != null && pins.containsKey(variable)) {
        if (left.remove(variable) != null) {
          after.add(variable + "=" + pins.get(variable));
        }
      } else {
        after.add(line);
      }
    }
    left.forEach((variable, image) -> after.add(variable + "=" + image));
    if (after.equals(before) && Files.exists(file)) {
      return false;
    }
    try {
      keepPrevious();
      Path temp = file.resolveSibling("." + file.getFileName() + ".lockstep-tmp");
      Files.writeString(temp, String.join("\n", after) + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private void keepPrevious() throws IOException {
    if (previousKept) {
      return;
    }
    if (Files.exists(file)) {
      Files.copy(file, previous(), StandardCopyOption.REPLACE_EXISTING);
    } else {
      // No file before: a stale copy from an earlier run must not pass for this one's.
      Files.deleteIfExists(previous());
    }
    previousKept = true;
  }

  private List<String> lines() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> valueOf(String line, String variable) {
    if (!variable.equals(variableOf(line))) {
      return Optional.empty();
    }
    String value = line.substring(line.indexOf('=') + 1).strip();
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      value = value.substring(1, value.length() - 1);
    }
    return Optional.of(value);
  }

  /** The variable a {@code VAR=value} or {@code export VAR=value} line sets; null otherwise. */
  private static String variableOf(String line) {
    String text = line.strip();
    if (text.startsWith("export ")) {
      text = text.substring("export ".length()).strip();
    }
    int equals = text.indexOf('=');
    if (text.startsWith("#") || equals <= 0) {
      return null;
    }
    return text.substring(0, equals).strip();
  }
}
