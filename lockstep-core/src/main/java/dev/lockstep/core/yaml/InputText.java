package dev.lockstep.core.yaml;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The text of a config or manifest, read only if it is small enough to be one and decoded strictly
 * as UTF-8, so that a wrong file is refused with its name, size or the place of the bad byte
 * instead of filling the memory or reaching a value with a replaced character.
 */
public final class InputText {
  /** The largest config or manifest Lockstep reads: ample for a real one (they are a few KiB). */
  static final long MAX_BYTES = 1024 * 1024;

  private InputText() {}

  /** What reading a file gave: its text, or the problem that stops it being read. */
  record Result(String text, Problem problem) {}

  /**
   * Reads {@code file}. When it is not UTF-8, {@code fieldOf} is given the text with the bad bytes
   * replaced by U+FFFD and names the field whose value holds the first one (or null).
   */
  static Result read(Path file, String kindOfFile, Function<String, String> fieldOf) {
    Bytes read = bytes(file, kindOfFile);
    return read.problem() != null
        ? new Result(null, read.problem())
        : decode(file, read.bytes(), fieldOf);
  }

  /**
   * The bytes of {@code file}, read only if it is small enough to be a {@code kindOfFile}.
   *
   * @throws BadInputException with {@code code}, naming the file and the fix, when it is not
   */
  public static byte[] readBytes(Path file, String kindOfFile, ErrorCode code) {
    Bytes read = bytes(file, kindOfFile);
    if (read.problem() != null) {
      throw new BadInputException(code, read.problem());
    }
    return read.bytes();
  }

  /** What reading a file's bytes gave: its bytes, or the problem that stops them being read. */
  private record Bytes(byte[] bytes, Problem problem) {}

  private static Bytes bytes(Path file, String kindOfFile) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        return new Bytes(
            null,
            new Problem(
                file,
                "",
                "the "
                    + kindOfFile
                    + " is "
                    + size
                    + " bytes, more than the "
                    + MAX_BYTES
                    + " bytes (1 MiB) Lockstep reads; it was not read.",
                "check that it is the " + kindOfFile + ", not another file; a real one is small."));
      }
      if (!Files.isRegularFile(file)) {
        return new Bytes(
            null,
            new Problem(file, "", "is not a file.", "name the " + kindOfFile + " file itself."));
      }
      return new Bytes(Files.readAllBytes(file), null);
    } catch (NoSuchFileException e) {
      return new Bytes(
          null,
          new Problem(
              file,
              "",
              "the " + kindOfFile + " does not exist.",
              "check the path, or create it (see the README's configuration reference)."));
    } catch (IOException e) {
      return new Bytes(
          null,
          new Problem(file, "", "cannot be read: " + e.getMessage(), "check its permissions."));
    }
  }

  /** {@code bytes}, read from {@code file} already (by a caller that checked them first). */
  static Result decode(Path file, byte[] bytes, Function<String, String> fieldOf) {
    try {
      return new Result(strictUtf8().decode(ByteBuffer.wrap(bytes)).toString(), null);
    } catch (CharacterCodingException e) {
      return notUtf8(file, bytes, fieldOf);
    }
  }

  private static Result notUtf8(Path file, byte[] bytes, Function<String, String> fieldOf) {
    int offset = firstBadByte(bytes);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column =
        new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
    String field = fieldOf.apply(new String(bytes, StandardCharsets.UTF_8));
    return failed(
        file,
        field == null ? "" : field,
        String.format(
            Locale.ROOT,
            "line %d, column %d: byte 0x%02X is not UTF-8 (a file saved as Latin-1 or"
                + " Windows-1252?).",
            line,
            column,
            bytes[offset] & 0xFF),
        "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8), or write the value in ASCII.");
  }

  /** The offset of the first byte a strict decoder refuses; the input is known to hold one. */
  private static int firstBadByte(byte[] bytes) {
    CharsetDecoder decoder = strictUtf8();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return Math.min(in.position(), bytes.length - 1);
  }

  private static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static Result failed(Path file, String field, String message, String fix) {
    return new Result(null, new Problem(file, field, message, fix));
  }
}
