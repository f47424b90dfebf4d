package dev.lockstep.cli.serve;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The token an action of {@code lockstep serve} must carry ({@code Authorization: Bearer …}):
 * generated at start and shown once to the operator, or read from a file.
 */
public final class ActionToken {
  private static final int MIN_LENGTH = 16;

  private final Secret value;

  private ActionToken(Secret value) {
    this.value = value;
  }

  /** 32 random bytes, URL-safe. */
  public static ActionToken generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new ActionToken(
        Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
  }

  /** The first line of {@code file}; refused (exit 2) if it is missing or too short to guess. */
  public static ActionToken fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "--token-file "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "). Fix: point it at a"
              + " readable file holding the token on one line.");
    }
    String token = text.lines().findFirst().orElse("").strip();
    if (token.length() < MIN_LENGTH) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "--token-file "
              + file
              + " holds a token of "
              + token.length()
              + " characters; at least "
              + MIN_LENGTH
              + " are needed. Fix: write a long random token in it, e.g. `openssl rand -hex 32 > "
              + file
              + "`.");
    }
    return new ActionToken(Secret.of(token));
  }

  /** The token itself, to mask in every response and to show the operator once. */
  public Secret secret() {
    return value;
  }

  /**
   * Whether {@code authorization} (an {@code Authorization} header, or null) carries this token;
   * compared in constant time, over digests so that not even the length shows.
   */
  public boolean matches(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    String given = authorization.substring("Bearer ".length()).strip();
    return MessageDigest.isEqual(digest(given), digest(value.reveal()));
  }

  private static byte[] digest(String text) {
    return Sha256.of(text.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
  }
}
