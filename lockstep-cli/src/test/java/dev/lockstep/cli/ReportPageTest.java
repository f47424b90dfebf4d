package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code lockstep report} on a real run of the sample product (1.0.0 installed, then 2.0.0 failing
 * its check and rolled back by a restore), opened from disk in a real browser: Debian's Chromium,
 * driven through its chromium-driver by Selenium. The page must load with no console error, draw a
 * bar for every step and the downtime, and a screenshot is kept in {@code target/screenshots}.
 */
@ExtendWith(PostgresExtension.class)
class ReportPageTest {
  private SampleDeployment sample;

  @BeforeEach
  void aFailedUpgradeRolledBack() {
    sample = TestSamples.create(PostgresExtension.server(), "report_page", false);
    assertThat(run("upgrade", "--to", "1.0.0").code()).isZero();
    sample.notes().write("untagged", "breaks 2.0.0", null);
    assertThat(run("upgrade", "--to", "2.0.0").code()).isEqualTo(3);
  }

  @AfterEach
  void stop() {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      deployment.stopServices();
    }
    sample.close();
  }

  @Test
  void report_latestRun_isOnePageThatARealBrowserDrawsWithoutErrors() throws IOException {
    Path page = sample.folder().resolve("report.html");

    SampleCli.Result written = run("report", "--out", page.toString());

    assertThat(written.code()).as(written.output()).isZero();
    assertThat(written.output()).contains("Wrote " + page.toAbsolutePath());
    String html = Files.readString(page);
    assertThat(html)
        .contains("Upgrade 1.0.0 → 2.0.0", "rolled back", "restore_backup", "data-loss window")
        .doesNotContain("<script", "src=\"http", "href=\"http")
        .doesNotContain(sample.environment().get("NOTES_DB_PASSWORD"));

    ChromeDriver browser = Browsers.chromium();
    try {
      browser.get(page.toUri().toString());

      List<WebElement> steps = browser.findElements(By.cssSelector("svg.timeline rect.step"));
      assertThat(steps).hasSizeGreaterThan(8);
      assertThat(steps).allSatisfy(bar -> assertThat(bar.getSize().getWidth()).isPositive());
      assertThat(browser.findElements(By.cssSelector("svg.timeline rect.step.rollback")))
          .isNotEmpty();
      assertThat(
              browser
                  .findElement(By.cssSelector("svg.timeline rect.downtime"))
                  .getSize()
                  .getWidth())
          .isPositive();
      assertThat(browser.findElement(By.tagName("h1")).getText())
          .startsWith("Upgrade 1.0.0 → 2.0.0");
      assertThat(Browsers.consoleErrors(browser)).as("the browser's console").isEmpty();
      Browsers.screenshot(browser, "run-report.png");
    } finally {
      browser.quit();
    }
  }

  private SampleCli.Result run(String... args) {
    return new SampleCli(sample).run(args);
  }
}
