package dev.lockstep.cli.output;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.engine.release.HistoryImport.ImportResult;
import dev.lockstep.engine.release.HistoryImport.ImportedScript;
import dev.lockstep.engine.release.HistoryImport.Measurement;
import dev.lockstep.schema.diff.SchemaChange;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * {@code lockstep release import} as the {@code migrations} section of a manifest, to paste in.
 * Without {@code --observe} every class is {@code contract}, the class whose rollback restores the
 * backup, until the vendor proves a migration expand: a guessed expand would let a rollback skip
 * the restore it needs. With it, each class is the one measured, with what was measured as a
 * comment.
 */
public final class ReleaseImportText {
  /** Changes shown per migration in text; JSON lists them all. */
  private static final int CHANGES_SHOWN = 3;

  private ReleaseImportText() {}

  public static String render(ImportResult result) {
    StringBuilder text = new StringBuilder();
    text.append("# ")
        .append(result.scripts().size())
        .append(result.scripts().size() == 1 ? " migration" : " migrations")
        .append(" from ")
        .append(result.read())
        .append(result.baseline() == null ? "" : " after " + result.baseline())
        .append(".\n");
    if (!result.unfinished().isEmpty()) {
      text.append("# Left out, failed or unfinished in the table: ")
          .append(String.join(", ", result.unfinished()))
          .append(".\n");
    }
    if (result.measuredOn() == null) {
      text.append(
          "# Classes are not measured: contract (a rollback restores the backup) until you prove a\n"
              + "# migration expand (the previous release still works on the new schema).\n");
    } else {
      text.append("# Classes measured: each migration ran on a throwaway ")
          .append(result.measuredOn())
          .append(result.baseline() == null ? ", in order" : ", in order after the baseline's")
          .append(
              ",\n# and its schema change is classed as `release lint --observe` classes it"
                  + " (expand: the\n# previous release still works on the new schema; contract:"
                  + " a rollback restores the backup).\n");
    }
    text.append("migrations:\n")
        .append(
            "  runner: command            # or startup, if the product migrates when it starts\n")
        .append("  history: {format: ")
        .append(result.format());
    if (result.table() != null) {
      text.append(", table: ").append(quote(result.table()));
    }
    text.append("}\n");
    if (result.baseline() != null) {
      text.append("  baseline: ").append(quote(result.baseline())).append('\n');
    }
    if (result.scripts().isEmpty()) {
      text.append("  scripts: []\n");
      return text.toString();
    }
    text.append("  scripts:\n");
    for (ImportedScript script : result.scripts()) {
      if (script.measured() != null) {
        measured(text, script.measured());
      }
      text.append("    - id: ").append(quote(script.id())).append('\n');
      text.append("      class: ")
          .append(
              script.measured() == null
                  ? MigrationClass.CONTRACT.label()
                  : script.measured().type().label())
          .append('\n');
    }
    return text.toString();
  }

  /** What was measured, above the script: the contract changes first, since they decide. */
  private static void measured(StringBuilder text, Measurement measured) {
    String file = Path.of(measured.file()).getFileName().toString();
    List<SchemaChange> changes =
        measured.changes().stream()
            .sorted(Comparator.comparing(change -> change.isContract() ? 0 : 1))
            .toList();
    if (changes.isEmpty()) {
      text.append("    # measured (")
          .append(file)
          .append("): no schema change (data only, or nothing)\n");
      return;
    }
    text.append("    # measured (").append(file).append("):\n");
    for (SchemaChange change : changes.subList(0, Math.min(CHANGES_SHOWN, changes.size()))) {
      text.append("    #   ")
          .append(change.type().label())
          .append(": ")
          .append(change.reason().replace('\n', ' '))
          .append('\n');
    }
    if (changes.size() > CHANGES_SHOWN) {
      text.append("    #   … and ")
          .append(changes.size() - CHANGES_SHOWN)
          .append(" more (--output json lists them all)\n");
    }
  }

  /** A YAML single-quoted scalar: ids such as 20240101120000 stay text. */
  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
