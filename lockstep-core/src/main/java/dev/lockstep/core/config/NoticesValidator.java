package dev.lockstep.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.NoticeConfig.NoticeFormat;
import dev.lockstep.core.yaml.ProblemCollector;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the {@code notices} section: each webhook's name, URL, format, events, timeout and
 * retries. A URL is never quoted back in a message: it may be a secret read from the environment.
 */
final class NoticesValidator {
  private static final String FIELD = "notices";
  private static final int MAX_RETRIES = 10;
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

  private final ProblemCollector problems;
  private final SecretReader secrets;

  NoticesValidator(ProblemCollector problems, SecretReader secrets) {
    this.problems = problems;
    this.secrets = secrets;
  }

  List<NoticeConfig> validate(List<ConfigDocument.Notice> docs) {
    List<NoticeConfig> notices = new ArrayList<>();
    if (docs == null) {
      return notices;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < docs.size(); i++) {
      String field = FIELD + "[" + i + "]";
      ConfigDocument.Notice doc = docs.get(i);
      if (doc == null) {
        problems.add(field, "is empty.", "give its name and url, or remove it.");
        continue;
      }
      String name =
          problems.require(doc.name(), field + ".name", "name the receiver, e.g. name: ops-chat.");
      if (name != null && !names.add(name)) {
        problems.add(
            field + ".name",
            "'" + name + "' names two notices.",
            "give each notice a name of its own.");
      }
      notices.add(
          new NoticeConfig(
              name,
              url(doc.url(), field + ".url"),
              format(doc.format(), field + ".format"),
              events(doc.events(), field + ".events"),
              timeout(doc.timeout(), field + ".timeout"),
              retries(doc.retries(), field + ".retries")));
    }
    return notices;
  }

  /** Written in the config, or read from {@code {env: NAME}} / {@code {file: path}}. */
  private Secret url(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      problems.add(
          field,
          "is required but missing.",
          "give the webhook's URL, url: https://host/path, or url: {env: NAME} to keep it out of"
              + " the config.");
      return Secret.of("");
    }
    Secret url = node.isTextual() ? Secret.of(node.asText()) : secrets.read(node, field);
    // Empty only when its variable or file is (a read-only command loads without secrets).
    if (!url.isEmpty() || node.isTextual()) {
      checkUrl(url.reveal(), field);
    }
    return url;
  }

  private void checkUrl(String url, String field) {
    String fix =
        "write the full http(s) URL the receiver gave you, e.g. https://hooks.slack.com/services/…"
            + " (the URL itself is never printed).";
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        problems.add(field, "is not an http(s) URL.", fix);
      } else if (uri.getHost() == null) {
        problems.add(field, "has no host.", fix);
      }
    } catch (URISyntaxException e) {
      problems.add(field, "is not a URL: " + e.getReason() + ".", fix);
    }
  }

  private NoticeFormat format(String format, String field) {
    if (format == null) {
      return NoticeFormat.JSON;
    }
    try {
      return NoticeFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          field,
          "'" + format + "' is not a notice format.",
          "use json (a flat JSON object) or slack (Slack's {\"text\": …}, which Mattermost,"
              + " Rocket.Chat and Discord's /slack endpoint read too).");
      return NoticeFormat.JSON;
    }
  }

  private Set<NoticeEvent> events(List<String> keys, String field) {
    if (keys == null) {
      return EnumSet.allOf(NoticeEvent.class);
    }
    if (keys.isEmpty()) {
      problems.add(
          field,
          "is empty: this notice would never be sent.",
          "list some of " + NoticeEvent.keys() + ", or leave events out for all of them.");
    }
    Set<NoticeEvent> events = EnumSet.noneOf(NoticeEvent.class);
    for (String key : keys) {
      NoticeEvent.of(key)
          .ifPresentOrElse(
              events::add,
              () ->
                  problems.add(
                      field,
                      "'" + key + "' is not an event Lockstep sends notices for.",
                      "use " + NoticeEvent.keys() + "."));
    }
    return events;
  }

  private Duration timeout(String text, String field) {
    Duration timeout = problems.duration(text, field, NoticeConfig.DEFAULT_TIMEOUT);
    if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      problems.add(
          field,
          "'" + text + "' is not between 1ms and 1m.",
          "give each attempt a few seconds, e.g. timeout: 5s; a notice never holds up the"
              + " upgrade, but Lockstep waits for the last ones before it exits.");
      return NoticeConfig.DEFAULT_TIMEOUT;
    }
    return timeout;
  }

  private int retries(Integer retries, String field) {
    if (retries == null) {
      return NoticeConfig.DEFAULT_RETRIES;
    }
    if (retries < 0 || retries > MAX_RETRIES) {
      problems.add(
          field,
          retries + " is not between 0 and " + MAX_RETRIES + ".",
          "retry a failed notice a few times, e.g. retries: 2.");
      return NoticeConfig.DEFAULT_RETRIES;
    }
    return retries;
  }
}
