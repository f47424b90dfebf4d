package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks the {@code stores} section. The product's database is always the first store; the others
 * are backed up and restored with it.
 */
final class StoreValidator {
  private final ProblemCollector problems;
  private final Function<String, Path> resolver;

  StoreValidator(ProblemCollector problems, Function<String, Path> resolver) {
    this.problems = problems;
    this.resolver = resolver;
  }

  List<StoreConfig> validate(DatabaseConfig database, List<ConfigDocument.Store> docs) {
    List<StoreConfig> stores = new ArrayList<>();
    if (database != null) {
      stores.add(StoreConfig.postgres(database.name(), database));
    }
    Set<String> names = new HashSet<>();
    stores.forEach(store -> names.add(store.name()));
    List<ConfigDocument.Store> declared = docs == null ? List.of() : docs;
    for (int i = 0; i < declared.size(); i++) {
      String prefix = "stores[" + i + "]";
      ConfigDocument.Store doc = declared.get(i);
      if (doc == null
          || problems.require(doc.name(), prefix + ".name", "name the store, e.g. name: uploads.")
              == null) {
        continue;
      }
      if (!doc.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
        problems.add(
            prefix + ".name",
            "'" + doc.name() + "' is not a plain name.",
            "use letters, digits, - _ and .");
        continue;
      }
      if (!names.add(doc.name())) {
        problems.add(
            prefix + ".name",
            "'" + doc.name() + "' names two stores (the product's database is a store too).",
            "give every store its own name.");
        continue;
      }
      StoreConfig store = store(doc, prefix, database);
      if (store != null) {
        stores.add(store);
      }
    }
    return stores;
  }

  private StoreConfig store(ConfigDocument.Store doc, String prefix, DatabaseConfig database) {
    long kinds =
        Stream.of(doc.postgres(), doc.files(), doc.command()).filter(k -> k != null).count();
    if (kinds != 1) {
      problems.add(
          prefix,
          "needs exactly one of postgres, files or command.",
          "e.g. files: {path: /var/lib/app/uploads}.");
      return null;
    }
    if (doc.postgres() != null) {
      String name =
          problems.require(
              doc.postgres().database(), prefix + ".postgres.database", "name the database.");
      return name == null || database == null
          ? null
          : StoreConfig.postgres(doc.name(), database.withName(name));
    }
    if (doc.files() != null) {
      String path =
          problems.require(
              doc.files().path(), prefix + ".files.path", "give the folder to back up.");
      return path == null ? null : StoreConfig.files(doc.name(), resolver.apply(path));
    }
    ConfigDocument.StoreCommand command = doc.command();
    requireWith(
        command.dump(),
        prefix + ".command.dump",
        "{dir}",
        "neo4j-admin database dump neo4j --to-path={dir}");
    requireWith(
        command.load(),
        prefix + ".command.load",
        "{dir}",
        "neo4j-admin database load neo4j --from-path={dir}");
    if (command.scratchLoad() != null) {
      requireWith(
          command.scratchLoad(),
          prefix + ".command.scratchLoad",
          "{scratch}",
          "my-load --from {dir} --into {scratch}");
      requireWith(
          command.scratchLoad(),
          prefix + ".command.scratchLoad",
          "{dir}",
          "my-load --from {dir} --into {scratch}");
    }
    return StoreConfig.command(doc.name(), command.dump(), command.load(), command.scratchLoad());
  }

  private void requireWith(String template, String field, String placeholder, String example) {
    if (template == null || template.isBlank()) {
      problems.add(field, "is required.", "e.g. " + example + ".");
    } else if (!template.contains(placeholder)) {
      problems.add(
          field,
          "does not use " + placeholder + ", the folder Lockstep gives it.",
          "e.g. " + example + ".");
    }
  }
}
