package dev.lockstep.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.Placeholders;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.targets.command.Action;
import dev.lockstep.targets.command.CommandTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command-target examples cannot run here (no systemd, no Docker engine), so their rendered
 * commands are pinned instead: a change to rendering or to an example shows up as a diff.
 */
class ExampleConfigsTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "command-target");

  @Test
  void systemdNpm_rendersTheUpgradeGuidesCommands() {
    DeploymentConfig config = load("systemd-npm", Map.of("CODEBOLT_DB_PASSWORD", "secret"));
    ReleaseCatalog releases = new ReleaseCatalog(config.releases());
    ReleaseManifest release = releases.get(Version.parse("2.3.1"));

    assertThat(releases.versions()).map(Version::toString).containsExactly("2.3.0", "2.3.1");
    assertThat(config.database().password().reveal()).isEqualTo("secret");
    assertThat(config.checks()).extracting(c -> c.name()).containsExactly("health", "migrations");
    assertThat(config.checks().get(0).http().url()).isEqualTo("http://127.0.0.1:3456/.status");
    assertThat(rendered(config, release))
        .isEqualTo(
            Map.of(
                "server",
                List.of(
                    "sudo systemctl stop codebolt",
                    "npm install -g @codebolt/server@2.3.1",
                    "sudo systemctl start codebolt",
                    "systemctl is-active --quiet codebolt && codebolt --version")));
    assertThat(commands(config, releases.get(Version.parse("2.3.0"))).get("server").get(1))
        .isEqualTo("npm install -g @codebolt/server@2.3.0");
  }

  @Test
  void dockerCompose_pinsEveryImageByDigestAndStartsWithTheDeployProfile() {
    DeploymentConfig config = load("docker-compose", Map.of("CTX_DB_PASSWORD", "secret"));
    ReleaseCatalog releases = new ReleaseCatalog(config.releases());
    ReleaseManifest release = releases.get(Version.parse("2.3.1"));

    assertThat(releases.versions()).map(Version::toString).containsExactly("2.3.0", "2.3.1");
    assertThat(config.checks())
        .extracting(c -> c.name())
        .containsExactly("health", "ui", "migrator");
    Map<String, List<String>> commands = rendered(config, release);
    assertThat(commands.keySet())
        .containsExactlyInAnyOrder("backend", "worker", "ui", "codesearch");
    assertThat(commands.get("backend"))
        .containsExactly(
            "docker compose --profile deploy stop backend",
            "docker pull ghcr.io/ctx/backend@sha256:"
                + "643d080f0a4754318d66a7c50d470c718bc96d61d0e12ff5cb0f8c75f8abf95e"
                + " && touch .env.images && sed -i '/^BACKEND_IMAGE=/d' .env.images"
                + " && echo BACKEND_IMAGE=ghcr.io/ctx/backend@sha256:"
                + "643d080f0a4754318d66a7c50d470c718bc96d61d0e12ff5cb0f8c75f8abf95e"
                + " >> .env.images",
            "docker compose --env-file .env --env-file .env.images --profile deploy up -d backend",
            version("backend"));
    assertThat(commands.get("worker"))
        .containsExactly(
            "docker compose --profile deploy stop worker",
            "docker pull ghcr.io/ctx/worker@sha256:"
                + "b0e76ea1ebb7d41becb88685ea4e944d57304d3fd851eedbedd1858413d87e8a"
                + " && touch .env.images && sed -i '/^WORKER_IMAGE=/d' .env.images"
                + " && echo WORKER_IMAGE=ghcr.io/ctx/worker@sha256:"
                + "b0e76ea1ebb7d41becb88685ea4e944d57304d3fd851eedbedd1858413d87e8a"
                + " >> .env.images",
            "docker compose --env-file .env --env-file .env.images --profile deploy up -d worker",
            version("worker"));
    assertThat(commands.get("ui"))
        .containsExactly(
            "docker compose --profile deploy stop ui",
            "docker pull ghcr.io/ctx/ui@sha256:"
                + "4ee71dabfb3de65828436d3099effea3c24184e2d388b3cf9a56e766bdee8c12"
                + " && touch .env.images && sed -i '/^UI_IMAGE=/d' .env.images"
                + " && echo UI_IMAGE=ghcr.io/ctx/ui@sha256:"
                + "4ee71dabfb3de65828436d3099effea3c24184e2d388b3cf9a56e766bdee8c12"
                + " >> .env.images",
            "docker compose --env-file .env --env-file .env.images --profile deploy up -d ui",
            version("ui"));
    assertThat(commands.get("codesearch"))
        .containsExactly(
            "docker compose --profile deploy stop codesearch",
            "docker pull ghcr.io/ctx/codesearch@sha256:"
                + "f1664ac901024e4d7815af8c6e039560dce88517c6ff17e83972a4c0908e5b40"
                + " && touch .env.images && sed -i '/^CODESEARCH_IMAGE=/d' .env.images"
                + " && echo CODESEARCH_IMAGE=ghcr.io/ctx/codesearch@sha256:"
                + "f1664ac901024e4d7815af8c6e039560dce88517c6ff17e83972a4c0908e5b40"
                + " >> .env.images",
            "docker compose --env-file .env --env-file .env.images --profile deploy up -d"
                + " codesearch",
            version("codesearch"));
  }

  @Test
  void dockerCompose_previousReleaseRendersItsOwnDigests() {
    DeploymentConfig config = load("docker-compose", Map.of("CTX_DB_PASSWORD", "secret"));
    ReleaseManifest previous = new ReleaseCatalog(config.releases()).get(Version.parse("2.3.0"));

    assertThat(commands(config, previous).get("backend").get(1))
        .startsWith(
            "docker pull ghcr.io/ctx/backend@sha256:"
                + "7e2fa66c75da57c41008b593b3a87dcf515c9910ee0da5ab591decf6553ce967 && ");
  }

  @Test
  void kubernetes_scalesToZeroSetsTheReleasesImageAndWaitsForTheRollout() {
    DeploymentConfig config =
        new ConfigLoader(Variables.of(Map.of("NOTES_DB_PASSWORD", "secret")))
            .load(Path.of("..", "examples", "kubernetes", "lockstep.yaml"));
    ReleaseCatalog releases = new ReleaseCatalog(config.releases());

    assertThat(config.target().type()).isEqualTo(TargetType.COMMAND);
    assertThat(releases.versions())
        .map(Version::toString)
        .containsExactly("1.0.0", "1.1.0", "2.0.0");
    assertThat(config.checks().get(0).http().url()).isEqualTo("https://notes.example.com/.status");
    assertThat(rendered(config, releases.get(Version.parse("1.1.0"))).get("api"))
        .containsExactly(
            "kubectl -n notes scale deployment/api --replicas=0"
                + " && kubectl -n notes wait --for=delete pod -l app.kubernetes.io/name=api"
                + " --timeout=2m",
            "kubectl -n notes set image deployment/api api=registry.example.com/notes/api:1.1.0"
                + " && kubectl -n notes annotate deployment/api lockstep.dev/release=1.1.0"
                + " --overwrite",
            "kubectl -n notes scale deployment/api --replicas=2"
                + " && kubectl -n notes rollout status deployment/api --timeout=5m",
            "kubectl -n notes rollout status deployment/api --timeout=5s >/dev/null"
                + " && test \"$(kubectl -n notes get deployment/api -o"
                + " jsonpath='{.status.readyReplicas}')\" -gt 0"
                + " && kubectl -n notes get deployment/api -o"
                + " jsonpath='{.metadata.annotations.lockstep\\.dev/release}'");
    // A rollback to 1.0.0 installs 1.0.0's image the same way.
    assertThat(commands(config, releases.get(Version.parse("1.0.0"))).get("worker").get(1))
        .isEqualTo(
            "kubectl -n notes set image deployment/worker"
                + " worker=registry.example.com/notes/worker:1.0.0"
                + " && kubectl -n notes annotate deployment/worker lockstep.dev/release=1.0.0"
                + " --overwrite");
    assertThat(Placeholders.render(config.migrations().command(), Map.of("version", "2.0.0")))
        .isEqualTo("./k8s/migrate-job.sh 2.0.0");
  }

  @Test
  void kubernetes_manifestsNameTheDeploymentsAndContainersTheCommandsSet() throws Exception {
    DeploymentConfig config =
        new ConfigLoader(Variables.of(Map.of("NOTES_DB_PASSWORD", "secret")))
            .load(Path.of("..", "examples", "kubernetes", "lockstep.yaml"));
    ReleaseManifest first = new ReleaseCatalog(config.releases()).get(Version.parse("1.0.0"));
    Map<String, String> deployedImages = new LinkedHashMap<>();
    Path manifests = Path.of("..", "examples", "kubernetes", "k8s", "notes.yaml");
    try (MappingIterator<JsonNode> documents =
        new YAMLMapper().readerFor(JsonNode.class).readValues(manifests.toFile())) {
      for (JsonNode document : documents.readAll()) {
        if (document.path("kind").asText().equals("Deployment")) {
          JsonNode container = document.at("/spec/template/spec/containers/0");
          deployedImages.put(
              document.at("/metadata/name").asText() + "/" + container.path("name").asText(),
              container.path("image").asText());
        }
      }
    }

    // `kubectl set image deployment/{service} {component}={artifact}` needs both names to exist.
    Map<String, String> expected = new LinkedHashMap<>();
    config
        .services()
        .values()
        .forEach(
            s ->
                expected.put(
                    s.name() + "/" + s.component(),
                    first.components().get(s.component()).artifact().reference(first.version())));
    assertThat(deployedImages).isEqualTo(expected);
  }

  private static String version(String service) {
    return "docker inspect --format '{{ index .Config.Labels \"org.opencontainers.image.version\""
        + " }}' $(docker compose --env-file .env --env-file .env.images --profile deploy ps -q "
        + service
        + ")";
  }

  private static DeploymentConfig load(String example, Map<String, String> env) {
    DeploymentConfig config =
        new ConfigLoader(Variables.of(env))
            .load(EXAMPLES.resolve(example).resolve("lockstep.yaml"));
    assertThat(config.target().type()).isEqualTo(TargetType.COMMAND);
    return config;
  }

  /** Every action's command for every service, on its only node, in action order. */
  private static Map<String, List<String>> rendered(
      DeploymentConfig config, ReleaseManifest release) {
    config.services().values().forEach(s -> assertThat(s.nodes()).containsExactly("local"));
    return commands(config, release);
  }

  private static Map<String, List<String>> commands(
      DeploymentConfig config, ReleaseManifest release) {
    CommandTarget target = new CommandTarget(config);
    Map<String, List<String>> commands = new LinkedHashMap<>();
    for (ServiceConfig service : config.services().values()) {
      commands.put(
          service.name(),
          List.of(
              target.render(service, Action.STOP, null, "local").command(),
              target.render(service, Action.INSTALL, release, "local").command(),
              target.render(service, Action.START, release, "local").command(),
              target.render(service, Action.VERSION, null, "local").command()));
    }
    return commands;
  }
}
