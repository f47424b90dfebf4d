package dev.lockstep.core.config;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.BackupConfig.Retention;
import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/** Checks the {@code backup} section and fills in its defaults. */
final class BackupValidator {
  private static final Retention DEFAULT_RETENTION = new Retention(5, 3);

  private final ProblemCollector problems;
  private final SecretReader secrets;
  private final Function<String, Path> resolver;

  BackupValidator(
      ProblemCollector problems, SecretReader secrets, Function<String, Path> resolver) {
    this.problems = problems;
    this.secrets = secrets;
    this.resolver = resolver;
  }

  BackupConfig validate(ConfigDocument.Backup doc) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (doc == null) {
      return new BackupConfig(
          null, DumpFormat.DIRECTORY, cores, null, null, true, DEFAULT_RETENTION);
    }
    return new BackupConfig(
        doc.dir() == null ? null : resolver.apply(doc.dir()),
        format(doc.format()),
        atLeast(
            doc.jobs(), 1, "backup.jobs", cores, "use the number of cores, e.g. " + cores + "."),
        compression(doc.compression()),
        encryptionKey(doc.encryption()),
        doc.snapshot() == null || doc.snapshot(),
        retention(doc.retention()));
  }

  private DumpFormat format(String text) {
    if (text == null) {
      return DumpFormat.DIRECTORY;
    }
    try {
      return DumpFormat.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          "backup.format", "'" + text + "' is not a dump format.", "use directory or custom.");
      return DumpFormat.DIRECTORY;
    }
  }

  private Integer compression(Integer level) {
    if (level != null && (level < 0 || level > 9)) {
      problems.add(
          "backup.compression",
          level + " is not a compression level.",
          "use 0 (none) to 9 (smallest), or leave it out for the tools' default.");
    }
    return level;
  }

  private Secret encryptionKey(ConfigDocument.Encryption doc) {
    if (doc == null) {
      return null;
    }
    Secret key = secrets.read(doc.key(), "backup.encryption.key");
    if (!key.isEmpty() && EncryptionKey.decode(key.reveal()).isEmpty()) {
      problems.add(
          "backup.encryption.key",
          "is not a 256-bit key.",
          "generate one with `openssl rand -base64 32` (or 64 hex digits) and keep it safe:"
              + " without it the backups cannot be restored.");
    }
    return key;
  }

  private Retention retention(ConfigDocument.Retention doc) {
    if (doc == null) {
      return DEFAULT_RETENTION;
    }
    return new Retention(
        atLeast(
            doc.keepLast(),
            1,
            "backup.retention.keepLast",
            DEFAULT_RETENTION.keepLast(),
            "keep at least the newest backup."),
        atLeast(
            doc.keepRuns(),
            0,
            "backup.retention.keepRuns",
            DEFAULT_RETENTION.keepRuns(),
            "use 0 or more."));
  }

  private int atLeast(Integer value, int minimum, String field, int fallback, String fix) {
    if (value == null) {
      return fallback;
    }
    if (value < minimum) {
      problems.add(field, "must be at least " + minimum + ".", fix);
      return fallback;
    }
    return value;
  }
}
