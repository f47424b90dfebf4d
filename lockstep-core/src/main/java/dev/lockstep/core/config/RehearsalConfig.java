package dev.lockstep.core.config;

import java.util.List;
import java.util.Map;

/**
 * How {@code lockstep rehearse} runs the installed release against a scratch copy of the database
 * with the new migrations applied, beside production: its own database, local processes on other
 * ports, and the checks that must pass there.
 *
 * @param database the scratch database, re-created for each rehearsal on the product's server
 * @param services the installed release's services as local processes pointed at {@code database}
 *     (same fields as {@code services} with the process target)
 */
public record RehearsalConfig(
    String database, Map<String, ServiceConfig> services, List<CheckConfig> checks) {

  public RehearsalConfig {
    services = Map.copyOf(services);
    checks = List.copyOf(checks);
  }
}
