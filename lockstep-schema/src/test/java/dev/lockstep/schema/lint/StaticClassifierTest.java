package dev.lockstep.schema.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.manifest.MigrationClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticClassifierTest {
  private final StaticClassifier classifier = new StaticClassifier();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ALTER TABLE notes ALTER COLUMN title TYPE varchar(20);",
        "ALTER TABLE notes ALTER COLUMN title SET NOT NULL;",
        "ALTER TABLE notes ALTER COLUMN title DROP DEFAULT;",
        "ALTER TABLE notes ADD CONSTRAINT title_short CHECK (length(title) < 80);",
        "ALTER TABLE notes ADD CONSTRAINT title_short CHECK (length(title) < 80) NOT VALID;",
        "CREATE UNIQUE INDEX notes_title ON notes (title);",
        "DROP INDEX notes_title;",
        "DROP VIEW recent_notes;",
      })
  void classify_whatDependsOnTheSchema_isUndecidedAndSaysWhy(String sql) {
    ReadClass read = classifier.classify("CREATE TABLE other (id int);\n" + sql);

    assertThat(read.decided()).isFalse();
    assertThat(read.type()).isNull();
    assertThat(read.undecided()).hasSize(1);
    assertThat(read.undecided().get(0).statementIndex()).isEqualTo(2);
    assertThat(read.undecided().get(0).line()).isEqualTo(2);
    assertThat(read.undecided().get(0).why()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE TABLE tags (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE);",
        "ALTER TABLE notes ADD COLUMN tags text[];",
        "ALTER TABLE notes ADD COLUMN state text NOT NULL DEFAULT 'open';",
        "CREATE INDEX CONCURRENTLY notes_title ON notes (title);",
        "ALTER TYPE mood ADD VALUE 'curious';",
        "UPDATE notes SET word_count = 0 WHERE word_count IS NULL;",
        "CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a TYPE smallint;",
      })
  void classify_whatNeverBreaksThePreviousRelease_isExpand(String sql) {
    ReadClass read = classifier.classify(sql);

    assertThat(read.type()).isEqualTo(MigrationClass.EXPAND);
    assertThat(read.undecided()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ALTER TABLE notes RENAME COLUMN body TO content;",
        "ALTER TABLE notes DROP COLUMN body;",
        "DROP TABLE notes;",
        "ALTER TABLE notes ADD COLUMN owner bigint NOT NULL;",
        // A certain break decides, whatever else the migration leaves open.
        "ALTER TABLE notes ALTER COLUMN title SET NOT NULL; ALTER TABLE notes DROP COLUMN body;",
      })
  void classify_aCertainBreak_isContract(String sql) {
    assertThat(classifier.classify(sql).type()).isEqualTo(MigrationClass.CONTRACT);
  }
}
