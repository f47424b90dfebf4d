package dev.lockstep.targets.process;

import dev.lockstep.targets.StrayProcess;
import dev.lockstep.targets.host.ProcFs;
import java.util.Optional;

/** A live process carrying a {@link ServiceMarker} of this deployment. */
record MarkedProcess(ProcessHandle handle, ServiceMarker marker) {

  long pid() {
    return handle.pid();
  }

  Optional<Long> parentPid() {
    return handle.parent().map(ProcessHandle::pid);
  }

  StrayProcess asStray(String service, String node) {
    return new StrayProcess(service, node, pid(), ProcFs.commandLine(pid()).orElse(null));
  }
}
