package dev.lockstep.core.secrets;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.NoticeConfig;
import dev.lockstep.core.config.StoreConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every secret of a deployment in one place: the database password, the password of every store,
 * the backup encryption key, and the environment variables they were read from. Whatever Lockstep
 * shows or writes (console output, logs, reports, error messages, the output of the commands it
 * runs) is masked through {@link #redact}, and no child process inherits {@link #variables()}.
 */
public final class SecretRegistry {
  public static final String MASK = "******";

  private static final SecretRegistry EMPTY = new SecretRegistry(List.of());

  private final List<Secret> secrets;

  /**
   * Every form a secret may take in text (as written, trimmed, JSON-escaped, HTML-escaped, escaped
   * for a pgpass file, URL-encoded), longest first so that no part of one is left.
   */
  private final List<String> forms;

  private SecretRegistry(List<Secret> secrets) {
    this.secrets = List.copyOf(secrets);
    Set<String> found = new LinkedHashSet<>();
    for (Secret secret : this.secrets) {
      String value = secret.reveal();
      found.add(value);
      found.add(value.strip());
      found.add(jsonEscaped(value));
      found.add(htmlEscaped(value));
      found.add(PgPassFile.escape(value));
      found.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    found.removeIf(String::isEmpty);
    List<String> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.forms = List.copyOf(sorted);
  }

  public static SecretRegistry empty() {
    return EMPTY;
  }

  public static SecretRegistry of(Collection<Secret> secrets) {
    return new SecretRegistry(withoutEmpty(secrets));
  }

  /**
   * The database password, every store's password, the backup encryption key, every notice's URL (a
   * webhook's path is its password) and the password of the environments' shared database.
   */
  public static SecretRegistry of(DeploymentConfig config) {
    List<Secret> found = new ArrayList<>();
    if (config.database() != null) {
      found.add(config.database().password());
    }
    for (StoreConfig store : config.stores()) {
      if (store.database() != null) {
        found.add(store.database().password());
      }
    }
    if (config.backup() != null) {
      found.add(config.backup().encryptionKey());
    }
    for (NoticeConfig notice : config.notices()) {
      found.add(notice.url());
    }
    if (config.promotion() != null && config.promotion().sharedDatabase() != null) {
      found.add(config.promotion().sharedDatabase().password());
    }
    return of(found);
  }

  /** These secrets and {@code more}. */
  public SecretRegistry with(Collection<Secret> more) {
    List<Secret> all = new ArrayList<>(secrets);
    all.addAll(withoutEmpty(more));
    return new SecretRegistry(all);
  }

  public List<Secret> secrets() {
    return secrets;
  }

  /** The environment variables the secrets were read from: no child process inherits them. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    secrets.forEach(secret -> secret.variable().ifPresent(names::add));
    return names;
  }

  /** {@code text} with every secret replaced by {@value #MASK}; null stays null. */
  public String redact(String text) {
    if (text == null || forms.isEmpty()) {
      return text;
    }
    String result = text;
    for (String form : forms) {
      result = result.replace(form, MASK);
    }
    return result;
  }

  /** Whether {@code text} contains any secret. */
  public boolean appearsIn(String text) {
    return text != null && forms.stream().anyMatch(text::contains);
  }

  private static List<Secret> withoutEmpty(Collection<Secret> secrets) {
    return secrets.stream().filter(s -> s != null && !s.isEmpty()).distinct().toList();
  }

  /** How an HTML page shows the value (the reports, the pages of {@code lockstep serve}). */
  private static String htmlEscaped(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** How a JSON writer shows the value, for output such as {@code --output json}. */
  private static String jsonEscaped(String value) {
    StringBuilder escaped = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (c < 0x20) {
            escaped.append(String.format("\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }
}
