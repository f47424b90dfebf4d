package dev.lockstep.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/** The sha256 of files, as lower-case hex, the way {@code sha256sum} prints it. */
public final class Sha256 {
  private static final int BUFFER = 1 << 16;

  private Sha256() {}

  public static String of(Path file) {
    return of(file, bytes -> {});
  }

  /** Hashes {@code file}, telling {@code bytesRead} how far it got, for progress bars. */
  public static String of(Path file, LongConsumer bytesRead) {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        total += n;
        bytesRead.accept(total);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
