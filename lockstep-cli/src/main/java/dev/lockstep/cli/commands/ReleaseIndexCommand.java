package dev.lockstep.cli.commands;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.CatalogIndex;
import dev.lockstep.core.manifest.ReleaseCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "index",
    description =
        "For the vendor: write FOLDER/index.json, which lists every release of the catalog folder"
            + " and every file of each with its sha256, so that the folder can be served over"
            + " HTTPS as a deployment's catalog (catalog.url). Every manifest is checked first; a"
            + " catalog Lockstep would refuse is not indexed (exit 2).")
public final class ReleaseIndexCommand implements Callable<Integer> {
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FOLDER", description = "the catalog: one <version>/ per release")
  Path folder;

  @Override
  public Integer call() {
    ReleaseCatalog catalog = new ReleaseCatalog(folder);
    if (catalog.versions().isEmpty()) {
      throw new BadInputException(
          ErrorCode.USAGE,
          new Problem(
              folder,
              "",
              "holds no release (no <version>/release.yaml).",
              "give the folder that holds one folder per release."));
    }
    for (Version version : catalog.versions()) {
      catalog.get(version);
    }
    CatalogIndex index = CatalogIndex.of(folder);
    Path file = folder.resolve(CatalogIndex.FILE);
    Json.writeFile(file, index);
    PrintWriter writer = spec.commandLine().getOut();
    if (output.json()) {
      writer.println(Json.write(index));
    } else {
      int files = index.releases().values().stream().mapToInt(f -> f.size()).sum();
      writer.println(
          "Wrote "
              + file
              + ": "
              + index.releases().size()
              + " release(s) ("
              + String.join(", ", index.releases().keySet())
              + "), "
              + files
              + " files with their sha256. Serve "
              + folder
              + " over HTTPS and set catalog.url to its address.");
    }
    writer.flush();
    return 0;
  }
}
