package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.StoreConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The stores a set is taken of, checked before anything is written: the configuration loader checks
 * them too, but a store's name becomes a folder name here, so it is checked where it is used.
 */
final class StoreChecks {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private StoreChecks() {}

  static void validate(List<StoreConfig> stores) {
    List<String> problems = new ArrayList<>();
    if (stores == null || stores.isEmpty()) {
      problems.add("there is no store to back up");
    } else {
      Map<String, StoreConfig> seen = new LinkedHashMap<>();
      for (StoreConfig store : stores) {
        problems.addAll(problems(store));
        if (store.name() != null && seen.put(store.name(), store) != null) {
          problems.add("two stores are named '" + store.name() + "'");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new LockstepException(
          ErrorCode.CONFIG_INVALID,
          "Cannot back up these stores: "
              + String.join("; ", problems)
              + ". Fix the stores section of the configuration.");
    }
  }

  /** The stores by name, in their order. */
  static Map<String, StoreConfig> byName(List<StoreConfig> stores) {
    Map<String, StoreConfig> byName = new LinkedHashMap<>();
    for (StoreConfig store : stores == null ? List.<StoreConfig>of() : stores) {
      byName.putIfAbsent(store.name(), store);
    }
    return byName;
  }

  private static List<String> problems(StoreConfig store) {
    if (store.name() == null || !NAME.matcher(store.name()).matches()) {
      return List.of("'" + store.name() + "' is not a plain store name (letters, digits, - _ .)");
    }
    if (store.kind() == null) {
      return List.of("store '" + store.name() + "' has no kind");
    }
    String missing =
        switch (store.kind()) {
          case POSTGRES -> store.database() == null ? "its database" : null;
          case FILES -> store.path() == null ? "its folder" : null;
          case COMMAND ->
              store.dump() == null || store.dump().isBlank() ? "its dump command" : null;
        };
    return missing == null
        ? List.of()
        : List.of("store '" + store.name() + "' (" + describe(store) + ") lacks " + missing);
  }

  /** What a store is, for messages: never its command, which may hold secrets. */
  static String describe(StoreConfig store) {
    return switch (store.kind()) {
      case POSTGRES -> store.database() == null ? "postgres" : "database " + store.database();
      case FILES -> "folder " + store.path();
      case COMMAND -> "dump and load commands";
    };
  }
}
