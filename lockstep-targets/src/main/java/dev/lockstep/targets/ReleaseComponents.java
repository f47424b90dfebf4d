package dev.lockstep.targets;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.util.TreeSet;

/** Finds the component a service runs in a release. */
public final class ReleaseComponents {
  private ReleaseComponents() {}

  /**
   * The component of {@code service} in {@code release}; a service the release does not ship is a
   * configuration error, found before anything is touched when the plan renders its commands.
   */
  public static Component require(ServiceConfig service, ReleaseManifest release) {
    return release
        .component(service.component())
        .orElseThrow(
            () ->
                new LockstepException(
                    ErrorCode.CONFIG_INVALID,
                    "service '"
                        + service.name()
                        + "' runs component '"
                        + service.component()
                        + "', but release "
                        + release.version()
                        + " ("
                        + release.file()
                        + ") has no such component; it ships "
                        + new TreeSet<>(release.components().keySet())
                        + ". Fix: set services."
                        + service.name()
                        + ".component to one of them."));
  }
}
