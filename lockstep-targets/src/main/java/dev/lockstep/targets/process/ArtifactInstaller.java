package dev.lockstep.targets.process;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.ReleaseComponents;
import dev.lockstep.targets.TargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies a release's file artifact to {@code <stateDir>/artifacts/<version>/<component>/}, after
 * proving it is the file the vendor published. Each release keeps its own copy, so that a rollback
 * starts the previous release from the bits it ran before.
 */
final class ArtifactInstaller {
  private final Path artifactsDir;

  ArtifactInstaller(Path artifactsDir) {
    this.artifactsDir = artifactsDir;
  }

  /** Installs the artifact of {@code service}'s component and returns the installed copy. */
  Path install(ServiceConfig service, ReleaseManifest release) {
    Component component = ReleaseComponents.require(service, release);
    FileArtifact artifact = fileArtifact(service, component, release);
    Path target =
        artifactsDir
            .resolve(release.version().toString())
            .resolve(component.name())
            .resolve(artifact.path().getFileName().toString())
            .toAbsolutePath();
    if (Files.isRegularFile(target) && Sha256.of(target).equals(artifact.sha256())) {
      return target;
    }
    if (!Files.isRegularFile(artifact.path())) {
      throw new TargetException(
          service.name(),
          null,
          "the artifact of component '"
              + component.name()
              + "' ("
              + artifact.path()
              + ") does not exist. Fix: put the release's files next to "
              + release.file()
              + ".");
    }
    copyVerified(service, release, component, artifact, target);
    return target;
  }

  /**
   * Copies to a temporary file first and hashes the copy: what gets installed is exactly what was
   * verified, and a crash never leaves a half-copied file under the final name.
   */
  private static void copyVerified(
      ServiceConfig service,
      ReleaseManifest release,
      Component component,
      FileArtifact artifact,
      Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".install-", ".tmp");
      try {
        Files.copy(
            artifact.path(),
            temp,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
        String actual = Sha256.of(temp);
        if (!actual.equals(artifact.sha256())) {
          throw digestMismatch(release, component, artifact, actual);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new TargetException(
          service.name(),
          null,
          "cannot copy "
              + artifact.path()
              + " to "
              + target
              + ": "
              + e.getMessage()
              + ". Fix: check that the file is readable and "
              + target.getParent()
              + " is writable.",
          e);
    }
  }

  private static BadInputException digestMismatch(
      ReleaseManifest release, Component component, FileArtifact artifact, String actual) {
    return new BadInputException(
        ErrorCode.DIGEST_MISMATCH,
        new Problem(
            release.file(),
            "components." + component.name() + ".sha256",
            artifact.path()
                + " has sha256 "
                + actual
                + ", but the manifest expects "
                + artifact.sha256()
                + "; the file is not the one the vendor published.",
            "download the release's files again and check them with sha256sum; never edit the"
                + " manifest to match a file you did not build."));
  }

  private static FileArtifact fileArtifact(
      ServiceConfig service, Component component, ReleaseManifest release) {
    Artifact artifact = component.artifact();
    if (artifact instanceof FileArtifact file) {
      return file;
    }
    String kind = artifact instanceof Artifact.ImageArtifact ? "a container image" : "a package";
    throw new TargetException(
        service.name(),
        null,
        "component '"
            + component.name()
            + "' of service '"
            + service.name()
            + "' is "
            + kind
            + " ("
            + artifact.reference(release.version())
            + "), which the process target cannot install: it runs files. Fix: use target.type:"
            + " command with an install command (docker pull, npm install -g…), or ship the"
            + " component as a file with its sha256.");
  }
}
