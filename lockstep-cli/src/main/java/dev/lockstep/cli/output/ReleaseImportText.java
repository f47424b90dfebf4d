package dev.lockstep.cli.output;

import dev.lockstep.engine.release.HistoryImport.ImportResult;
import dev.lockstep.engine.release.HistoryImport.ImportedScript;

/**
 * {@code lockstep release import} as the {@code migrations} section of a manifest, to paste in.
 * Every class is {@code contract}, the class whose rollback restores the backup, until the vendor
 * proves a migration expand: a guessed expand would let a rollback skip the restore it needs.
 */
public final class ReleaseImportText {
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
    text.append(
        "# Classes are not measured: contract (a rollback restores the backup) until you prove a\n"
            + "# migration expand (the previous release still works on the new schema).\n");
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
      text.append("    - id: ").append(quote(script.id())).append('\n');
      text.append("      class: contract\n");
    }
    return text.toString();
  }

  /** A YAML single-quoted scalar: ids such as 20240101120000 stay text. */
  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
