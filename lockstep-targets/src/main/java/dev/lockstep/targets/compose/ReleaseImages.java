package dev.lockstep.targets.compose;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells which release an image id belongs to: each known release's image of a service, resolved to
 * its id by the engine, newest release first. A tag that was moved to other bits resolves to the id
 * it has now, so a container created from the old bits matches no release: that is reported as
 * such, not as the tag's release.
 */
final class ReleaseImages {
  private final ReleaseCatalog catalog;
  private final EngineCli images;

  ReleaseImages(ReleaseCatalog catalog, EngineCli images) {
    this.catalog = catalog;
    this.images = images;
  }

  /** A lookup that asks the engine for each image reference at most once. */
  Lookup lookup() {
    return new Lookup();
  }

  final class Lookup {
    private final Map<String, Optional<String>> ids = new HashMap<>();
    private List<ReleaseManifest> manifests;

    /**
     * The release whose image of {@code service} has id {@code imageId}: one that names the
     * container's own image reference first (two releases may ship the same bits under two tags),
     * else the newest.
     */
    Optional<String> version(ServiceConfig service, String reference, String imageId) {
      if (imageId == null || imageId.isBlank()) {
        return Optional.empty();
      }
      Optional<String> newest = Optional.empty();
      for (ReleaseManifest release : manifests()) {
        Optional<String> id = idOf(service, release);
        if (id.isPresent() && id.get().equals(imageId)) {
          if (reference.equals(PinnedImages.imageOf(service, release))) {
            return Optional.of(release.version().toString());
          }
          newest = newest.isPresent() ? newest : Optional.of(release.version().toString());
        }
      }
      return newest;
    }

    private Optional<String> idOf(ServiceConfig service, ReleaseManifest release) {
      if (release.component(service.component()).isEmpty()) {
        return Optional.empty();
      }
      String image;
      try {
        image = PinnedImages.imageOf(service, release);
      } catch (LockstepException e) {
        return Optional.empty();
      }
      return ids.computeIfAbsent(image, this::ask);
    }

    private Optional<String> ask(String image) {
      try {
        return images.id(image);
      } catch (IllegalStateException e) {
        return Optional.empty();
      }
    }

    private List<ReleaseManifest> manifests() {
      if (manifests == null) {
        List<Version> newestFirst = new ArrayList<>(catalog.versions());
        Collections.reverse(newestFirst);
        manifests = newestFirst.stream().flatMap(v -> load(catalog, v).stream()).toList();
      }
      return manifests;
    }

    private Optional<ReleaseManifest> load(ReleaseCatalog catalog, Version version) {
      try {
        return Optional.of(catalog.get(version));
      } catch (LockstepException e) {
        // A broken or (with keys trusted) unsigned manifest is the release gates' to report;
        // status shows what it can, never from a manifest it may not read.
        return Optional.empty();
      }
    }
  }
}
