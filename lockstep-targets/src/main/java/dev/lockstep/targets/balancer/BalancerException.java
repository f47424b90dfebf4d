package dev.lockstep.targets.balancer;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;

/**
 * A load balancer refused or could not be asked to do something for a node. The message names the
 * balancer, the node and the fix.
 */
public class BalancerException extends LockstepException {
  private final String node;

  public BalancerException(String node, String message) {
    super(ErrorCode.TARGET_FAILED, message);
    this.node = node;
  }

  public BalancerException(String node, String message, Throwable cause) {
    super(ErrorCode.TARGET_FAILED, message, cause);
    this.node = node;
  }

  /** The node it was asked about; null when the failure is not about one node. */
  public String node() {
    return node;
  }
}
