package dev.lockstep.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.JsonAssertion;
import dev.lockstep.core.secrets.SecretRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonAssertionsTest {
  private static final String BODY =
      """
      {"status": "ok", "count": 3, "ratio": 0.5, "ready": true, "owner": null,
       "notes": [{"id": 1}, {"id": 2}], "empty": []}
      """;

  @Test
  void equals_comparesNumbersByValueAndTheRestExactly() {
    assertHolds(
        "$.status == \"ok\"",
        "$.count == 3",
        "$.count == 3.0",
        "$.ratio == 0.50",
        "$.ready == true",
        "$.owner == null",
        "$.notes[1].id == 2",
        "$.empty == []");
    assertThat(failures("$.status == \"degraded\""))
        .containsExactly("$.status is \"ok\", expected \"degraded\"");
    assertThat(failures("$.count == \"3\"")).containsExactly("$.count is 3, expected \"3\"");
    assertThat(failures("$.ready == false")).containsExactly("$.ready is true, expected false");
    assertThat(failures("$.owner == \"me\"")).containsExactly("$.owner is null, expected \"me\"");
  }

  @Test
  void notEquals() {
    assertHolds("$.status != \"down\"", "$.count != 4", "$.owner != false");
    assertThat(failures("$.count != 3.0"))
        .containsExactly("$.count is 3, expected anything but 3.0");
  }

  @Test
  void orderings_compareNumbers() {
    assertHolds(
        "$.count >= 3",
        "$.count >= 2.5",
        "$.count <= 3",
        "$.count > 2",
        "$.count < 4",
        "$.ratio < 1",
        "$.notes.length() >= 2");
    assertThat(failures("$.count > 3")).containsExactly("$.count is 3, expected > 3");
    assertThat(failures("$.count < 3")).containsExactly("$.count is 3, expected < 3");
    assertThat(failures("$.count >= 4")).containsExactly("$.count is 3, expected >= 4");
    assertThat(failures("$.ratio <= 0.4")).containsExactly("$.ratio is 0.5, expected <= 0.4");
    assertThat(failures("$.status >= 1")).containsExactly("$.status is \"ok\", expected >= 1");
  }

  @Test
  void exists_andMissingPaths() {
    assertHolds("$.status exists", "$.owner exists", "$.notes[*].id exists");
    assertThat(failures("$.version exists")).containsExactly("$.version is missing");
    assertThat(failures("$.empty[*] exists")).containsExactly("$.empty[*] is missing");
    assertThat(failures("$.version == \"2.3.1\""))
        .containsExactly("$.version is missing, expected \"2.3.1\"");
  }

  @Test
  void everyFailingAssertionIsNamed() {
    assertThat(failures("$.status == \"ok\"", "$.count > 5", "$.ready == false"))
        .containsExactly("$.count is 3, expected > 5", "$.ready is true, expected false");
  }

  @Test
  void bodyThatIsNotJson_isSaidSo() {
    assertThat(JsonAssertions.failures("<html>502 Bad Gateway</html>", parse("$.a exists"), none()))
        .containsExactly("the response is not JSON: <html>502 Bad Gateway</html>");
  }

  private static void assertHolds(String... assertions) {
    for (String assertion : assertions) {
      assertThat(failures(assertion)).as(assertion).isEmpty();
    }
  }

  private static List<String> failures(String... assertions) {
    return JsonAssertions.failures(BODY, parse(assertions), none());
  }

  private static List<JsonAssertion> parse(String... assertions) {
    return Arrays.stream(assertions)
        .map(text -> JsonAssertion.parse(text).orElseThrow(() -> new AssertionError(text)))
        .toList();
  }

  private static Redactor none() {
    return new Redactor(SecretRegistry.empty());
  }
}
