package dev.lockstep.core.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Ed25519 signatures of bytes, from the JDK. */
final class Signatures {
  private Signatures() {}

  static byte[] sign(PrivateKey key, byte[] data) {
    try {
      Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with an " + SigningKeys.ALGORITHM + " key", e);
    }
  }

  static boolean verify(PublicKey key, byte[] data, byte[] signed) {
    try {
      Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
      signature.initVerify(key);
      signature.update(data);
      return signature.verify(signed);
    } catch (GeneralSecurityException e) {
      // A signature of the wrong length or shape is not a valid one.
      return false;
    }
  }
}
