package dev.lockstep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** A real browser for the pages' tests: Debian's Chromium through its chromium-driver. */
final class Chromium {
  private Chromium() {}

  /** Headless Chromium through chromium-driver, both found on the PATH (Debian's packages). */
  static ChromeDriver start() {
    Path chromium = program("chromium").orElseThrow(() -> missing("chromium"));
    Path driver = program("chromedriver").orElseThrow(() -> missing("chromium-driver"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    // Root in CI: Chromium's sandbox needs an unprivileged user.
    options.addArguments("--headless=new", "--no-sandbox", "--window-size=1100,1400");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    return new ChromeDriver(service, options);
  }

  /** The console's warnings and errors since the page loaded. */
  static List<LogEntry> consoleErrors(ChromeDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .toList();
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
