package dev.lockstep.backup;

import dev.lockstep.core.config.StoreConfig;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One state store inside a backup set. Its files live in the set's folder under {@code
 * <kind>/<store>/}: {@code postgres/<store>/} (the pg_dump directory, or {@code database.dump} for
 * the custom format), {@code files/<store>/} ({@code tree.tar} or {@code tree.tar.gz}, and {@code
 * index.jsonl} with the path, type, mode, size and sha256 of every entry of the tree) and {@code
 * command/<store>/} (whatever the dump command wrote).
 *
 * @param location the database name, the folder's absolute path, or, for a command store, the
 *     part's folder in the set (the command itself may hold secrets and is not recorded)
 * @param format {@code directory} or {@code custom} (postgres), {@code tar} or {@code tar.gz}
 *     (files), {@code command}
 * @param serverVersion the PostgreSQL server's version; null for other kinds
 * @param bytes the size of {@link #files}
 * @param tables postgres: every user table, keyed {@code schema.table}, sorted; empty otherwise
 */
public record BackupPart(
    String store,
    StoreConfig.Kind kind,
    String location,
    String format,
    String serverVersion,
    long bytes,
    List<BackupFile> files,
    Map<String, TableFacts> tables) {

  public static final String DIRECTORY = "directory";
  public static final String CUSTOM = "custom";
  public static final String TAR = "tar";
  public static final String TAR_GZ = "tar.gz";
  public static final String COMMAND = "command";

  public BackupPart {
    files = files == null ? List.of() : List.copyOf(files);
    tables = Collections.unmodifiableMap(tables == null ? new TreeMap<>() : new TreeMap<>(tables));
  }

  /** The part's folder inside the set, such as {@code postgres/main}. */
  public String folder() {
    return folderOf(kind, store);
  }

  static String folderOf(StoreConfig.Kind kind, String store) {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + store;
  }
}
