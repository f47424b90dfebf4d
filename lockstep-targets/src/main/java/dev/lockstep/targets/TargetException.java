package dev.lockstep.targets;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;

/**
 * A target could not stop, install or start a service on one node. It names the service and node so
 * that a report of a rolling upgrade can say where it stopped.
 */
public class TargetException extends LockstepException {
  private final String service;
  private final String node;

  public TargetException(String service, String node, String message) {
    super(ErrorCode.TARGET_FAILED, message);
    this.service = service;
    this.node = node;
  }

  public TargetException(String service, String node, String message, Throwable cause) {
    super(ErrorCode.TARGET_FAILED, message, cause);
    this.service = service;
    this.node = node;
  }

  public String service() {
    return service;
  }

  public String node() {
    return node;
  }
}
