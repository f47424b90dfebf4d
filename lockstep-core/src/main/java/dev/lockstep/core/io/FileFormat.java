package dev.lockstep.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The format of one kind of file that Lockstep writes and reads back later (a backup manifest, a
 * schema snapshot, a run report). Each such file carries {@value #FIELD}, and these rules hold:
 *
 * <ul>
 *   <li>A file without {@value #FIELD} was written before files had versions, and is version
 *       {@value #UNVERSIONED}: version 1 is exactly that shape, with the field added.
 *   <li>A reader accepts every version from 1 to its current one, so the next release reads what
 *       this one wrote (golden files of every version are kept in the tests).
 *   <li>A newer version is refused, naming the file and both versions: guessing at a newer shape
 *       could misread a backup, and a misread backup is worse than none.
 *   <li>Unknown fields in a known version are ignored. A release may add an optional field without
 *       a new version when a reader that ignores it still reads the file right; a change that would
 *       make an older reader misread the file takes a new version.
 * </ul>
 *
 * @param what the kind of file, for messages: {@code backup manifest}, {@code schema snapshot}
 * @param current the version this Lockstep writes, and the newest it reads
 * @param refusal the error a file whose version is not a version raises (an exit-2 code); a newer
 *     version raises {@link ErrorCode#FORMAT_TOO_NEW}
 */
public record FileFormat(String what, int current, ErrorCode refusal) {
  public static final String FIELD = "formatVersion";
  public static final int UNVERSIONED = 1;

  public FileFormat {
    if (current < UNVERSIONED) {
      throw new IllegalArgumentException("a format version starts at " + UNVERSIONED);
    }
  }

  /**
   * Reads {@code file} as one JSON object and checks its version; the document returned holds
   * {@value #FIELD} even when the file did not.
   *
   * @throws IOException when it cannot be read ({@link java.nio.file.NoSuchFileException} when it
   *     does not exist), is not JSON, or not an object
   * @throws BadInputException when the version is newer than {@link #current}, or not a version
   */
  public Versioned readTree(Path file) throws IOException {
    JsonNode document;
    try (InputStream in = Files.newInputStream(file)) {
      document = Json.mapper().readTree(in);
    }
    if (document == null || !document.isObject()) {
      throw new IOException("it is not a JSON object");
    }
    int version = versionOf(document, file);
    // A file from before versions existed reads as what it is: version 1.
    ((ObjectNode) document).put(FIELD, version);
    return new Versioned(version, document);
  }

  /**
   * Reads {@code file} into {@code type}, for a format that has had only one shape so far: every
   * version it accepts maps onto {@code type} as it is.
   */
  public <T> T read(Path file, Class<T> type) throws IOException {
    return Json.mapper().treeToValue(readTree(file).document(), type);
  }

  /** The version of {@code document}, read from {@code file}; refused when this Lockstep cannot. */
  public int versionOf(JsonNode document, Path file) {
    JsonNode field = document.get(FIELD);
    if (field == null || field.isNull()) {
      return UNVERSIONED;
    }
    if (!field.isIntegralNumber() || !field.canConvertToInt() || field.intValue() < UNVERSIONED) {
      throw refused(
          refusal,
          file,
          field + " is not a format version.",
          "restore the file from where it came from; Lockstep writes whole numbers from "
              + UNVERSIONED
              + ".");
    }
    int version = field.intValue();
    if (version > current) {
      throw refused(
          ErrorCode.FORMAT_TOO_NEW,
          file,
          "this "
              + what
              + " has format version "
              + version
              + ", written by a newer Lockstep; this Lockstep reads versions "
              + UNVERSIONED
              + " to "
              + current
              + ".",
          "use a Lockstep that reads format version "
              + version
              + " (the release that wrote the file, or a later one).");
    }
    return version;
  }

  private static BadInputException refused(ErrorCode code, Path file, String message, String fix) {
    return new BadInputException(code, new Problem(file, FIELD, message, fix));
  }

  /** A document and the version it was written in. */
  public record Versioned(int version, JsonNode document) {}
}
