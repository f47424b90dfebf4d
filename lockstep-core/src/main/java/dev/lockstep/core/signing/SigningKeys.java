package dev.lockstep.core.signing;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys as PEM files, the way {@code openssl genpkey -algorithm ed25519} writes them: the
 * private key as PKCS#8 ({@code PRIVATE KEY}), the public key as X.509 SubjectPublicKeyInfo ({@code
 * PUBLIC KEY}). A key is named by its id, {@code sha256:} and the hex of its public key's encoding.
 */
public final class SigningKeys {
  public static final String ALGORITHM = "Ed25519";

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private SigningKeys() {}

  public static KeyPair generate() {
    return generator(null).generateKeyPair();
  }

  /** The id the signature files and messages name a key by. */
  public static String keyId(PublicKey key) {
    return "sha256:" + Sha256.of(key.getEncoded());
  }

  public static String pem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  public static String pem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /**
   * The public key of {@code key}. The JDK has no call for it, but its generator derives the public
   * key from the 32 random bytes it draws, so drawing the private key's own bytes gives its pair.
   * The pair is checked by a signature, so a runtime that generates otherwise fails loudly.
   */
  public static PublicKey publicKeyOf(PrivateKey key) {
    byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
    SecureRandom fixed =
        new SecureRandom() {
          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
          }
        };
    PublicKey derived = generator(fixed).generateKeyPair().getPublic();
    byte[] probe = "lockstep key pair check".getBytes(StandardCharsets.US_ASCII);
    if (!Signatures.verify(derived, probe, Signatures.sign(key, probe))) {
      throw new IllegalStateException("this Java runtime cannot derive an Ed25519 public key");
    }
    return derived;
  }

  /**
   * Reads a public key; refused as {@code field} of {@code file}'s reader when it is not an Ed25519
   * public key in PEM.
   */
  public static PublicKey readPublic(Path file, ErrorCode code, Path namedIn, String field) {
    byte[] der = readPem(file, "PUBLIC KEY", code, namedIn, field);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw notAKey(file, "PUBLIC KEY", code, namedIn, field);
    }
  }

  /** Reads a private key, refused as {@link #readPublic} refuses. */
  public static PrivateKey readPrivate(Path file, ErrorCode code, Path namedIn, String field) {
    byte[] der = readPem(file, "PRIVATE KEY", code, namedIn, field);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw notAKey(file, "PRIVATE KEY", code, namedIn, field);
    }
  }

  private static byte[] readPem(
      Path file, String type, ErrorCode code, Path namedIn, String field) {
    String text;
    try {
      if (Files.size(file) > 64 * 1024) {
        throw notAKey(file, type, code, namedIn, field);
      }
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (java.nio.charset.MalformedInputException e) {
      throw notAKey(file, type, code, namedIn, field);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new BadInputException(
          code,
          new Problem(
              namedIn,
              field,
              "cannot read the key file " + file + " (" + e.getMessage() + ").",
              "name a readable "
                  + ALGORITHM
                  + " key file in PEM ("
                  + (type.equals("PUBLIC KEY") ? "<name>.pub" : "<name>.key")
                  + " from `lockstep release keygen`)."));
    }
    Matcher matcher = PEM.matcher(text);
    while (matcher.find()) {
      if (matcher.group(1).equals(type)) {
        try {
          return Base64.getMimeDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
          throw notAKey(file, type, code, namedIn, field);
        }
      }
    }
    throw notAKey(file, type, code, namedIn, field);
  }

  private static BadInputException notAKey(
      Path file, String type, ErrorCode code, Path namedIn, String field) {
    boolean pub = type.equals("PUBLIC KEY");
    return new BadInputException(
        code,
        new Problem(
            namedIn,
            field,
            file + " holds no " + ALGORITHM + (pub ? " public" : " private") + " key in PEM.",
            pub
                ? "name the vendor's public key (-----BEGIN PUBLIC KEY-----, `lockstep release"
                    + " keygen` writes it as <name>.pub, `openssl pkey -pubout` from a private"
                    + " key)."
                : "name a private key made by `lockstep release keygen` (<name>.key) or `openssl"
                    + " genpkey -algorithm ed25519`."));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static KeyPairGenerator generator(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      if (random != null) {
        generator.initialize(NamedParameterSpec.ED25519, random);
      }
      return generator;
    } catch (NoSuchAlgorithmException | java.security.InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("every Java 17 runtime has " + ALGORITHM, e);
    }
  }
}
