package dev.lockstep.cli.badinput;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A case made real in a temporary folder: the base deployment ({@code _base}), the case's own files
 * over it, its links and grown files, and the tokens in its text files filled in: {@code @DIR@},
 * {@code @DB_HOST@}, {@code @DB_PORT@}, {@code @DB_NAME@}, {@code @DB_USER@},
 * {@code @DB_PASSWORD@}, and {@code @SHA256(path)@} (relative to the file's own folder).
 */
final class CaseFolder {
  /** Nothing listens on port 1: a case refused too late fails to connect instead of passing. */
  private static final DatabaseConfig NO_DATABASE =
      new DatabaseConfig(
          "127.0.0.1",
          1,
          "notes",
          "notes",
          dev.lockstep.core.api.Secret.of("bad-input-unused-password"),
          "postgres");

  private static final Pattern SHA256 = Pattern.compile("@SHA256\\(([^)]+)\\)@");

  private CaseFolder() {}

  static Path create(Path cases, BadInputCase spec, Path dir, DatabaseConfig database)
      throws IOException {
    copy(cases.resolve("_base"), dir);
    for (String removed : spec.remove()) {
      Files.delete(dir.resolve(removed));
    }
    copy(cases.resolve(spec.name()), dir);
    Files.deleteIfExists(dir.resolve(BadInputCase.SPEC));
    for (Map.Entry<String, String> link : spec.links().entrySet()) {
      Files.deleteIfExists(dir.resolve(link.getKey()));
      Files.createSymbolicLink(dir.resolve(link.getKey()), Path.of(link.getValue()));
    }
    DatabaseConfig db = database == null ? NO_DATABASE : database;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
        fillIn(file, dir, db);
      }
    }
    for (Map.Entry<String, Long> grown : spec.grow().entrySet()) {
      try (RandomAccessFile file =
          new RandomAccessFile(dir.resolve(grown.getKey()).toFile(), "rw")) {
        file.setLength(grown.getValue());
      }
    }
    return dir;
  }

  /** Every entry below {@code dir} with its kind, size and modification time. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.toList()) {
        BasicFileAttributes attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        entries.put(
            dir.relativize(path).toString(),
            (attributes.isDirectory() ? "dir " : attributes.isSymbolicLink() ? "link " : "file ")
                + attributes.size()
                + " "
                + attributes.lastModifiedTime());
      }
    }
    return entries;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * Fills in the tokens of a file. Read as ISO-8859-1, which maps every byte to one character and
   * back, so a case's deliberately wrong bytes stay as they are.
   */
  private static void fillIn(Path file, Path dir, DatabaseConfig db) throws IOException {
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    String filled =
        text.replace("@DIR@", dir.toString())
            .replace("@DB_HOST@", db.host())
            .replace("@DB_PORT@", String.valueOf(db.port()))
            .replace("@DB_NAME@", db.name())
            .replace("@DB_USER@", db.user())
            .replace("@DB_PASSWORD@", db.password().reveal());
    Matcher sha = SHA256.matcher(filled);
    StringBuilder result = new StringBuilder();
    while (sha.find()) {
      sha.appendReplacement(result, sha256(file.getParent().resolve(sha.group(1))));
    }
    sha.appendTail(result);
    if (!result.toString().equals(text)) {
      Files.writeString(file, result.toString(), StandardCharsets.ISO_8859_1);
    }
  }

  /** The file's real sha256; 64 zeros for a file this machine lacks (the case must not need it). */
  private static String sha256(Path file) {
    try {
      return Files.isRegularFile(file) ? Sha256.of(file) : "0".repeat(64);
    } catch (UncheckedIOException e) {
      return "0".repeat(64);
    }
  }
}
