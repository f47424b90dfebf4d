package dev.lockstep.core.manifest;

import dev.lockstep.core.api.Version;
import java.nio.file.Path;

/**
 * An immutable artifact: a file with its sha256, an image pinned by digest, or a package pinned to
 * the release's version.
 */
public sealed interface Artifact {

  /** What {@code {artifact}} renders to in a target's command. */
  String reference(Version release);

  /** A file shipped with the release, checked against its sha256 before it is installed. */
  record FileArtifact(Path path, String sha256) implements Artifact {
    @Override
    public String reference(Version release) {
      return path.toString();
    }
  }

  /**
   * A container image pinned by digest, e.g. {@code ghcr.io/acme/api@sha256:…}, or by a tag other
   * than {@code latest}, e.g. {@code ghcr.io/acme/api:1.4.2}.
   */
  record ImageArtifact(String image) implements Artifact {
    @Override
    public String reference(Version release) {
      return image;
    }

    /** The digest it is pinned by, or null for an image pinned by tag. */
    public String digest() {
      return image.contains("@") ? image.substring(image.indexOf('@') + 1) : null;
    }
  }

  /** A package from a registry, installed at exactly the release's version. */
  record PackageArtifact(String name) implements Artifact {
    @Override
    public String reference(Version release) {
      return name + "@" + release;
    }
  }
}
