package dev.lockstep.checks;

import dev.lockstep.core.api.Secret;
import java.util.Collection;
import java.util.List;

/** Masks known secrets in what a check quotes from a response or a command's output. */
final class Redactor {
  private final List<Secret> secrets;

  Redactor(Collection<Secret> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  String redact(String text) {
    String result = text;
    for (Secret secret : secrets) {
      if (!secret.isEmpty()) {
        result = result.replace(secret.reveal(), secret.toString());
      }
    }
    return result;
  }

  /** One line of at most {@code max} characters, for quoting inside a message. */
  String excerpt(String text, int max) {
    String line = redact(text).strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() <= max ? line : line.substring(0, max) + "…";
  }
}
