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

  private static final Map<HistoryFormat, Rule> RULES =
      Map.ofEntries(
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
    if (!Files.isDirectory(folder)) {
      throw usage("--folder " + folder + " is not a folder.");
    }
    if (format == HistoryFormat.SQITCH) {
      return sqitchPlan(folder.resolve("sqitch.plan"));
    }
    Rule rule = RULES.get(format);
    if (rule == null) {
      throw usage(
          "the ids of "
              + format.label()
              + " migrations cannot be read from file names. Import them from a database that ran"
              + " them (leave --folder out).");
    }
    List<String> ids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : entries.sorted(Comparator.comparing(Path::toString)).toList()) {
        if (Files.isDirectory(entry) != rule.folders()) {
          continue;
        }
        Matcher name = rule.name().matcher(entry.getFileName().toString());
        if (name.matches()) {
          ids.add(format == HistoryFormat.DIESEL ? name.group(1).replace("-", "") : name.group(1));
        }
      }
    } catch (IOException e) {
      throw usage("could not list " + folder + ": " + e.getMessage() + ".");
    }
    if (rule.numeric()) {
      // The tools run numbered migrations by number, whatever the padding.
      ids.sort(Comparator.comparing(BigInteger::new));
    }
    return List.copyOf(new LinkedHashSet<>(ids));
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
