package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.io.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real browser for the tests of Lockstep's pages: Debian's Chromium, headless, driven through its
 * chromium-driver by Selenium, both found on the PATH.
 */
public final class Browsers {
  private Browsers() {}

  /**
   * Headless Chromium through chromium-driver, its console recorded. Its temporary files go to a
   * folder of its own, deleted when it quits: Chromium leaves a folder for its singleton socket in
   * the temporary folder behind.
   */
  public static ChromeDriver chromium() throws IOException {
    Path chromium = program("chromium").orElseThrow(() -> missing("chromium"));
    Path driver = program("chromedriver").orElseThrow(() -> missing("chromium-driver"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    // Root in CI: Chromium's sandbox needs an unprivileged user.
    options.addArguments("--headless=new", "--no-sandbox", "--window-size=1100,1400");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    Path temporary = Files.createTempDirectory("lockstep-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .withEnvironment(Map.of("TMPDIR", temporary.toString()))
            .build();
    try {
      return new ChromeDriver(service, options) {
        @Override
        public void quit() {
          try {
            super.quit();
          } finally {
            SecureFiles.deleteTree(temporary);
          }
        }
      };
    } catch (RuntimeException e) {
      SecureFiles.deleteTree(temporary);
      throw e;
    }
  }

  /** The warnings and errors on the browser's console since it was last asked. */
  public static List<LogEntry> consoleErrors(ChromeDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .toList();
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>}; returns the file. */
  public static Path screenshot(ChromeDriver browser, String name) throws IOException {
    Path screenshot = Files.createDirectories(Path.of("target/screenshots")).resolve(name);
    Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
    assertThat(Files.size(screenshot)).as(screenshot.toString()).isGreaterThan(10_000);
    return screenshot;
  }

  private static IllegalStateException missing(String debianPackage) {
    return new IllegalStateException(
        debianPackage
            + " is not installed: apt-get install chromium chromium-driver (.ci/run does)");
  }

  private static Optional<Path> program(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin";
    return Stream.of(path.split(":"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
