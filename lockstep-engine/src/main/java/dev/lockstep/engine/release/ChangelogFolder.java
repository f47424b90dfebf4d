package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.history.HistoryFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ids of a tool's migrations folder, named as the tool will record them, in the order it runs
 * them: for {@code release import --folder}, before any database has run them. Only tools whose ids
 * follow from file names (or, for Sqitch, its plan) are read; the rest need their database.
 */
final class ChangelogFolder {
  /** A file (or folder) name that names a migration, and the part of it the tool records. */
  private record Rule(Pattern name, boolean folders, boolean numeric) {}

  /**
   * One migration of the folder.
   *
   * @param id as the tool records it
   * @param path the file, or for Prisma and Diesel the folder, that holds it; for Sqitch the change
   *     named in the plan, {@code deploy/<change>.sql}, which may be missing
   */
  record Entry(String id, Path path) {}

  private static final Map<HistoryFormat, Rule> RULES =
      Map.ofEntries(
          // V2__notes.sql, V2.1__x.sql, V2_1__x.sql: Flyway records the version, _ read as a dot.
          Map.entry(HistoryFormat.FLYWAY, file("V(\\d+(?:[._]\\d+)*)__.+\\.sql", false)),
          Map.entry(HistoryFormat.KNEX, file("(.+\\.(?:js|cjs|mjs|ts))", false)),
          Map.entry(HistoryFormat.SEQUELIZE, file("(.+\\.(?:js|cjs|mjs|ts))", false)),
          Map.entry(HistoryFormat.LARAVEL, file("(.+)\\.php", false)),
          Map.entry(HistoryFormat.RAILS, file("(\\d+)_.+\\.rb", true)),
          Map.entry(HistoryFormat.ECTO, file("(\\d+)_.+\\.exs", true)),
          Map.entry(HistoryFormat.GOLANG_MIGRATE, file("(\\d+)_.+\\.up\\.sql", true)),
          Map.entry(HistoryFormat.GOOSE, file("(\\d+)_.+\\.(?:sql|go)", true)),
          Map.entry(HistoryFormat.DBMATE, file("(\\d+)_.+\\.sql", true)),
          // Reversible sqlx migrations come in .up.sql and .down.sql files of one version.
          Map.entry(HistoryFormat.SQLX, file("(\\d+)_(?!.*\\.down\\.sql$).+\\.sql", true)),
          Map.entry(HistoryFormat.ATLAS, file("(\\d+)(?:_.+)?\\.sql", true)),
          Map.entry(
              // Not the .Designer.cs beside each, nor the model snapshot.
              HistoryFormat.EF_CORE, file("(\\d{14}_[A-Za-z0-9_]+)\\.cs", false)),
          Map.entry(HistoryFormat.PRISMA, new Rule(Pattern.compile("(\\d{14}_.+)"), true, false)),
          Map.entry(
              HistoryFormat.DIESEL,
              new Rule(Pattern.compile("(\\d{4}-\\d{2}-\\d{2}-\\d{6}|\\d+)_.+"), true, true)));

  private ChangelogFolder() {}

  private static Rule file(String regex, boolean numeric) {
    return new Rule(Pattern.compile(regex), false, numeric);
  }

  /** The ids, in the order the tool runs them. */
  static List<String> ids(HistoryFormat format, Path folder) {
    return entries(format, folder).stream().map(Entry::id).toList();
  }

  /** The migrations, in the order the tool runs them, each with the file it comes from. */
  static List<Entry> entries(HistoryFormat format, Path folder) {
    if (!Files.isDirectory(folder)) {
      throw usage("--folder " + folder + " is not a folder.");
    }
    if (format == HistoryFormat.SQITCH) {
      return sqitchPlan(folder.resolve("sqitch.plan")).stream()
          .map(change -> new Entry(change, folder.resolve("deploy").resolve(change + ".sql")))
          .toList();
    }
    Rule rule = RULES.get(format);
    if (rule == null) {
      throw usage(
          "the ids of "
              + format.label()
              + " migrations cannot be read from file names. Import them from a database that ran"
              + " them (leave --folder out).");
    }
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> listed = Files.list(folder)) {
      for (Path entry : listed.sorted(Comparator.comparing(Path::toString)).toList()) {
        if (Files.isDirectory(entry) != rule.folders()) {
          continue;
        }
        Matcher name = rule.name().matcher(entry.getFileName().toString());
        if (name.matches()) {
          entries.add(new Entry(id(format, name.group(1)), entry));
        }
      }
    } catch (IOException e) {
      throw usage("could not list " + folder + ": " + e.getMessage() + ".");
    }
    if (format == HistoryFormat.FLYWAY) {
      entries.sort(Comparator.comparing(Entry::id, ChangelogFolder::compareVersions));
    } else if (rule.numeric()) {
      // The tools run numbered migrations by number, whatever the padding.
      entries.sort(Comparator.comparing(entry -> new BigInteger(entry.id())));
    }
    Set<String> seen = new HashSet<>();
    return entries.stream().filter(entry -> seen.add(entry.id())).toList();
  }

  private static String id(HistoryFormat format, String named) {
    return switch (format) {
      case DIESEL -> named.replace("-", "");
      case FLYWAY -> named.replace('_', '.');
      default -> named;
    };
  }

  /** Flyway's order: part by part, by number ({@code 1.10} after {@code 1.9}). */
  private static int compareVersions(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      BigInteger l = i < left.length ? new BigInteger(left[i]) : BigInteger.ZERO;
      BigInteger r = i < right.length ? new BigInteger(right[i]) : BigInteger.ZERO;
      int compared = l.compareTo(r);
      if (compared != 0) {
        return compared;
      }
    }
    return 0;
  }

  /** Sqitch's plan: one change a line, after the {@code %pragmas}; tags and comments skipped. */
  private static List<String> sqitchPlan(Path plan) {
    if (!Files.isRegularFile(plan)) {
      throw usage("there is no sqitch.plan in the folder; name the Sqitch project's folder.");
    }
    Set<String> changes = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(plan)) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || "%@#".indexOf(trimmed.charAt(0)) >= 0) {
          continue;
        }
        changes.add(trimmed.split("[\\s\\[]", 2)[0]);
      }
    } catch (IOException e) {
      throw usage("could not read " + plan + ": " + e.getMessage() + ".");
    }
    return List.copyOf(changes);
  }

  private static LockstepException usage(String what) {
    return new LockstepException(
        ErrorCode.USAGE, "release import: " + what + " Nothing was written.");
  }
}
