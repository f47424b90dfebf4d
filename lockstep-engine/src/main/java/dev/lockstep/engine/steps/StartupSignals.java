package dev.lockstep.engine.steps;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.MigrationsConfig.StartupWatch;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the watch of a product migrating on start-up looks for, as {@code migrations.startup} says:
 * the service, its log, and the lines that say its migrations are done ({@code success}) or failed
 * ({@code failure}).
 */
record StartupSignals(ServiceConfig service, Pattern success, Pattern failure, StartupLog log) {

  static StartupSignals of(Toolbox tools, ReleaseManifest release) {
    StartupWatch watch = tools.config().migrations().startup();
    ServiceConfig service = watch == null ? null : tools.config().services().get(watch.service());
    if (service == null) {
      throw new LockstepException(
          ErrorCode.CONFIG_INVALID,
          "Release "
              + release.version()
              + " migrates when it starts, but the config's migrations.startup does not name one"
              + " of its services to watch. Set migrations.startup: {service, success, failure}.");
    }
    return new StartupSignals(
        service,
        Pattern.compile(watch.success()),
        Pattern.compile(watch.failure()),
        new StartupLog(tools.config(), service, release));
  }

  /** The first line any node logged that matches the failure pattern, said as a reason. */
  Optional<String> failure(Map<String, List<String>> logs) {
    for (Map.Entry<String, List<String>> node : logs.entrySet()) {
      for (String line : node.getValue()) {
        if (failure.matcher(line).find()) {
          return Optional.of(
              service.name()
                  + "@"
                  + node.getKey()
                  + " logged a failed migration: \""
                  + line.strip()
                  + "\" (matches migrations.startup.failure)");
        }
      }
    }
    return Optional.empty();
  }

  /** Nodes whose log has not said yet that the migrations are done; none without a log. */
  List<String> silentNodes(Map<String, List<String>> logs) {
    if (!log.readable()) {
      return List.of();
    }
    return service.nodes().stream()
        .filter(
            node ->
                logs.getOrDefault(node, List.of()).stream()
                    .noneMatch(line -> success.matcher(line).find()))
        .toList();
  }
}
