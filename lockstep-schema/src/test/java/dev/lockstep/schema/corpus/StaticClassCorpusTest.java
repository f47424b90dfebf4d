package dev.lockstep.schema.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.schema.lint.ReadClass;
import dev.lockstep.schema.lint.StaticClassifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading a migration must never decide a class that running it contradicts: over the whole corpus,
 * every class the static classifier decides is the class the fixture expects. What it leaves
 * undecided, {@code release lint --observe} decides.
 */
class StaticClassCorpusTest {

  @Test
  void classify_overTheCorpus_neverDecidesTheWrongClass() {
    StaticClassifier classifier = new StaticClassifier();
    List<String> wrong = new ArrayList<>();
    int decided = 0;
    List<Fixture> fixtures = Fixture.all();
    for (Fixture fixture : fixtures) {
      ReadClass read = classifier.classify(fixture.migrationSql());
      if (read.decided()) {
        decided++;
        if (!read.type().label().equals(fixture.expected().type())) {
          wrong.add(fixture.name() + ": read " + read.type().label());
        }
      }
    }
    System.out.printf(
        "Static classes: %d of %d corpus migrations decided by reading, %d wrong%n",
        decided, fixtures.size(), wrong.size());
    assertThat(wrong).isEmpty();
    // Reading must still decide the plain cases (new tables, nullable columns, drops, renames).
    assertThat(decided).isGreaterThan(fixtures.size() / 3);
  }
}
