package dev.lockstep.targets;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.ReleaseManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Services and releases built in code, for tests that need no config file. */
public final class Fixtures {
  private Fixtures() {}

  public static ServiceConfig processService(
      String name, List<String> nodes, List<String> run, Map<String, String> env, Duration stop) {
    return new ServiceConfig(name, name, nodes, run, null, env, stop, null, null, null, null);
  }

  public static ServiceConfig commandService(
      String name, List<String> nodes, String stop, String install, String start, String version) {
    return new ServiceConfig(
        name,
        name,
        nodes,
        null,
        null,
        Map.of(),
        Duration.ofSeconds(10),
        stop,
        install,
        start,
        version);
  }

  public static ReleaseManifest release(String version, String component, Artifact artifact) {
    return new ReleaseManifest(
        Path.of("/releases", version, "release.yaml"),
        "demo",
        Version.parse(version),
        Map.of(component, new Component(component, artifact)),
        null,
        List.of(),
        null);
  }

  /** A release whose file artifact is {@code file}, with its true sha256. */
  public static ReleaseManifest fileRelease(String version, String component, Path file) {
    return release(version, component, new FileArtifact(file, Sha256.of(file)));
  }
}
