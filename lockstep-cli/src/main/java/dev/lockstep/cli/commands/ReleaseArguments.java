package dev.lockstep.cli.commands;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.ManifestLoader;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The releases named on a command line: each a {@code release.yaml}, the folder holding one, or a
 * folder of releases ({@code <version>/release.yaml}, as a deployment's {@code releases} folder).
 */
final class ReleaseArguments {
  private ReleaseArguments() {}

  static List<ReleaseManifest> load(List<Path> paths) {
    ManifestLoader loader = new ManifestLoader();
    List<ReleaseManifest> releases = new ArrayList<>();
    for (Path path : paths) {
      Path manifest = path.resolve(ReleaseCatalog.MANIFEST_FILE);
      if (!Files.isDirectory(path)) {
        releases.add(loader.load(path));
      } else if (Files.isRegularFile(manifest)) {
        releases.add(loader.load(manifest));
      } else {
        releases.addAll(catalog(path));
      }
    }
    return releases;
  }

  /** The manifest files named: each {@code release.yaml}, in the order given, folders in order. */
  static List<Path> manifests(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      Path absolute = path.toAbsolutePath().normalize();
      Path manifest = absolute.resolve(ReleaseCatalog.MANIFEST_FILE);
      if (!Files.isDirectory(absolute)) {
        if (!Files.isRegularFile(absolute)) {
          throw new BadInputException(
              ErrorCode.USAGE,
              new Problem(
                  absolute,
                  "",
                  "does not exist.",
                  "name a release folder, its release.yaml, or the folder that holds one folder"
                      + " per release."));
        }
        files.add(absolute);
      } else if (Files.isRegularFile(manifest)) {
        files.add(manifest);
      } else {
        ReleaseCatalog catalog = new ReleaseCatalog(absolute);
        List<Version> versions = catalog.versions();
        if (versions.isEmpty()) {
          throw empty(absolute);
        }
        versions.forEach(
            v -> files.add(absolute.resolve(v.toString()).resolve(ReleaseCatalog.MANIFEST_FILE)));
      }
    }
    return files;
  }

  private static List<ReleaseManifest> catalog(Path folder) {
    ReleaseCatalog catalog = new ReleaseCatalog(folder);
    List<Version> versions = catalog.versions();
    if (versions.isEmpty()) {
      throw empty(folder);
    }
    return versions.stream().map(catalog::get).toList();
  }

  private static BadInputException empty(Path folder) {
    return new BadInputException(
        ErrorCode.USAGE,
        new Problem(
            folder,
            "",
            "holds no " + ReleaseCatalog.MANIFEST_FILE + " and no <version>/release.yaml.",
            "name a release folder, its release.yaml, or the folder that holds one folder per"
                + " release."));
  }
}
