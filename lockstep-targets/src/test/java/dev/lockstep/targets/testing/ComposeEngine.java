package dev.lockstep.targets.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real container engine the compose tests drive, and the local images they use. No registry is
 * reachable, so the images are built here, once per test JVM: a root file system of a few host
 * files ({@code /bin/sh} from dash, {@code sleep}, {@code cat} and the libraries they load),
 * imported under three tags with different labels, so that each has an id of its own.
 */
public final class ComposeEngine {
  public static final String IMAGE_1 = "localhost/lockstep-test/idle:1";
  public static final String IMAGE_2 = "localhost/lockstep-test/idle:2";
  public static final String IMAGE_STRAY = "localhost/lockstep-test/idle:stray";
  public static final String IMAGE_ABSENT = "localhost/lockstep-test/absent:9";

  private static boolean ready;

  private ComposeEngine() {}

  /** Fails, saying what to install, when Compose or the engine does not answer. */
  public static synchronized void require() {
    if (ready) {
      return;
    }
    String fix =
        " Run .ci/containers.sh (it installs Podman and Docker Compose v2 and starts `podman"
            + " system service` on unix:///run/podman/podman.sock), or point DOCKER_HOST at a"
            + " running engine (now: "
            + System.getenv("DOCKER_HOST")
            + ").";
    Result version = run(List.of("docker", "compose", "version"), null);
    if (version.code != 0) {
      fail("`docker compose version` failed: " + version.output + fix);
    }
    Result info = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), null);
    if (info.code != 0) {
      fail("the container engine does not answer (`docker info`): " + info.output + fix);
    }
    buildImages();
    ready = true;
  }

  /**
   * Imports the images unless a previous test run left all three: importing again would leave the
   * previous ones behind, untagged, at every run.
   */
  private static void buildImages() {
    List<String> inspect = new ArrayList<>(List.of("docker", "image", "inspect", "-f", "{{.Id}}"));
    inspect.addAll(List.of(IMAGE_1, IMAGE_2, IMAGE_STRAY));
    if (run(inspect, null).code == 0) {
      return;
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("lockstep-rootfs");
      Path root = dir.resolve("rootfs");
      Files.createDirectories(root.resolve("bin"));
      Files.copy(Path.of("/bin/dash"), root.resolve("bin/sh"));
      Files.copy(Path.of("/bin/sleep"), root.resolve("bin/sleep"));
      Files.copy(Path.of("/bin/cat"), root.resolve("bin/cat"));
      for (String library : libraries("/bin/dash", "/bin/sleep", "/bin/cat")) {
        Path target = root.resolve(library.substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(Path.of(library).toRealPath(), target);
      }
      Path tar = dir.resolve("rootfs.tar");
      check(run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."), null), "tar");
      for (String image : List.of(IMAGE_1, IMAGE_2, IMAGE_STRAY)) {
        run(List.of("docker", "image", "rm", "-f", image), null);
        String label = "LABEL lockstep.test.image=" + image.substring(image.lastIndexOf(':') + 1);
        check(
            run(List.of("docker", "import", "-c", label, tar.toString(), image), null),
            "docker import " + image);
      }
    } catch (IOException e) {
      fail("cannot build the test images: " + e);
    } finally {
      delete(dir);
    }
  }

  private static Set<String> libraries(String... programs) {
    Set<String> libraries = new TreeSet<>();
    for (String program : programs) {
      Result ldd = run(List.of("ldd", program), null);
      check(ldd, "ldd " + program);
      for (String line : ldd.output.split("\n")) {
        String text = line.strip();
        int arrow = text.indexOf("=> ");
        String path = arrow >= 0 ? text.substring(arrow + 3) : text;
        if (path.startsWith("/")) {
          libraries.add(
              path.substring(0, path.indexOf(' ') < 0 ? path.length() : path.indexOf(' ')));
        }
      }
    }
    return libraries;
  }

  /** {@code compose down}: removes what a test started, its network too. */
  public static void down(Path dir, String project) {
    List<String> argv = new ArrayList<>(List.of("docker", "compose", "-p", project));
    argv.addAll(List.of("-f", "compose.yaml"));
    if (Files.exists(dir.resolve(".env.images"))) {
      // Compose reads the whole project, and the images come from the pins.
      argv.addAll(List.of("--env-file", ".env.images"));
    }
    argv.addAll(List.of("down", "-t", "0", "--remove-orphans"));
    Result result = run(argv, dir);
    if (result.code != 0) {
      fail("compose down of " + project + " failed: " + result.output);
    }
  }

  private static void check(Result result, String what) {
    if (result.code != 0) {
      fail(what + " failed: " + result.output);
    }
  }

  public record Result(int code, String output) {}

  public static Result run(List<String> argv, Path dir) {
    try {
      ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
      if (dir != null) {
        builder.directory(dir.toFile());
      }
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return new Result(-1, output + " (timed out)");
      }
      return new Result(process.exitValue(), output.strip());
    } catch (IOException e) {
      return new Result(127, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Only a temp folder is left behind.
    }
  }
}
