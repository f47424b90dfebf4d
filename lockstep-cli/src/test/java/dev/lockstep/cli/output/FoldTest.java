package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FoldTest {

  @Test
  void excerpt_shortLine_isKeptWhole() {
    assertThat(Fold.excerpt("5 checks passed", 100)).isEqualTo("5 checks passed");
  }

  @Test
  void excerpt_longLine_isCutAndMarked() {
    String body =
        "GET /notes → 500: {\"error\":\"NullPointerException: Cannot invoke getArray()\"}";

    String excerpt = Fold.excerpt(body, 40);

    assertThat(excerpt).hasSize(40).startsWith("GET /notes → 500").endsWith(" …");
  }

  @Test
  void excerpt_severalLines_keepsTheFirstAndMarksTheRest() {
    assertThat(Fold.excerpt("applied V2\nmeasured: expand", 100)).isEqualTo("applied V2 …");
  }

  @Test
  void wrap_longParagraph_breaksAtSpacesUnderTheIndent() {
    String wrapped = Fold.wrap("'validate' failed: 1 of 5 checks failed on 2.0.0", 20, "  ");

    assertThat(wrapped).isEqualTo("'validate' failed: 1\n  of 5 checks failed\n  on 2.0.0");
  }
}
