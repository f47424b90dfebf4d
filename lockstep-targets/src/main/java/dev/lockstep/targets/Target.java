package dev.lockstep.targets;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;

/**
 * How a deployment's services are stopped, installed and started. Every operation is idempotent, so
 * that a run resumed after a crash can repeat the step it was in.
 */
public interface Target {

  /** Stops every node of {@code service}; does nothing for nodes that are not running. */
  void stop(ServiceConfig service);

  /** Installs the artifact of the service's component from {@code release} on every node. */
  void install(ServiceConfig service, ReleaseManifest release);

  /** Starts every node of {@code service} on the installed {@code release}. */
  void start(ServiceConfig service, ReleaseManifest release);

  /** What runs now, node by node. */
  ServiceStatus status(ServiceConfig service);
}
