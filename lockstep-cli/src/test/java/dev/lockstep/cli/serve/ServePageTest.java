package dev.lockstep.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.Browsers;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.journal.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages of {@code lockstep serve} in a real browser (Debian's Chromium): each loads with no
 * console error under the strict Content-Security-Policy, a screenshot of each is kept in {@code
 * target/screenshots}, and the live page follows a run that the test drives step by step through
 * the journal (as a real run writes it), without being reloaded. The watch's page draws a chart of
 * every signal.
 */
class ServePageTest {
  @TempDir Path dir;
  private ServedState state;
  private ChromeDriver browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    state.close();
  }

  @Test
  void everyPage_loadsWithoutConsoleErrors() throws Exception {
    state = new ServedState(dir).serve(Optional.of(ActionToken.generate()));
    browser = Browsers.chromium();

    browser.get(state.url("/"));
    assertThat(browser.findElements(By.cssSelector("#runs a"))).hasSize(2);
    Browsers.screenshot(browser, "serve-home.png");
    browser.findElement(By.linkText(state.install.id())).click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Upgrade 1.0.0");
    assertThat(browser.findElements(By.cssSelector("svg.timeline rect.step"))).hasSize(6);
    assertThat(browser.findElement(By.id("rollback")).isEnabled()).isFalse();
    browser.findElement(By.id("confirm-run")).sendKeys(state.install.id());
    browser.findElement(By.id("token")).sendKeys("a-token-pasted-here");
    assertThat(browser.findElement(By.id("rollback")).isEnabled())
        .as("enabled once the run id is typed and a token pasted")
        .isTrue();
    Browsers.screenshot(browser, "serve-run.png");
    browser.get(state.url("/backups"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Backups");
    Browsers.screenshot(browser, "serve-backups.png");
    browser.get(state.url("/live"));
    waitFor(() -> browser.findElement(By.id("installed")).getText().equals("1.0.0"));
    assertThat(browser.findElement(By.id("idle")).isDisplayed()).isTrue();
    Browsers.screenshot(browser, "serve-live-idle.png");

    assertThat(Browsers.consoleErrors(browser)).as("the browser's console").isEmpty();
  }

  @Test
  void watchPage_fromTheIndex_drawsEverySignalsChart_withoutConsoleErrors() throws Exception {
    state = new ServedState(dir).withWatch().serve(Optional.empty());
    browser = Browsers.chromium();

    browser.get(state.url("/"));
    assertThat(browser.findElement(By.cssSelector("#watch .status")).getText())
        .isEqualTo("watching");
    assertThat(browser.findElements(By.cssSelector("#verdicts tr.fail"))).hasSize(1);
    assertThat(browser.findElement(By.id("point-of-no-return")).getText())
        .contains("a rollback now means a restore");
    Browsers.screenshot(browser, "serve-home-watch.png");
    browser.findElement(By.cssSelector("#watch a[href='/watch']")).click();
    assertThat(browser.findElement(By.tagName("h1")).getText())
        .startsWith("Watch of 1.0.0 → 1.1.0");
    List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
    assertThat(charts).hasSize(ServedState.SIGNALS.size());
    for (WebElement chart : charts) {
      assertThat(points(chart, "polyline.baseline")).isEqualTo(ServedState.BASELINE_SAMPLES);
      assertThat(points(chart, "polyline.watched")).isEqualTo(ServedState.WATCHED_SAMPLES);
    }
    Browsers.screenshot(browser, "serve-watch.png");
    browser.get(state.url("/runs/" + state.watched.id()));
    assertThat(browser.findElements(By.cssSelector("svg.chart polyline.watched")))
        .hasSize(ServedState.SIGNALS.size());

    assertThat(Browsers.consoleErrors(browser)).as("the browser's console").isEmpty();
  }

  private static int points(WebElement chart, String line) {
    return chart
        .findElement(By.cssSelector(line))
        .getAttribute("points")
        .trim()
        .split("\\s+")
        .length;
  }

  @Test
  void livePage_followsTheRunInProgress_stepByStep() throws Exception {
    state = new ServedState(dir).serve(Optional.empty());
    browser = Browsers.chromium();
    browser.get(state.url("/live"));
    waitFor(() -> browser.findElement(By.id("idle")).isDisplayed());

    RunRecord run = state.journal.startRun(RunKind.UPGRADE, "test", "1.0.0", "2.1.0");
    state.journal.recordChecklist(run.id(), Phase.FORWARD, 1, ServedState.UPGRADE, "{}");
    for (int i = 0; i < 3; i++) {
      String step = ServedState.UPGRADE.get(i);
      int seq = state.journal.stepStarted(run.id(), step, Phase.FORWARD);
      waitFor(() -> text("current-step").startsWith("forward step '" + step + "'"));
      assertThat(text("run-id")).isEqualTo(run.id());
      assertThat(text("steps-done")).isEqualTo(i + " of 6 steps done");
      assertThat(browser.findElement(By.id("progress")).getAttribute("value"))
          .isEqualTo(String.valueOf(i));
      state.journal.stepFinished(run.id(), seq, StepStatus.SUCCEEDED, null);
    }
    waitFor(() -> text("steps-done").equals("3 of 6 steps done"));
    assertThat(browser.findElements(By.cssSelector("#steps tr"))).hasSize(3);
    Browsers.screenshot(browser, "serve-live.png");
    state.journal.finishRun(run.id(), RunStatus.FAILED, "stopped by the test");
    waitFor(() -> browser.findElement(By.id("idle")).isDisplayed());
    assertThat(browser.findElement(By.cssSelector("#last-run a")).getText()).endsWith(run.id());

    assertThat(Browsers.consoleErrors(browser)).as("the browser's console").isEmpty();
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  /** Waits up to 10 s for {@code condition}: the page asks the server once a second. */
  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s for the page").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
