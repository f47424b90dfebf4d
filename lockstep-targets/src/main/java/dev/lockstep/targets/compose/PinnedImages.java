package dev.lockstep.targets.compose;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.Artifact;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.ReleaseComponents;
import dev.lockstep.targets.TargetException;
import java.util.Optional;

/** The image a release ships for a service, and whether the engine has it. */
final class PinnedImages {
  private final EngineCli engine;
  private final ComposeCommand command;

  PinnedImages(EngineCli engine, ComposeCommand command) {
    this.engine = engine;
    this.command = command;
  }

  /**
   * The release's image of {@code service} when the engine lacks it; empty when it has it.
   *
   * @throws IllegalStateException when the engine does not answer
   */
  Optional<String> absent(ServiceConfig service, ReleaseManifest release) {
    String image = imageOf(service, release);
    return engine.id(image).isPresent() ? Optional.empty() : Optional.of(image);
  }

  String absentMessage(ServiceConfig service, ReleaseManifest release, String image) {
    return "service "
        + service.name()
        + ": the image "
        + image
        + " of release "
        + release.version()
        + " is not on the engine ("
        + engine.cli()
        + " image inspect finds no such image). Fix: pull or build it first, e.g. `"
        + String.join(" ", command.argv("pull", service.name()))
        + "` once the pins name it, or "
        + engine.cli()
        + " pull / load it.";
  }

  /** The image {@code service} runs in {@code release}. */
  static String imageOf(ServiceConfig service, ReleaseManifest release) {
    Artifact artifact = ReleaseComponents.require(service, release).artifact();
    if (!(artifact instanceof Artifact.ImageArtifact image)) {
      throw new TargetException(
          service.name(),
          "local",
          "service "
              + service.name()
              + " runs component "
              + service.component()
              + ", which release "
              + release.version()
              + " ships as "
              + artifact.reference(release.version())
              + ", not as a container image. Fix: the compose target needs image: in the"
              + " component of "
              + release.file()
              + ".");
    }
    return image.image();
  }
}
