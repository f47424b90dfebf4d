package dev.lockstep.backup;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.StoreConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Hides the secrets Lockstep knows (database passwords, the backup key) in text that came from
 * outside, such as a store command as configured (its variables already filled in) or what that
 * command printed, before the text goes into an error message.
 */
final class Redactor {
  private static final String HIDDEN = "******";

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  static Redactor of(List<StoreConfig> stores, Secret encryptionKey) {
    List<String> secrets = new ArrayList<>();
    for (StoreConfig store : stores) {
      if (store.database() != null && store.database().password() != null) {
        secrets.add(store.database().password().reveal());
      }
    }
    if (encryptionKey != null) {
      secrets.add(encryptionKey.reveal().strip());
    }
    secrets.removeIf(String::isEmpty);
    return new Redactor(List.copyOf(secrets));
  }

  String redact(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, HIDDEN);
    }
    return result;
  }
}
