package dev.lockstep.checks;

import dev.lockstep.core.secrets.SecretRegistry;

/** Quotes a response or a command's output inside a check's message, secrets masked. */
final class Redactor {
  private final SecretRegistry secrets;

  Redactor(SecretRegistry secrets) {
    this.secrets = secrets;
  }

  String redact(String text) {
    return secrets.redact(text);
  }

  /** One line of at most {@code max} characters, for quoting inside a message. */
  String excerpt(String text, int max) {
    String line = redact(text).strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() <= max ? line : line.substring(0, max) + "…";
  }
}
