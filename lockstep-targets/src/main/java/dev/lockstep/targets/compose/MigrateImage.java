package dev.lockstep.targets.compose;

import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.manifest.Artifact.ImageArtifact;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.TargetException;
import java.util.Map;
import java.util.Optional;

/**
 * The image the one-shot migrate service runs, when {@code target.compose.migrateImage} names the
 * pins variable it reads: the target release's component named like the migrate service. It is
 * pinned just before the one-shot runs, since migrations run before the app services' images are
 * installed.
 */
final class MigrateImage {
  private static final String NODE = "local";

  private final ComposeConfig compose;
  private final EngineCli engine;
  private final PinsFile pins;

  MigrateImage(ComposeConfig compose, EngineCli engine, PinsFile pins) {
    this.compose = compose;
    this.engine = engine;
    this.pins = pins;
  }

  /**
   * The release's migrate image when the engine lacks it; empty when it has it or nothing is pinned
   * for the migrate service.
   *
   * @throws IllegalStateException when the engine does not answer
   */
  Optional<String> absent(ReleaseManifest release) {
    if (compose.migrateImage() == null) {
      return Optional.empty();
    }
    String image = of(release);
    return engine.id(image).isPresent() ? Optional.empty() : Optional.of(image);
  }

  /** Checks the engine has the release's migrate image, then pins it; no-op when not pinned. */
  void pin(ReleaseManifest release) {
    Optional<String> missing = absent(release);
    if (missing.isPresent()) {
      throw new TargetException(
          compose.migrate(),
          NODE,
          "the migrate image "
              + missing.get()
              + " of release "
              + release.version()
              + " is not on the engine ("
              + engine.cli()
              + " image inspect finds no such image). Fix: pull or build it first.");
    }
    if (compose.migrateImage() != null) {
      pins.write(Map.of(compose.migrateImage(), of(release)));
    }
  }

  /**
   * The release's migrate image, when {@code migrateImage} is set and the release ships one; empty
   * otherwise. For installs, which follow the release without running the one-shot.
   */
  Optional<String> ofShipped(ReleaseManifest release) {
    if (compose.migrateImage() == null) {
      return Optional.empty();
    }
    return release
        .component(compose.migrate())
        .map(component -> component.artifact())
        .filter(ImageArtifact.class::isInstance)
        .map(artifact -> ((ImageArtifact) artifact).image());
  }

  private String of(ReleaseManifest release) {
    return ofShipped(release)
        .orElseThrow(
            () ->
                new TargetException(
                    compose.migrate(),
                    NODE,
                    "release "
                        + release.version()
                        + " has no image component '"
                        + compose.migrate()
                        + "' for the migrate service, whose image target.compose.migrateImage"
                        + " pins. Fix: add components: {"
                        + compose.migrate()
                        + ": {image: …}} to its release.yaml, or remove migrateImage."));
  }
}
