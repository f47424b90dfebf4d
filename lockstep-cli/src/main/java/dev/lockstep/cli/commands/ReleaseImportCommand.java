package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.ReleaseImportText;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.engine.release.HistoryImport;
import dev.lockstep.engine.release.ObservedImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    description =
        "Print a manifest's migrations section from the history table of the config's database"
            + " (or, with --folder, from the tool's migrations folder), as the product's tool"
            + " records them: the ids after --since, each declared contract until proven expand;"
            + " with --observe, each one's class measured on a throwaway PostgreSQL. Only reads.")
public final class ReleaseImportCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "TOOL",
      description = "the tool whose table it is: knex, liquibase, prisma, … (as history.format)")
  String format;

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      description = "the table, when the product renamed it (as history.table)")
  String table;

  @Option(
      names = "--since",
      paramLabel = "ID",
      description = "the last migration before the release's list; it becomes the baseline")
  String since;

  @Option(
      names = "--location",
      paramLabel = "DIR",
      description = "for alembic: the folder of the revision files (its table holds the head only)")
  Path location;

  @Option(
      names = "--folder",
      paramLabel = "DIR",
      description =
          "read the ids from the tool's migrations folder instead of a database (not for"
              + " liquibase, django, drizzle, typeorm, alembic)")
  Path folder;

  @Option(
      names = "--observe",
      description =
          "with --folder and a tool whose migrations are SQL: run them all in order on one"
              + " throwaway PostgreSQL (the baseline's first) and write each listed one's measured"
              + " class, as release lint --observe measures it")
  boolean observe;

  @Override
  public Integer call() {
    HistoryImport.ImportResult result;
    if (observe) {
      ObservedImport.requireFolder(format, folder);
      result = new ObservedImport().fromFolder(format, table, folder, since);
    } else if (folder != null) {
      result = HistoryImport.fromFolder(format, table, folder, since);
    } else {
      DeploymentConfig loaded = Configs.load(spec, config.file());
      result =
          HistoryImport.read(
              loaded.database(),
              loaded.migrations().historyTable(),
              format,
              table,
              since,
              location);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(output.json() ? Json.write(result) : ReleaseImportText.render(result));
    out.flush();
    return 0;
  }
}
