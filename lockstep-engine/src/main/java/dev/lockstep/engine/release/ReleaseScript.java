package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One SQL migration of a release, read.
 *
 * @param name the file name, as the report shows it
 * @param key the file name and the sha256 of its text: two releases whose migrations start with the
 *     same keys start from the same schema
 */
record ReleaseScript(String name, MigrationClass declared, String sql, String key) {

  /** The release's SQL migrations in order; a release that migrates itself has none to lint. */
  static List<ReleaseScript> of(ReleaseManifest release) {
    List<MigrationScript> scripts =
        release.migrations().stream().filter(s -> s.file() != null).toList();
    if (scripts.isEmpty() && !release.migrations().isEmpty()) {
      throw new LockstepException(
          ErrorCode.NOTHING_TO_DO,
          "Release "
              + release.version()
              + " migrates itself ("
              + release.runner().name().toLowerCase(Locale.ROOT)
              + "): it ships no SQL files for Lockstep to lint. Lint them with the product's own"
              + " tooling.");
    }
    return scripts.stream().map(ReleaseScript::read).toList();
  }

  private static ReleaseScript read(MigrationScript script) {
    String sql;
    try {
      sql = Files.readString(script.file());
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.MANIFEST_INVALID,
          "Cannot read migration " + script.file() + ": " + e.getMessage(),
          e);
    }
    String name = script.file().getFileName().toString();
    return new ReleaseScript(name, script.type(), sql, name + "@" + sha256(sql));
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The keys of the first {@code count} scripts: the name of the schema they leave. */
  static List<String> keys(List<ReleaseScript> scripts, int count) {
    return scripts.subList(0, count).stream().map(ReleaseScript::key).toList();
  }
}
