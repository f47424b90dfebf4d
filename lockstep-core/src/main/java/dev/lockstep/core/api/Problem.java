package dev.lockstep.core.api;

import java.nio.file.Path;

/**
 * One thing wrong with an input file: which file, which field (a dotted path such as {@code
 * services.api.stopTimeout}), what is wrong and how to fix it.
 */
public record Problem(Path file, String field, String message, String fix) {

  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append(file == null ? "<input>" : file.toString());
    if (field != null && !field.isEmpty()) {
      text.append(": ").append(field);
    }
    text.append(": ").append(message);
    if (fix != null && !fix.isEmpty()) {
      text.append(" Fix: ").append(fix);
    }
    return text.toString();
  }
}
