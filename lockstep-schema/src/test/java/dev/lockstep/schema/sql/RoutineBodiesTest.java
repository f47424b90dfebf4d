package dev.lockstep.schema.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutineBodiesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BEGIN IF NEW.a IS NULL THEN RAISE EXCEPTION 'a is required'; END IF; RETURN NEW; END",
        "BEGIN RAISE 'no'; END",
        "BEGIN RAISE SQLSTATE '22023'; END",
        "BEGIN RAISE unique_violation USING MESSAGE = 'taken'; END",
        "BEGIN ASSERT NEW.a > 0; RETURN NEW; END",
      })
  void raisesErrors_whenTheBodyRaisesOne(String body) {
    assertThat(RoutineBodies.raisesErrors(body)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BEGIN INSERT INTO audit VALUES (NEW.id, 'RAISE EXCEPTION'); RETURN NULL; END",
        "BEGIN RAISE NOTICE 'saw %', NEW.id; RETURN NULL; END",
        "BEGIN -- RAISE EXCEPTION 'not yet'\\n RETURN NULL; END",
        "SELECT count(*) FROM notes",
      })
  void raisesErrors_notForMessagesStringsOrComments(String body) {
    assertThat(RoutineBodies.raisesErrors(body)).isFalse();
  }

  @Test
  void calledNames_areTheNamesBeforeAParenthesis() {
    assertThat(RoutineBodies.calledNames("BEGIN PERFORM app.check_note(NEW); RETURN NEW; END"))
        .containsExactly("check_note");
    assertThat(RoutineBodies.calledNames("SELECT 'f(x)'")).isEmpty();
  }

  @Test
  void whenCondition_andWhatFollowsTheTable_areReadFromTheDefinition() {
    String definition =
        "CREATE TRIGGER t BEFORE UPDATE OF body ON public.notes FOR EACH ROW"
            + " WHEN ((new.body IS NULL)) EXECUTE FUNCTION public.f('when')";

    assertThat(TriggerDefinitions.whenCondition(definition)).isEqualTo("(new.body IS NULL)");
    assertThat(TriggerDefinitions.afterTable(definition))
        .isEqualTo("FOR EACH ROW WHEN ((new.body IS NULL)) EXECUTE FUNCTION public.f('when')");
    assertThat(
            TriggerDefinitions.whenCondition(
                "CREATE TRIGGER t AFTER INSERT ON public.notes FOR EACH ROW EXECUTE FUNCTION"
                    + " public.f()"))
        .isNull();
  }
}
