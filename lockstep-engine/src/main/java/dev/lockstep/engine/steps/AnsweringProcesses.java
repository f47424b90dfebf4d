package dev.lockstep.engine.steps;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.CheckConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.targets.OutputTail;
import dev.lockstep.targets.ServiceProcesses;
import dev.lockstep.targets.Target;
import dev.lockstep.targets.host.ListeningSockets;
import dev.lockstep.targets.host.PortHolder;
import dev.lockstep.targets.host.PortHolders;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Proves that a passed HTTP check on this machine was answered by a service Lockstep started: the
 * process listening on the check's port must be one of the services' recorded processes or their
 * descendants. Without it, a leftover of an earlier run or another deployment holding the port
 * passes the checks in the services' place. Only where the target knows its processes (the process
 * target) and the machine lists its sockets (Linux).
 */
final class AnsweringProcesses {
  private final Target target;
  private final List<ServiceConfig> services;
  private final Collection<Secret> secrets;

  AnsweringProcesses(
      Target target, Collection<ServiceConfig> services, Collection<Secret> secrets) {
    this.target = target;
    this.services = List.copyOf(services);
    this.secrets = List.copyOf(secrets);
  }

  /** {@code results} with every passed local HTTP check that a stranger answered turned failed. */
  List<CheckResult> verify(List<CheckConfig> checks, List<CheckResult> results) {
    Optional<Set<Long>> ours = servicePids();
    if (ours.isEmpty() || !ListeningSockets.available()) {
      return results;
    }
    List<CheckResult> verified = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      CheckResult result = results.get(i);
      Optional<String> problem =
          result.passed() ? problem(checks.get(i), ours.get()) : Optional.empty();
      verified.add(
          problem
              .map(
                  text ->
                      new CheckResult(
                          result.name(), false, result.attempts(), result.duration(), text))
              .orElse(result));
    }
    return verified;
  }

  private Optional<String> problem(CheckConfig check, Set<Long> ours) {
    if (check.http() == null) {
      return Optional.empty();
    }
    URI url = URI.create(check.http().url());
    Set<InetAddress> addresses = localAddresses(url.getHost());
    if (addresses.isEmpty()) {
      return Optional.empty(); // another machine: whoever answers there is not ours to name
    }
    int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    List<PortHolder> holders =
        PortHolders.on(port, ours).stream()
            .filter(holder -> addresses.stream().anyMatch(holder.socket()::accepts))
            .toList();
    if (holders.isEmpty()) {
      return Optional.of(
          "port " + port + " answered the check, but nothing listens on it any more");
    }
    return holders.stream()
        .filter(holder -> holder.pid() == null || !ours.contains(holder.pid()))
        .findFirst()
        .map(
            stranger ->
                "port "
                    + port
                    + " answered by "
                    + OutputTail.redact(stranger.describe(), secrets)
                    + ", not by a service Lockstep started. Fix: stop that process, then resume;"
                    + " it may be left over from an earlier run or belong to another deployment");
  }

  /** Every pid the services' recorded processes and their descendants run as. */
  private Optional<Set<Long>> servicePids() {
    Set<Long> pids = new HashSet<>();
    for (ServiceConfig service : services) {
      Optional<ServiceProcesses> processes = target.processes(service);
      if (processes.isEmpty()) {
        return Optional.empty();
      }
      for (long pid : processes.get().running().values()) {
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
      }
    }
    return Optional.of(pids);
  }

  /** The addresses of {@code host} that are this machine's own; empty for another machine. */
  private static Set<InetAddress> localAddresses(String host) {
    if (host == null) {
      return Set.of();
    }
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    Set<InetAddress> local = new HashSet<>();
    try {
      for (InetAddress address : InetAddress.getAllByName(name)) {
        if (address.isLoopbackAddress()
            || address.isAnyLocalAddress()
            || NetworkInterface.getByInetAddress(address) != null) {
          local.add(address);
        }
      }
    } catch (UnknownHostException | SocketException e) {
      return Set.of(); // the check itself said it could not reach the host
    }
    return local;
  }
}
