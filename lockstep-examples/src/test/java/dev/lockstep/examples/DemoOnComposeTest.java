package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.EngineOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The demo on Docker Compose, as {@code lockstep demo --target compose} runs it: the sample's
 * images built from the jars on the class path, the four chapters on the real container engine, and
 * nothing left: no container of its project, no folder.
 */
class DemoOnComposeTest {
  @Test
  void run_onCompose_tellsTheStoryOnContainersAndTakesEverythingDown() {
    Lines lines = new Lines();

    DemoResult result = new Demo(lines, EngineOptions.quiet(), false, DemoTarget.COMPOSE).run();

    assertThat(result.proven()).as(String.join("\n", lines.said)).isTrue();
    assertThat(result.runs()).extracting(RunReport::exitCode).containsExactly(0, 0, 3);
    assertThat(result.runs().get(2).rollback().strategy()).isEqualTo("restore_backup");
    assertThat(result.notesFound()).isEqualTo(5);
    assertThat(lines.said)
        .anyMatch(line -> line.startsWith("  built 3 release(s)"))
        .anyMatch(line -> line.startsWith("All 5 notes survived"));
    assertThat(lines.folder()).doesNotExist();
    String project = "notes-demo-" + ProcessHandle.current().pid();
    assertThat(containersNamed(project)).as("containers of " + project).isEmpty();
  }

  private static List<String> containersNamed(String project) {
    ProcessResult ps =
        ProcessRunner.standalone()
            .run(
                ProcessSpec.of(
                        "docker ps",
                        List.of(
                            "docker",
                            "ps",
                            "-a",
                            "--filter",
                            "name=" + project,
                            "--format",
                            "{{.Names}}"))
                    .withDeadline(Duration.ofMinutes(1)));
    assertThat(ps.succeeded()).as(ps.describeFailure()).isTrue();
    return ps.head().stream().filter(name -> !name.isBlank()).toList();
  }

  /** What the demo says, kept; plans and reports are in its result. */
  private static final class Lines implements Narrator {
    private static final String FOLDER = "; the sample product's releases and config are in ";
    final List<String> said = new CopyOnWriteArrayList<>();

    @Override
    public void chapter(String title) {
      said.add(title);
    }

    @Override
    public void say(String line) {
      said.add(line);
    }

    @Override
    public void plan(Plan plan) {}

    @Override
    public void report(RunReport report) {}

    Path folder() {
      return said.stream()
          .filter(line -> line.contains(FOLDER))
          .map(line -> Path.of(line.substring(line.indexOf(FOLDER) + FOLDER.length())))
          .findFirst()
          .orElseThrow(() -> new AssertionError("the demo never named its folder: " + said));
    }
  }
}
