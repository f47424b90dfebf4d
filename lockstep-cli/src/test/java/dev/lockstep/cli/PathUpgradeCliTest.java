package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.io.Json;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.PathReleases;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code lockstep upgrade --to 2.0.0} from 1.0.0 across a required stop (1.1.0) and 2.0.0's {@code
 * minimumFrom} (1.5.0), on the sample product: a tampered artifact of the last hop stops the whole
 * path before its first hop (exit 2, nothing touched); put back, one command takes all three hops.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class PathUpgradeCliTest {
  private SampleDeployment sample;

  @BeforeEach
  void onOneZeroZero() throws IOException {
    sample = TestSamples.create(PostgresExtension.server(), "path_upgrade", false);
    PathReleases.writeInto(sample.folder().resolve("releases"), false);
    TestSamples.compileReleases(sample);
    succeeds("upgrade", "--to", "1.0.0");
  }

  @AfterEach
  void stop() {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      deployment.stopServices();
    }
    sample.close();
  }

  @Test
  void upgrade_aTamperedHopRefusesThePath_thenOneCommandTakesEveryHop() throws IOException {
    Path artifact = sample.folder().resolve("releases/2.0.0/api.java");
    String published = Files.readString(artifact);
    Files.writeString(artifact, published + "// not the published api\n");

    SampleCli.Result refused = run("upgrade", "--to", "2.0.0");

    assertThat(refused.code()).as(refused.output()).isEqualTo(2);
    assertThat(refused.output())
        .contains("The upgrade path is refused before its first hop; nothing was touched.")
        .contains("Release 2.0.0 on the way: components.api.sha256 says")
        .contains("download it again from the vendor")
        .doesNotContain("── Hop 1", "internal error", "\tat ");
    assertThat(installed()).isEqualTo("1.0.0");
    assertThat(runs()).as("no run recorded").isEqualTo(1);

    Files.writeString(artifact, published);
    String upgraded = succeeds("upgrade", "--to", "2.0.0");

    assertThat(upgraded)
        .contains("Path from 1.0.0 to 2.0.0: 3 upgrades, one after the other")
        .contains("── Hop 1 of 3: 1.0.0 → 1.1.0 (required stop)")
        .contains("── Hop 2 of 3: 1.1.0 → 1.5.0 (minimumFrom of 2.0.0)")
        .contains("── Hop 3 of 3: 1.5.0 → 2.0.0 (target)")
        .endsWith(
            "Upgraded 1.0.0 → 2.0.0 in 3 hops (1.1.0, 1.5.0, 2.0.0), each backed up, verified"
                + " and validated on its own.\n");
    assertThat(installed()).isEqualTo("2.0.0");
    assertThat(runs()).isEqualTo(4);
    assertThePathIsOneRecord();
  }

  /** The three hops are journaled as one path: history says so, and one page shows them all. */
  private void assertThePathIsOneRecord() throws IOException {
    JsonNode history = Json.read(succeeds("history", "--output", "json"), JsonNode.class);
    List<String> hops =
        List.of(history.get(2), history.get(1), history.get(0)).stream()
            .map(run -> run.get("runId").asText())
            .toList();
    String first = hops.get(0);
    List<String> marked =
        succeeds("history").lines().filter(line -> line.contains("(path " + first + ")")).toList();
    assertThat(marked).hasSize(3);
    for (int hop = 1; hop <= 3; hop++) {
      assertThat(marked.get(3 - hop))
          .startsWith(hops.get(hop - 1) + " ")
          .endsWith(" " + hop + "/3 → 2.0.0 (path " + first + ")");
    }

    JsonNode written =
        Json.read(succeeds("report", hops.get(1), "--output", "json"), JsonNode.class);
    assertThat(written.get("path").asText()).isEqualTo(first);
    assertThat(written.get("runs")).extracting(JsonNode::asText).containsExactlyElementsOf(hops);
    String page = Files.readString(Path.of(written.get("file").asText()));
    assertThat(page)
        .contains("Upgrade 1.0.0 → 2.0.0 across required stops")
        .contains("2.0.0 is installed: 3 hops, each backed up, verified and validated on its own.")
        .contains(
            "Hop 1 of 3: 1.0.0 → 1.1.0", "Hop 2 of 3: 1.1.0 → 1.5.0", "Hop 3 of 3: 1.5.0 → 2.0.0")
        .contains(hops.toArray(String[]::new));
    assertThat(Path.of(written.get("file").asText()).getFileName())
        .hasToString(first + "-path.html");
    drawnInABrowser(Path.of(written.get("file").asText()));
  }

  /** The path's page in a real browser: every hop's timeline drawn, no console error. */
  private static void drawnInABrowser(Path page) throws IOException {
    ChromeDriver browser = Browsers.chromium();
    try {
      browser.get(page.toUri().toString());

      assertThat(browser.findElement(By.tagName("h1")).getText())
          .startsWith("Upgrade 1.0.0 → 2.0.0 across required stops");
      assertThat(browser.findElements(By.cssSelector("table.hops tr.succeeded"))).hasSize(3);
      List<WebElement> timelines = browser.findElements(By.cssSelector("svg.timeline"));
      assertThat(timelines).hasSize(3);
      assertThat(timelines)
          .allSatisfy(
              timeline ->
                  assertThat(timeline.findElements(By.cssSelector("rect.step"))).isNotEmpty());
      assertThat(Browsers.consoleErrors(browser)).as("the browser's console").isEmpty();
      Browsers.screenshot(browser, "path-report.png");
    } finally {
      browser.quit();
    }
  }

  private String installed() {
    return status().get("installed").asText();
  }

  private JsonNode status() {
    return Json.read(succeeds("status", "--output", "json"), JsonNode.class);
  }

  private int runs() {
    return Json.read(succeeds("history", "--output", "json"), JsonNode.class).size();
  }

  private SampleCli.Result run(String... args) {
    return new SampleCli(sample).run(args);
  }

  private String succeeds(String... args) {
    return new SampleCli(sample).succeeds(args);
  }
}
