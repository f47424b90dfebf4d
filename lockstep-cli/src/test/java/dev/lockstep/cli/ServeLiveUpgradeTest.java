package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.serve.StateServer;
import dev.lockstep.cli.serve.StateSource;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code lockstep serve}'s live page in Chromium while a real upgrade of the sample product (1.0.0
 * → 1.1.0, on a throwaway PostgreSQL) runs beside it in this JVM: read every 100 ms and never
 * reloaded, the page shows the run's steps one after another, then the run done and 1.1.0
 * installed.
 */
@ExtendWith(PostgresExtension.class)
class ServeLiveUpgradeTest {
  private static final Pattern STEP = Pattern.compile("^\\w+ step '([^']+)'");

  private SampleDeployment sample;
  private StateSource state;
  private StateServer server;
  private ChromeDriver browser;
  private final ExecutorService upgrades = Executors.newSingleThreadExecutor();

  @BeforeEach
  void onOneZeroZero() {
    sample = TestSamples.create(PostgresExtension.server(), "serve_live", false);
    new SampleCli(sample).succeeds("upgrade", "--to", "1.0.0");
  }

  @AfterEach
  void stop() throws InterruptedException {
    try {
      if (browser != null) {
        browser.quit();
      }
      if (server != null) {
        server.close();
        state.close();
      }
    } finally {
      // A failed assertion leaves the upgrade running: its services are stopped once it ends.
      upgrades.shutdown();
      upgrades.awaitTermination(2, TimeUnit.MINUTES);
      try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
        deployment.stopServices();
      }
      sample.close();
    }
  }

  @Test
  void livePage_followsARealUpgrade_stepByStep_withoutBeingReloaded() throws Exception {
    state = new StateSource(() -> Deployment.open(sample.config(), EngineOptions.quiet()));
    server =
        StateServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            state,
            SecretRegistry.of(sample.config()),
            Optional.empty(),
            Set.of("127.0.0.1"),
            Clock.systemUTC());
    browser = Browsers.chromium();
    browser.get(server.uri().resolve("/live").toString());
    waitFor(() -> text("installed").equals("1.0.0") && displayed("idle"));

    long started = System.nanoTime();
    Future<SampleCli.Result> upgrade =
        upgrades.submit(() -> new SampleCli(sample).run("upgrade", "--to", "1.1.0"));
    Set<String> currentSteps = new LinkedHashSet<>();
    Set<String> stepNames = new LinkedHashSet<>();
    List<Integer> progress = new ArrayList<>();
    String runId = null;
    while (!upgrade.isDone()) {
      if (displayed("running")) {
        // As the page last set them: a poll may hide the block between two reads of it.
        runId = textContent("run-id");
        String current = textContent("current-step");
        currentSteps.add(current);
        Matcher step = STEP.matcher(current);
        if (step.find() && stepNames.add(step.group(1))) {
          // Taken again at each new step: what stays is the page at the last step seen.
          Browsers.screenshot(browser, "serve-live-upgrade.png");
        }
        int done = Integer.parseInt(browser.findElement(By.id("progress")).getAttribute("value"));
        if (progress.isEmpty() || progress.get(progress.size() - 1) != done) {
          progress.add(done);
        }
      }
      Thread.sleep(100);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    SampleCli.Result result = upgrade.get();
    System.out.printf(
        "upgrade took %s; the page showed steps %s, progress %s, current step texts %s%n",
        took, stepNames, progress, currentSteps);

    assertThat(result.code()).as(result.output()).isZero();
    assertThat(stepNames).as("the steps the page showed, in turn").hasSizeGreaterThanOrEqualTo(2);
    assertThat(progress).as("steps done, as the page showed them").isSorted();
    assertThat(progress.get(progress.size() - 1)).isGreaterThan(progress.get(0));
    waitFor(() -> text("installed").equals("1.1.0") && displayed("idle"));
    assertThat(browser.findElement(By.cssSelector("#last-run a")).getText())
        .isEqualTo("Latest run: " + runId);
    Browsers.screenshot(browser, "serve-live-upgrade-done.png");
    assertThat(Browsers.consoleErrors(browser)).as("the browser's console").isEmpty();
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private String textContent(String id) {
    return browser.findElement(By.id(id)).getDomProperty("textContent");
  }

  private boolean displayed(String id) {
    return browser.findElement(By.id(id)).isDisplayed();
  }

  /** Waits up to 10 s for {@code condition}: the page asks the server once a second. */
  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s for the page").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
