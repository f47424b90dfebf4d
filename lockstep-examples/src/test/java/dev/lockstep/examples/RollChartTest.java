package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.examples.LoadResult.Sent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RollChartTest {
  @Test
  void svg_drawsEveryRequestOverTheRollsBandsWithTheSlowOnesInRed() throws Exception {
    RollTimeline timeline = new RollTimeline();
    timeline.phase("web-1", "draining", 1_000_000_000L);
    timeline.phase("web-1", "installing 1.1.0", 2_000_000_000L);
    timeline.phase("web-1", "back in rotation", 3_000_000_000L);
    List<Sent> requests =
        List.of(
            new Sent(500_000_000L, 5_000),
            new Sent(1_500_000_000L, 250_000),
            new Sent(2_500_000_000L, 8_000));

    String svg = RollChart.svg(timeline.spans(0, 4_000_000_000L), requests, 100);

    Document chart =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    NodeList dots = chart.getElementsByTagName("circle");
    assertThat(dots.getLength()).isEqualTo(3);
    assertThat(((Element) dots.item(1)).getAttribute("fill")).isEqualTo("#c62828");
    assertThat(((Element) dots.item(0)).getAttribute("fill")).isNotEqualTo("#c62828");
    // The background, four bands (before the first node, stopping, starting, back) and the six
    // colours of the legend.
    assertThat(chart.getElementsByTagName("rect").getLength()).isEqualTo(1 + 4 + 6);
    assertThat(svg).contains("2× the steady p99 (100 ms)");
  }
}
