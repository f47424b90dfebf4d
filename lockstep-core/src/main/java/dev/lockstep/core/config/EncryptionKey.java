package dev.lockstep.core.config;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** A 256-bit backup encryption key, written as 64 hex digits or 44 base64 characters. */
public final class EncryptionKey {
  public static final int BYTES = 32;

  private EncryptionKey() {}

  /** The key's 32 bytes, or empty when {@code text} is not a 256-bit key in hex or base64. */
  public static Optional<byte[]> decode(String text) {
    String key = text.strip();
    try {
      byte[] bytes =
          key.matches("[0-9a-fA-F]{64}")
              ? HexFormat.of().parseHex(key)
              : Base64.getDecoder().decode(key);
      return bytes.length == BYTES ? Optional.of(bytes) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
