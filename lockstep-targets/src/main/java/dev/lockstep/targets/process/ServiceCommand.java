package dev.lockstep.targets.process;

import dev.lockstep.core.config.Placeholders;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.targets.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The command line that starts one node of a service on its installed release. */
final class ServiceCommand {
  private ServiceCommand() {}

  /**
   * {@code services.<name>.run} with its placeholders filled in; {@code {artifact}} is the
   * installed copy, never the release's original, so that what runs is what was verified.
   */
  static List<String> render(ServiceConfig service, ProcessState state, String version) {
    Path artifact = requireInstalled(state, version);
    Map<String, String> values =
        Map.of(
            "artifact", artifact.toAbsolutePath().toString(),
            "version", version,
            "node", state.node(),
            "service", service.name(),
            "component", service.component());
    return service.run().stream().map(arg -> Placeholders.render(arg, values)).toList();
  }

  private static Path requireInstalled(ProcessState state, String version) {
    String where = state.service() + "@" + state.node();
    if (!version.equals(state.version()) || state.artifact() == null) {
      String installed = state.version() == null ? "nothing" : state.version();
      throw new TargetException(
          state.service(),
          state.node(),
          where
              + " has "
              + installed
              + " installed, not "
              + version
              + ". Fix: install "
              + version
              + " first.");
    }
    Path artifact = Path.of(state.artifact());
    if (!Files.isRegularFile(artifact)) {
      throw new TargetException(
          state.service(),
          state.node(),
          "the installed artifact "
              + artifact
              + " of "
              + where
              + " is gone. Fix: install "
              + version
              + " again.");
    }
    return artifact;
  }
}
