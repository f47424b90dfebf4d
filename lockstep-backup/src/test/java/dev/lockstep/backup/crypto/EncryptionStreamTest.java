package dev.lockstep.backup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncryptionStreamTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] OTHER_KEY = new byte[32];

  static {
    new Random(1).nextBytes(KEY);
    new Random(2).nextBytes(OTHER_KEY);
  }

  @Test
  void encryptThenDecrypt_severalSegments_roundTrips() throws Exception {
    byte[] plain = new byte[3 * (64 << 10) + 12345];
    new Random(3).nextBytes(plain);

    byte[] stored = encrypt(Encryption.withKey(KEY), plain, "postgres/main/toc.dat");

    assertThat(stored.length).isGreaterThan(plain.length);
    assertThat(decrypt(Encryption.withKey(KEY), stored, "postgres/main/toc.dat")).isEqualTo(plain);
  }

  @Test
  void decrypt_changedByteOtherKeyOrOtherName_fails() throws Exception {
    byte[] stored = encrypt(Encryption.withKey(KEY), "hello".getBytes(), "a");
    byte[] changed = stored.clone();
    changed[changed.length - 3] ^= 1;

    assertThatThrownBy(() -> decrypt(Encryption.withKey(KEY), changed, "a"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> decrypt(Encryption.withKey(OTHER_KEY), stored, "a"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> decrypt(Encryption.withKey(KEY), stored, "b"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void keyCheck_isStablePerKeyAndDiffersBetweenKeys() {
    assertThat(Encryption.withKey(KEY).keyCheck())
        .isEqualTo(Encryption.withKey(KEY.clone()).keyCheck())
        .isNotEqualTo(Encryption.withKey(OTHER_KEY).keyCheck())
        .hasSize(32);
  }

  private static byte[] encrypt(Encryption encryption, byte[] plain, String name)
      throws IOException {
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    try (OutputStream out = encryption.encrypt(stored, name)) {
      out.write(plain);
    }
    return stored.toByteArray();
  }

  private static byte[] decrypt(Encryption encryption, byte[] stored, String name)
      throws IOException {
    try (InputStream in = encryption.decrypt(new ByteArrayInputStream(stored), name)) {
      return in.readAllBytes();
    }
  }
}
