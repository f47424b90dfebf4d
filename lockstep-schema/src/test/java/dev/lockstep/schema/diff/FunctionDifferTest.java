package dev.lockstep.schema.diff;

import static dev.lockstep.schema.diff.Snapshots.function;
import static dev.lockstep.schema.diff.Snapshots.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.snapshot.FunctionSnapshot;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionDifferTest {
  private static final FunctionSnapshot COUNT =
      function(300, "note_count", "uid bigint", 1, 0, "bigint");
  private static final FunctionSnapshot COUNT_WITH_OPTION =
      function(301, "note_count", "uid bigint, include_deleted boolean", 2, 1, "bigint");

  private static SchemaSnapshot functions(FunctionSnapshot... functions) {
    return schema(List.of(), List.of(functions));
  }

  @Test
  void diff_replacedByOneWithAnExtraArgumentThatHasADefault_isExpand() {
    SchemaDiff diff = SchemaDiffer.diff(functions(COUNT), functions(COUNT_WITH_OPTION));

    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.FUNCTION_ARGUMENTS_ADDED);
              assertThat(c.object()).isEqualTo("public.note_count(uid bigint)");
              assertThat(c.type()).isEqualTo(MigrationClass.EXPAND);
              assertThat(c.reason())
                  .isEqualTo(
                      "function public.note_count(uid bigint) was replaced by"
                          + " public.note_count(uid bigint, include_deleted boolean), whose new"
                          + " argument has a default: the previous release's calls with one"
                          + " argument still find it, with the same argument names and types, and"
                          + " get the same result type (bigint)");
            });
  }

  @Test
  void diff_replacedByOneWithARequiredExtraArgument_isContract() {
    FunctionSnapshot required =
        function(301, "note_count", "uid bigint, include_deleted boolean", 2, 0, "bigint");

    SchemaDiff diff = SchemaDiffer.diff(functions(COUNT), functions(required));

    assertThat(diff.changes())
        .extracting(SchemaChange::kind)
        .containsExactly(ChangeKind.FUNCTION_DROPPED, ChangeKind.FUNCTION_ADDED);
    assertThat(diff.type()).isEqualTo(MigrationClass.CONTRACT);
  }

  @Test
  void diff_replacedWithAnOptionalArgumentButAnotherResult_isContract() {
    FunctionSnapshot integer =
        function(301, "note_count", "uid bigint, include_deleted boolean", 2, 1, "integer");

    assertThat(SchemaDiffer.diff(functions(COUNT), functions(integer)).type())
        .isEqualTo(MigrationClass.CONTRACT);
  }

  @Test
  void diff_replacedWithARenamedArgument_isContract() {
    FunctionSnapshot renamed =
        function(301, "note_count", "owner bigint, include_deleted boolean", 2, 1, "bigint");

    assertThat(SchemaDiffer.diff(functions(COUNT), functions(renamed)).type())
        .isEqualTo(MigrationClass.CONTRACT);
  }

  @Test
  void diff_overloadWithAnOptionalArgumentNextToTheOldOne_makesCallsAmbiguous() {
    SchemaDiff diff = SchemaDiffer.diff(functions(COUNT), functions(COUNT, COUNT_WITH_OPTION));

    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.FUNCTION_ADDED);
              assertThat(c.type()).isEqualTo(MigrationClass.CONTRACT);
              assertThat(c.reason())
                  .contains("sits next to public.note_count(uid bigint)")
                  .contains("refuses it as ambiguous");
            });
  }

  @Test
  void diff_overloadWithOtherArgumentTypes_isExpand() {
    FunctionSnapshot byName = function(302, "note_count", "name text", 1, 0, "bigint");

    assertThat(SchemaDiffer.diff(functions(COUNT), functions(COUNT, byName)).type())
        .isEqualTo(MigrationClass.EXPAND);
  }
}
