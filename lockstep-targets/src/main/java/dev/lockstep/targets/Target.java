package dev.lockstep.targets;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How a deployment's services are stopped, installed and started. Every operation is idempotent, so
 * that a run resumed after a crash can repeat the step it was in.
 */
public interface Target extends AutoCloseable {

  /** Stops every node of {@code service}; does nothing for nodes that are not running. */
  void stop(ServiceConfig service);

  /**
   * Stops every node of every one of {@code services}. The process target stops them all at once,
   * as an operator's {@code kill} of them all would; others one after the other, in order.
   */
  default void stopAll(Collection<ServiceConfig> services) {
    services.forEach(this::stop);
  }

  /**
   * Puts what installing {@code release} needs where the service's nodes are, touching nothing that
   * runs: the command target copies release files to the nodes' hosts. A rolling upgrade calls it
   * before a node leaves rotation, and a downtime upgrade or rollback before it stops the services,
   * so that the copy is not part of the node's time out of rotation or of the downtime. Doing
   * nothing is allowed: {@link #install} does what is needed either way.
   */
  default void prepare(ServiceConfig service, ReleaseManifest release) {}

  /** Installs the artifact of the service's component from {@code release} on every node. */
  void install(ServiceConfig service, ReleaseManifest release);

  /** Starts every node of {@code service} on the installed {@code release}. */
  void start(ServiceConfig service, ReleaseManifest release);

  /**
   * Starts every node of every one of {@code services} on the installed {@code release}. The
   * process target launches them all before it waits out their start-up grace; others start one
   * after the other, in order.
   */
  default void startAll(Collection<ServiceConfig> services, ReleaseManifest release) {
    services.forEach(service -> start(service, release));
  }

  /** What runs now, node by node. */
  ServiceStatus status(ServiceConfig service);

  /** {@link #status} of each of {@code services}, in their order. */
  default List<ServiceStatus> statusAll(Collection<ServiceConfig> services) {
    return services.stream().map(this::status).toList();
  }

  /**
   * Finds the processes this target started for {@code service} but never recorded (Lockstep was
   * killed between a start and its record) and stops them, so that nothing Lockstep does not know
   * of holds the service's port. Call it when resuming a run, before anything else touches the
   * services; {@link #start} and {@link #stop} do it too. A target that does not run processes
   * itself has nothing to find.
   *
   * @return what was stopped, for a notice
   */
  default List<StrayProcess> reconcile(ServiceConfig service) {
    return List.of();
  }

  /** {@link #reconcile} for each of {@code services}: what was stopped, for notices. */
  default List<StrayProcess> reconcileAll(Collection<ServiceConfig> services) {
    return services.stream().flatMap(service -> reconcile(service).stream()).toList();
  }

  /**
   * The processes this target started and recorded for {@code service}; empty when the target
   * cannot tell (the command target: systemd or Docker runs them).
   */
  default Optional<ServiceProcesses> processes(ServiceConfig service) {
    return Optional.empty();
  }

  /** Lets go of what the target holds open (logins to hosts); the target is not used after. */
  @Override
  default void close() {}
}
