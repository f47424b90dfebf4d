package dev.lockstep.core.manifest;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The releases an upgrade must install, one after the other, to go from one release to another:
 * every required stop between them, and for each hop the release it needs to start from when its
 * manifest says {@code minimumFrom}.
 *
 * @param hops the releases installed in turn, the target last; never empty
 */
public record UpgradePath(Version from, Version to, List<Version> hops) {

  public UpgradePath {
    hops = List.copyOf(hops);
  }

  /** Whether the target can be installed directly, with no stop on the way. */
  public boolean direct() {
    return hops.size() == 1;
  }

  /** The releases installed before the target. */
  public List<Version> stops() {
    return hops.subList(0, hops.size() - 1);
  }

  /**
   * The path from {@code from} to {@code to} through the releases of {@code catalog}.
   *
   * @throws LockstepException {@link ErrorCode#RELEASE_UNKNOWN} when a hop needs a release that is
   *     not in the catalog
   */
  public static UpgradePath between(ReleaseCatalog catalog, Version from, Version to) {
    return between(catalog, catalog::get, from, to);
  }

  /**
   * As {@link #between(ReleaseCatalog, Version, Version)}, reading manifests through {@code
   * manifests} (a plan has the target's at hand already).
   */
  public static UpgradePath between(
      ReleaseCatalog catalog,
      Function<Version, ReleaseManifest> manifests,
      Version from,
      Version to) {
    return new UpgradePath(from, to, new Walk(catalog, manifests).hops(from, to));
  }

  /** One computation of a path: the catalog's versions listed once. */
  private static final class Walk {
    private final ReleaseCatalog catalog;
    private final Function<Version, ReleaseManifest> manifests;
    private final List<Version> known;
    private final Map<Version, ReleaseManifest> read = new HashMap<>();

    Walk(ReleaseCatalog catalog, Function<Version, ReleaseManifest> manifests) {
      this.catalog = catalog;
      this.manifests = manifests;
      this.known = catalog.versions();
    }

    private List<Version> hops(Version from, Version to) {
      List<Version> hops = new ArrayList<>();
      Version current = from;
      List<Version> waypoints = new ArrayList<>(requiredStops(from, to));
      waypoints.add(to);
      for (Version next : waypoints) {
        hops.addAll(reach(current, next));
        current = next;
      }
      return hops;
    }

    /** {@code next}, after the hops to the release it needs to start from when that is newer. */
    private List<Version> reach(Version current, Version next) {
      Version minimum = manifest(next).stops().minimumFrom();
      if (minimum == null || minimum.compareTo(current) <= 0) {
        return List.of(next);
      }
      if (!known.contains(minimum)) {
        throw new LockstepException(
            ErrorCode.RELEASE_UNKNOWN,
            next
                + " can only be reached from "
                + minimum
                + " or later (its manifest's minimumFrom), and "
                + minimum
                + " is not in "
                + catalog.dir()
                + ". Fix: add release "
                + minimum
                + "'s folder to the catalog.");
      }
      List<Version> hops = new ArrayList<>(hops(current, minimum));
      hops.add(next);
      return hops;
    }

    /** Each manifest is read once, however often the walk asks for it. */
    private ReleaseManifest manifest(Version version) {
      return read.computeIfAbsent(version, manifests);
    }

    private List<Version> requiredStops(Version from, Version to) {
      return known.stream()
          .filter(v -> v.compareTo(from) > 0 && v.compareTo(to) < 0)
          .filter(v -> manifest(v).stops().required())
          .sorted()
          .toList();
    }
  }
}
