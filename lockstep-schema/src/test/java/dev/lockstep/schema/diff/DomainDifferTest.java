package dev.lockstep.schema.diff;

import static dev.lockstep.schema.diff.Snapshots.column;
import static dev.lockstep.schema.diff.Snapshots.domain;
import static dev.lockstep.schema.diff.Snapshots.domainCheck;
import static dev.lockstep.schema.diff.Snapshots.required;
import static dev.lockstep.schema.diff.Snapshots.table;
import static dev.lockstep.schema.diff.Snapshots.withDomains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.snapshot.ConstraintSnapshot;
import dev.lockstep.schema.snapshot.DomainSnapshot;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainDifferTest {
  private static final TableSnapshot USERS =
      table(100, "users", required(1, "id", "bigint"), column(2, "contact", "public.email"));
  private static final DomainSnapshot EMAIL = domain(600, "email", "text", false);
  private static final ConstraintSnapshot HAS_AT =
      domainCheck(601, "email_has_at", "CHECK ((VALUE ~~ '%@%'::text))");

  private static SchemaSnapshot users(DomainSnapshot... domains) {
    return withDomains(List.of(USERS), domains);
  }

  private static SchemaChange only(SchemaDiff diff) {
    assertThat(diff.changes()).hasSize(1);
    return diff.changes().get(0);
  }

  @Test
  void diff_newDomain_isExpand() {
    SchemaChange change = only(SchemaDiffer.diff(users(), users(EMAIL)));

    assertThat(change.kind()).isEqualTo(ChangeKind.DOMAIN_ADDED);
    assertThat(change.type()).isEqualTo(MigrationClass.EXPAND);
  }

  @Test
  void diff_checkAddedToADomain_isContract_andNamesItsColumns() {
    SchemaChange change =
        only(SchemaDiffer.diff(users(EMAIL), users(domain(600, "email", "text", false, HAS_AT))));

    assertThat(change.kind()).isEqualTo(ChangeKind.DOMAIN_CHECK_ADDED);
    assertThat(change.object()).isEqualTo("public.email.email_has_at");
    assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(change.reason())
        .isEqualTo(
            "new check email_has_at on domain public.email (CHECK ((VALUE ~~ '%@%'::text))): it"
                + " applies to every column of that type (public.users.contact), and writes of"
                + " the previous release that break it now fail");
  }

  @Test
  void diff_checkDroppedFromADomain_isExpand_validated_isExpand() {
    ConstraintSnapshot notValid =
        domainCheck(601, "email_has_at", "CHECK ((VALUE ~~ '%@%'::text)) NOT VALID");
    DomainSnapshot checked = domain(600, "email", "text", false, HAS_AT);

    assertThat(only(SchemaDiffer.diff(users(checked), users(EMAIL))).type())
        .isEqualTo(MigrationClass.EXPAND);
    assertThat(
            only(
                SchemaDiffer.diff(
                    users(domain(600, "email", "text", false, notValid)), users(checked))))
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.DOMAIN_CHECK_VALIDATED);
              assertThat(c.type()).isEqualTo(MigrationClass.EXPAND);
            });
  }

  @Test
  void diff_domainNotNull_isContract_andDroppingIt_isExpand() {
    DomainSnapshot required = domain(600, "email", "text", true);

    assertThat(only(SchemaDiffer.diff(users(EMAIL), users(required))).type())
        .isEqualTo(MigrationClass.CONTRACT);
    assertThat(only(SchemaDiffer.diff(users(required), users(EMAIL))).type())
        .isEqualTo(MigrationClass.EXPAND);
  }

  @Test
  void diff_baseType_followsTheWideningRules() {
    DomainSnapshot short50 = domain(600, "code", "character varying(50)", false);
    DomainSnapshot long100 = domain(600, "code", "character varying(100)", false);

    assertThat(only(SchemaDiffer.diff(users(short50), users(long100))).type())
        .isEqualTo(MigrationClass.EXPAND);
    assertThat(only(SchemaDiffer.diff(users(long100), users(short50))).type())
        .isEqualTo(MigrationClass.CONTRACT);
  }

  @Test
  void diff_droppedDefaultOfADomain_isContract() {
    DomainSnapshot withDefault =
        new DomainSnapshot(600, "public", "email", "text", false, "'none'::text", List.of());

    SchemaChange change = only(SchemaDiffer.diff(users(withDefault), users(EMAIL)));

    assertThat(change.kind()).isEqualTo(ChangeKind.DOMAIN_DEFAULT_CHANGED);
    assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
  }

  @Test
  void diff_newColumnOfADomainThatRefusesNull_isContractUnlessTheDomainHasADefault() {
    DomainSnapshot required = domain(600, "priority", "smallint", true);
    DomainSnapshot withDefault =
        new DomainSnapshot(600, "public", "priority", "smallint", true, "0", List.of());
    TableSnapshot withColumn =
        table(
            100,
            "users",
            required(1, "id", "bigint"),
            column(2, "contact", "public.email"),
            column(3, "priority", "public.priority"));

    SchemaChange refused =
        only(
            SchemaDiffer.diff(
                withDomains(List.of(USERS), required), withDomains(List.of(withColumn), required)));
    SchemaChange filled =
        only(
            SchemaDiffer.diff(
                withDomains(List.of(USERS), withDefault),
                withDomains(List.of(withColumn), withDefault)));

    assertThat(refused.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(refused.reason())
        .contains("is NOT NULL (its domain public.priority refuses NULL) without a default");
    assertThat(filled.type()).isEqualTo(MigrationClass.EXPAND);
  }

  @Test
  void diff_droppedOrRenamedDomain_isContract() {
    assertThat(only(SchemaDiffer.diff(users(EMAIL), users())).kind())
        .isEqualTo(ChangeKind.DOMAIN_DROPPED);
    assertThat(only(SchemaDiffer.diff(users(EMAIL), users(domain(600, "mail", "text", false)))))
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.DOMAIN_RENAMED);
              assertThat(c.type()).isEqualTo(MigrationClass.CONTRACT);
            });
  }
}
