package dev.lockstep.backup.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes bytes through while counting them and computing their sha256, so that a file's checksum is
 * known the moment it is written, without reading it back.
 */
public final class HashingOutputStream extends FilterOutputStream {
  private final MessageDigest digest;
  private long count;

  public HashingOutputStream(OutputStream out) {
    super(out);
    this.digest = newDigest();
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    digest.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
    digest.update(bytes, offset, length);
    count += length;
  }

  public long count() {
    return count;
  }

  /** The sha256 of everything written, in hex; call once, after the last write. */
  public String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
