package dev.lockstep.schema.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.schema.diff.TypeWidening.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeWideningTest {

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "character varying(50)          | character varying(100)         | WIDENED",
        "character varying(50)          | character varying              | WIDENED",
        "character varying(50)          | text                           | WIDENED",
        "text                           | character varying              | WIDENED",
        "text                           | character varying(80)          | NARROWED",
        "character varying(100)         | character varying(50)          | NARROWED",
        "smallint                       | integer                        | WIDENED",
        "integer                        | bigint                         | WIDENED",
        "bigint                         | integer                        | NARROWED",
        "integer                        | numeric                        | WIDENED",
        "integer                        | numeric(12,2)                  | WIDENED",
        "bigint                         | numeric(12,2)                  | NARROWED",
        "numeric(8,2)                   | numeric(12,2)                  | WIDENED",
        "numeric(8,2)                   | numeric(8,3)                   | NARROWED",
        "numeric(8,2)                   | numeric                        | WIDENED",
        "numeric                        | numeric(8,2)                   | NARROWED",
        "numeric(8,2)                   | integer                        | NARROWED",
        "real                           | double precision               | WIDENED",
        "double precision               | real                           | NARROWED",
        "timestamp(3) without time zone | timestamp without time zone    | WIDENED",
        "timestamp without time zone    | timestamp(3) without time zone | NARROWED",
        "timestamp without time zone    | timestamp with time zone       | CHANGED",
        "character varying(20)[]        | character varying(40)[]        | WIDENED",
        "integer[]                      | integer                        | CHANGED",
        "character(5)                   | character(10)                  | CHANGED",
        "json                           | jsonb                          | CHANGED",
        "text                           | integer                        | CHANGED",
      })
  void judge_classesTypeChanges(String from, String to, Verdict expected) {
    assertThat(TypeWidening.judge(from, to)).isEqualTo(expected);
  }
}
