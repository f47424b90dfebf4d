package dev.lockstep.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableNameTest {

  @Test
  void parse_bareName_takesTheDefaultSchemaAndKeepsCase() {
    assertThat(TableName.parse("MyHistory", "public"))
        .isEqualTo(new TableName("public", "MyHistory"));
  }

  @Test
  void parse_qualifiedAndQuoted_splitsOnTheDotOutsideQuotes() {
    assertThat(TableName.parse("app.schema_version", "public"))
        .isEqualTo(new TableName("app", "schema_version"));
    assertThat(TableName.parse("\"My App\".\"a.b\"\"c\"", "public"))
        .isEqualTo(new TableName("My App", "a.b\"c"));
  }

  @Test
  void quoted_escapesQuotes() {
    assertThat(new TableName("My App", "a\"b").quoted()).isEqualTo("\"My App\".\"a\"\"b\"");
  }
}
