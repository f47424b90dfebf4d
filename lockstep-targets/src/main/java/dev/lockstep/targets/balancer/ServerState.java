package dev.lockstep.targets.balancer;

/**
 * A node as its load balancer sees it.
 *
 * @param server the balancer's name for the node
 * @param status as the balancer says it, first word only: {@code UP}, {@code DOWN}, {@code MAINT},
 *     {@code DRAIN}, {@code NOLB}, or {@code no check} when HAProxy does not check it
 * @param checkStatus the last health check's outcome, e.g. {@code L7OK} or {@code L4CON}; "" when
 *     there is none
 * @param checkDetail the balancer's words for that outcome; "" when there are none
 */
public record ServerState(
    String node, String server, String status, String checkStatus, String checkDetail) {

  public static final String UP = "UP";

  /** In rotation, and its health checks pass: a roll may move on to the next node. */
  public boolean upAndReady() {
    return UP.equals(status);
  }

  /** For messages: "app-1 is DOWN (L4CON: Layer4 connection problem)". */
  public String describe() {
    String check =
        checkStatus.isEmpty()
            ? ""
            : " (" + checkStatus + (checkDetail.isEmpty() ? "" : ": " + checkDetail) + ")";
    return server + " is " + status + check;
  }
}
