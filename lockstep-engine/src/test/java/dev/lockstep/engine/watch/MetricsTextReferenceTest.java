package dev.lockstep.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.engine.watch.MetricsText.Format;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The parser against the reference parsers of both formats, the official Python client's (Debian's
 * python3-prometheus-client; its OpenMetrics parser is the one the OpenMetrics project checks its
 * format with), on 500 seeded random pages per format:
 *
 * <ul>
 *   <li>on pages that follow the format, every sample's name, labels, value and its family's HELP
 *       read the same;
 *   <li>on the same pages each damaged by one character, wherever both parsers read a page they
 *       read the same samples. Where they differ on reading one at all, the reference is the laxer
 *       on syntax (the Python text-format parser says it is laxer than Prometheus's own; it reads a
 *       label value with no closing quote, a sample with no space before its value) and the
 *       stricter on meaning (an OpenMetrics histogram with no +Inf bucket), which the watch does
 *       not need: it reads counters and gauges.
 * </ul>
 */
class MetricsTextReferenceTest {
  private static final int PAGES = 500;
  private static final String[] DAMAGE = {
    "\"", "\\", "{", "}", " ", ",", "=", "#", "\n", "x", "1", "\t"
  };

  /** One sample as both parsers are compared on; the value as Java spells the double. */
  record Read(String name, Map<String, String> labels, String value, String help) {
    Read withoutHelp() {
      return new Read(name, labels, value, "");
    }
  }

  @TempDir Path pages;

  @ParameterizedTest
  @EnumSource(Format.class)
  void parse_randomPages_readsWhatTheReferenceParserReads(Format format)
      throws IOException, InterruptedException {
    List<String> texts = new ArrayList<>();
    for (int seed = 0; seed < PAGES; seed++) {
      texts.add(RandomMetricsPage.of(seed, format));
    }

    List<JsonNode> reference = referenceRead(format, texts);

    for (int seed = 0; seed < PAGES; seed++) {
      JsonNode expected = reference.get(seed);
      String page = texts.get(seed);
      assertThat(expected.has("error"))
          .as("the reference parser refused page %d:\n%s\n%s", seed, expected, page)
          .isFalse();
      assertThat(read(page, format).orElseThrow(() -> refused(page, format)))
          .as("page %d:\n%s", seed, page)
          .containsExactlyElementsOf(read(expected));
    }
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void parse_damagedPages_whereBothParsersReadOne_readTheSameSamples(Format format)
      throws IOException, InterruptedException {
    Random random = new Random(7);
    List<String> texts = new ArrayList<>();
    for (int seed = 0; seed < PAGES; seed++) {
      texts.add(damaged(RandomMetricsPage.of(seed, format), random));
    }

    List<JsonNode> reference = referenceRead(format, texts);

    int readByBoth = 0;
    for (int seed = 0; seed < PAGES; seed++) {
      String page = texts.get(seed);
      Optional<List<Read>> ours = read(page, format);
      if (ours.isEmpty() || reference.get(seed).has("error")) {
        continue;
      }
      readByBoth++;
      // Where a damaged name splits a family, the reference gives the samples after it no HELP;
      // this parser keeps the HELP of the family they name. Their samples are compared.
      assertThat(ours.get())
          .extracting(Read::withoutHelp)
          .as("page %d:\n%s", seed, page)
          .containsExactlyElementsOf(
              read(reference.get(seed)).stream().map(Read::withoutHelp).toList());
    }
    // Seed 7 leaves 88 (OpenMetrics) and 205 (Prometheus) damaged pages that both read.
    assertThat(readByBoth).isGreaterThan(PAGES / 10);
  }

  /** The page with one character taken out, put in or replaced; never half of a pair. */
  private static String damaged(String page, Random random) {
    int at = random.nextInt(page.length() - 1);
    while (Character.isSurrogate(page.charAt(at))) {
      at = random.nextInt(page.length() - 1);
    }
    String character = DAMAGE[random.nextInt(DAMAGE.length)];
    return switch (random.nextInt(3)) {
      case 0 -> page.substring(0, at) + page.substring(at + 1);
      case 1 -> page.substring(0, at) + character + page.substring(at);
      default -> page.substring(0, at) + character + page.substring(at + 1);
    };
  }

  private static Optional<List<Read>> read(String page, Format format) {
    try {
      return Optional.of(
          MetricsText.parse(page, format).series().stream()
              .map(
                  one -> new Read(one.name(), one.labels(), repr(one.value()), one.family().help()))
              .toList());
    } catch (IllegalArgumentException refused) {
      return Optional.empty();
    }
  }

  private static AssertionError refused(String page, Format format) {
    try {
      MetricsText.parse(page, format);
      return new AssertionError("read");
    } catch (IllegalArgumentException refused) {
      return new AssertionError(refused.getMessage() + " in a page the reference reads:\n" + page);
    }
  }

  private static List<Read> read(JsonNode page) {
    List<Read> samples = new ArrayList<>();
    for (JsonNode sample : page.get("samples")) {
      Map<String, String> labels = new LinkedHashMap<>();
      sample.get(1).fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      samples.add(
          new Read(
              sample.get(0).asText(),
              labels,
              repr(Double.parseDouble(python(sample.get(2).asText()))),
              sample.get(3).asText()));
    }
    return samples;
  }

  /** Python's repr of a double in Java's spelling. */
  private static String python(String repr) {
    return switch (repr) {
      case "nan" -> "NaN";
      case "inf" -> "Infinity";
      case "-inf" -> "-Infinity";
      default -> repr;
    };
  }

  private static String repr(double value) {
    return Double.toString(value);
  }

  /** Each page as the reference parser reads it: its samples, or the error it refused it with. */
  private List<JsonNode> referenceRead(Format format, List<String> texts)
      throws IOException, InterruptedException {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      files.add(Files.writeString(pages.resolve(i + ".txt"), texts.get(i)).toString());
    }
    Path script = pages.resolve("reference_parse.py");
    try (InputStream in = getClass().getResourceAsStream("reference_parse.py")) {
      Files.copy(in, script);
    }
    List<String> command = new ArrayList<>(List.of(python().toString(), script.toString()));
    command.add(format == Format.OPENMETRICS ? "openmetrics" : "prometheus");
    command.addAll(files);
    Process process =
        new ProcessBuilder(command).redirectError(pages.resolve("stderr").toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue())
        .as("the reference parser failed: %s", Files.readString(pages.resolve("stderr")))
        .isZero();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> read = new ArrayList<>();
    for (String line : out.split("\n")) {
      read.add(json.readTree(line));
    }
    assertThat(read).hasSize(files.size());
    return read;
  }

  /** A python3 that has the official client: the one on PATH, else the system's. */
  private static Path python() throws IOException, InterruptedException {
    List<Path> candidates =
        Stream.of(ProgramPath.fromEnvironment(), ProgramPath.of("/usr/bin:/bin"))
            .map(path -> path.find("python3"))
            .flatMap(Optional::stream)
            .toList();
    for (Path candidate : candidates) {
      Process check =
          new ProcessBuilder(candidate.toString(), "-c", "import prometheus_client")
              .redirectErrorStream(true)
              .start();
      check.getInputStream().readAllBytes();
      if (check.waitFor() == 0) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "No python3 here has the official Prometheus client (tried "
            + candidates
            + "); this test reads pages with its parsers. Run .ci/run, or apt-get install"
            + " python3-prometheus-client.");
  }
}
