package dev.lockstep.targets.host;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Which processes listen on a TCP port of this machine. */
public final class PortHolders {
  private PortHolders() {}

  /** Every socket listening on {@code port}, with the process that holds it. */
  public static List<PortHolder> on(int port) {
    return on(port, Set.of());
  }

  /**
   * {@link #on(int)}, asking {@code likely} (the processes expected to hold it) first, so that the
   * usual answer costs a few directory reads instead of a look at every process on the machine.
   */
  public static List<PortHolder> on(int port, Set<Long> likely) {
    List<ListeningSocket> sockets = ListeningSockets.onPort(port);
    Map<Long, Long> owners =
        ProcFs.socketOwners(
            sockets.stream().map(ListeningSocket::inode).collect(Collectors.toSet()), likely);
    return sockets.stream()
        .map(
            socket -> {
              Long pid = owners.get(socket.inode());
              String command = pid == null ? null : ProcFs.commandLine(pid).orElse(null);
              return new PortHolder(socket, pid, command);
            })
        .toList();
  }
}
