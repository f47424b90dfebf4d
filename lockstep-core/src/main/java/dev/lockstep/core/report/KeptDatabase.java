package dev.lockstep.core.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A database a rollback replaced and kept, renamed aside, instead of dropping it: it holds what the
 * failed release wrote, until the operator drops it ({@code lockstep kept drop}).
 *
 * @param store the state store it belongs to
 * @param database the database's own name, which now holds the restored state
 * @param kept the name it was renamed to
 * @param server host:port of the server both live on
 * @param keptAt when the rollback renamed it
 * @param restoredFrom what replaced it: {@code snapshot NAME} or {@code backup ID}
 */
public record KeptDatabase(
    String store,
    String database,
    String kept,
    String server,
    Instant keptAt,
    String restoredFrom) {

  private static final String MARK = "_replaced_";

  /** PostgreSQL cuts identifiers at 63 bytes; a longer name would be cut, and then not found. */
  private static final int MAX_NAME_BYTES = 63;

  /**
   * The name {@code database} is kept under when the upgrade {@code runId} is undone: {@code
   * <database>_replaced_<run>}, the database's part shortened so that the whole fits PostgreSQL's
   * 63 bytes. Derived from the run, so that a resumed rollback finds what it renamed, and a dry run
   * can name it beforehand.
   */
  public static String nameFor(String database, String runId) {
    String suffix = MARK + runId.replace("run-", "").replace("-", "");
    int room = MAX_NAME_BYTES - suffix.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder head = new StringBuilder();
    int used = 0;
    for (int i = 0; i < database.length(); ) {
      int codePoint = database.codePointAt(i);
      int bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (used + bytes > room) {
        break;
      }
      head.appendCodePoint(codePoint);
      used += bytes;
      i += Character.charCount(codePoint);
    }
    return head + suffix;
  }
}
