package dev.lockstep.core.config;

import java.nio.file.Path;

/**
 * One state store of the deployment, backed up and restored with all the others under one backup
 * id: a PostgreSQL database, a file tree, or anything with its own dump and load commands (a graph
 * database, a Redis RDB file).
 *
 * @param database {@link Kind#POSTGRES}: the database, on the server and with the credentials of
 *     the config's {@code database}
 * @param path {@link Kind#FILES}: the folder, restored exactly (files added since are deleted)
 * @param dump {@link Kind#COMMAND}: writes the store into the folder {@code {dir}}
 * @param load {@link Kind#COMMAND}: loads the store back from {@code {dir}}
 * @param scratchLoad {@link Kind#COMMAND}, optional: loads {@code {dir}} into the scratch place
 *     {@code {scratch}}, to prove the dump restores
 */
public record StoreConfig(
    String name,
    Kind kind,
    DatabaseConfig database,
    Path path,
    String dump,
    String load,
    String scratchLoad) {

  public enum Kind {
    POSTGRES,
    FILES,
    COMMAND
  }

  public static StoreConfig postgres(String name, DatabaseConfig database) {
    return new StoreConfig(name, Kind.POSTGRES, database, null, null, null, null);
  }

  public static StoreConfig files(String name, Path path) {
    return new StoreConfig(name, Kind.FILES, null, path, null, null, null);
  }

  public static StoreConfig command(String name, String dump, String load, String scratchLoad) {
    return new StoreConfig(name, Kind.COMMAND, null, null, dump, load, scratchLoad);
  }
}
