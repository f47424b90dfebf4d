package dev.lockstep.core.manifest;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.signing.TrustedKeys;
import dev.lockstep.core.yaml.InputText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The releases available to a deployment: a folder holding one {@code <version>/release.yaml} per
 * release. When the deployment trusts signing keys, a manifest is read only once its signature by
 * one of them verifies.
 */
public final class ReleaseCatalog {
  public static final String MANIFEST_FILE = "release.yaml";

  private final Path dir;
  private final TrustedKeys trustedKeys;
  private final ManifestLoader loader = new ManifestLoader();

  public ReleaseCatalog(Path dir) {
    this(dir, TrustedKeys.NONE);
  }

  public ReleaseCatalog(Path dir, TrustedKeys trustedKeys) {
    this.dir = dir;
    this.trustedKeys = trustedKeys;
  }

  public Path dir() {
    return dir;
  }

  /** The versions found in the folder, oldest first. */
  public List<Version> versions() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(entry -> Files.isRegularFile(entry.resolve(MANIFEST_FILE)))
          .map(entry -> entry.getFileName().toString())
          .filter(name -> name.matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?"))
          .flatMap(ReleaseCatalog::parsed)
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** A folder named like a version that is none (a leading zero, too large a number) is skipped. */
  private static Stream<Version> parsed(String name) {
    try {
      return Stream.of(Version.parse(name));
    } catch (BadInputException e) {
      return Stream.empty();
    }
  }

  /**
   * Loads the manifest of {@code version}, refusing versions the folder does not hold and, when
   * keys are trusted, manifests no trusted key signed as they are.
   */
  public ReleaseManifest get(Version version) {
    Path file = dir.resolve(version.toString()).resolve(MANIFEST_FILE);
    if (!Files.isRegularFile(file)) {
      List<Version> known = versions();
      throw new BadInputException(
          ErrorCode.RELEASE_UNKNOWN,
          new Problem(
              dir,
              "",
              "there is no release " + version + " (no " + file + ").",
              known.isEmpty()
                  ? "put each release's manifest at <releases>/<version>/release.yaml."
                  : "pick one of the known releases: " + known + "."));
    }
    ReleaseManifest manifest;
    if (trustedKeys.required()) {
      // Read once, verified before it is even parsed, and the verified bytes are the ones parsed:
      // nothing an unsigned file says is acted on, nor a file swapped after the check.
      byte[] bytes = InputText.readBytes(file, "release manifest", ErrorCode.MANIFEST_INVALID);
      trustedKeys.verify(file, bytes);
      manifest = loader.load(file, bytes);
    } else {
      manifest = loader.load(file);
    }
    if (!manifest.version().equals(version)) {
      throw new BadInputException(
          ErrorCode.MANIFEST_INVALID,
          new Problem(
              file,
              "version",
              "says "
                  + manifest.version()
                  + " but the manifest sits in the folder of "
                  + version
                  + ".",
              "move the manifest to the folder named after its version."));
    }
    return manifest;
  }
}
