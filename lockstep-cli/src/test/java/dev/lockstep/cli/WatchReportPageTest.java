package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.output.WatchReportHtml;
import dev.lockstep.cli.output.WatchReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A watch's page (a memory leak and a rise of errors after an upgrade, generated) opened from disk
 * in a real browser, Debian's Chromium: it loads with no console error and every signal's chart
 * draws one point for each of its samples. The whole page's screenshot is kept in {@code
 * target/screenshots}.
 */
class WatchReportPageTest {

  @Test
  void watchReport_leakAndErrors_isOnePageThatARealBrowserDraws() throws IOException {
    Path page =
        Files.createDirectories(Path.of("target/watch-report")).resolve("watch-report.html");
    Files.writeString(page, WatchReportHtml.render(WatchReports.leakAndErrors()));

    ChromeDriver browser = Browsers.chromium();
    try {
      browser.get(page.toUri().toString());

      assertThat(browser.findElement(By.tagName("h1")).getText())
          .startsWith("Watch of 2.3.0 → 2.3.1");
      List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
      assertThat(charts).hasSize(4);
      for (WebElement chart : charts) {
        assertThat(points(chart, "polyline.baseline")).isEqualTo(WatchReports.BASELINE_SAMPLES);
        assertThat(points(chart, "polyline.watched")).isEqualTo(WatchReports.WATCHED_SAMPLES);
        assertThat(chart.findElement(By.cssSelector("polyline.watched")).getSize().getWidth())
            .isGreaterThan(600);
        assertThat(chart.findElement(By.cssSelector("rect.band")).getSize().getHeight())
            .isPositive();
        assertThat(chart.findElements(By.cssSelector("line.upgrade"))).hasSize(1);
        assertThat(chart.findElements(By.cssSelector("line.point-of-no-return"))).hasSize(1);
        assertThat(chart.findElements(By.cssSelector("path.event"))).hasSize(4);
      }
      assertThat(browser.findElements(By.cssSelector("svg.chart line.bound"))).hasSize(1);
      assertThat(browser.findElements(By.cssSelector("svg.chart line.trend"))).hasSize(1);
      assertThat(Browsers.consoleErrors(browser)).as("the browser's console").isEmpty();

      long height = (Long) browser.executeScript("return document.body.scrollHeight");
      browser.manage().window().setSize(new Dimension(1100, (int) height + 140));
      Path screenshot =
          Files.createDirectories(Path.of("target/screenshots")).resolve("watch-report.png");
      Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
      assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    } finally {
      browser.quit();
    }
  }

  private static int points(WebElement chart, String line) {
    return chart
        .findElement(By.cssSelector(line))
        .getAttribute("points")
        .trim()
        .split("\\s+")
        .length;
  }
}
