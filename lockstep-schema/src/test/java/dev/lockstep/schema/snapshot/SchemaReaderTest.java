package dev.lockstep.schema.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import dev.lockstep.schema.snapshot.ColumnSnapshot.Identity;
import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class SchemaReaderTest {
  private static final String[] SCHEMA = {
    "CREATE EXTENSION pgcrypto",
    "CREATE SCHEMA billing",
    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
    "CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(200) NOT NULL UNIQUE,"
        + " mood mood DEFAULT 'ok', price numeric(10,2), created timestamptz NOT NULL DEFAULT now())",
    "CREATE TABLE notes (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        + " user_id bigint REFERENCES users (id) ON DELETE CASCADE,"
        + " body text CHECK (length(body) < 1000), doubled int GENERATED ALWAYS AS (id * 2) STORED,"
        + " tags text[] DEFAULT '{}')",
    "ALTER TABLE notes ADD CONSTRAINT notes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
    "CREATE INDEX notes_body ON notes (lower(body)) WHERE body IS NOT NULL",
    "CREATE VIEW note_bodies AS SELECT id, body FROM notes",
    "CREATE FUNCTION twice(a int) RETURNS int LANGUAGE sql AS $$ SELECT a * 2 $$",
    "CREATE TABLE billing.invoices (number int, at date) PARTITION BY RANGE (at)",
    "CREATE TABLE billing.invoices_2025 PARTITION OF billing.invoices"
        + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
    "CREATE SEQUENCE billing.invoice_numbers INCREMENT 5",
  };

  @Test
  void read_describesEveryKindOfObject(DatabaseConfig db) throws Exception {
    Sql.execute(db, SCHEMA);

    SchemaSnapshot snapshot = read(db);

    assertThat(snapshot.schemas()).containsExactly("billing", "public");
    assertThat(snapshot.tables())
        .extracting(TableSnapshot::qualifiedName)
        .containsExactly(
            "billing.invoices", "billing.invoices_2025", "public.notes", "public.users");
    TableSnapshot users = snapshot.table("public.users").orElseThrow();
    assertThat(users.columns())
        .extracting(ColumnSnapshot::name, ColumnSnapshot::type, ColumnSnapshot::notNull)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", "bigint", true),
            org.assertj.core.groups.Tuple.tuple("email", "character varying(200)", true),
            org.assertj.core.groups.Tuple.tuple("mood", "public.mood", false),
            org.assertj.core.groups.Tuple.tuple("price", "numeric(10,2)", false),
            org.assertj.core.groups.Tuple.tuple("created", "timestamp with time zone", true));
    assertThat(users.column("mood").orElseThrow().defaultExpression())
        .isEqualTo("'ok'::public.mood");
    assertThat(users.column("id").orElseThrow().defaultExpression())
        .isEqualTo("nextval('public.users_id_seq'::regclass)");

    TableSnapshot notes = snapshot.table("public.notes").orElseThrow();
    assertThat(notes.column("id").orElseThrow().identity()).isEqualTo(Identity.ALWAYS);
    assertThat(notes.column("doubled").orElseThrow().generatedExpression()).isEqualTo("(id * 2)");
    assertThat(notes.column("doubled").orElseThrow().defaultExpression()).isNull();
    assertThat(notes.constraints())
        .extracting(
            ConstraintSnapshot::name, ConstraintSnapshot::type, ConstraintSnapshot::validated)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("notes_body_check", ConstraintType.CHECK, true),
            org.assertj.core.groups.Tuple.tuple("notes_pkey", ConstraintType.PRIMARY_KEY, true),
            org.assertj.core.groups.Tuple.tuple("notes_user_fk", ConstraintType.FOREIGN_KEY, false),
            org.assertj.core.groups.Tuple.tuple(
                "notes_user_id_fkey", ConstraintType.FOREIGN_KEY, true));
    assertThat(notes.constraints().get(3).onDelete()).isEqualTo("CASCADE");
    assertThat(notes.constraints().get(3).columns()).containsExactly("user_id");
    assertThat(notes.constraints().get(2).definition()).endsWith("NOT VALID");
    assertThat(notes.indexes())
        .extracting(IndexSnapshot::name, IndexSnapshot::constraint)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("notes_body", null),
            org.assertj.core.groups.Tuple.tuple("notes_pkey", "notes_pkey"));
    assertThat(notes.indexes().get(0).definition())
        .isEqualTo(
            "CREATE INDEX notes_body ON public.notes USING btree (lower(body)) WHERE (body IS NOT NULL)");
    assertThat(notes.indexes().get(0).columns()).containsExactly(IndexSnapshot.EXPRESSION);

    TableSnapshot partition = snapshot.table("billing.invoices_2025").orElseThrow();
    assertThat(partition.partitionOf()).isEqualTo("billing.invoices");
    assertThat(partition.partitionBound()).startsWith("FOR VALUES FROM ('2025-01-01')");
    assertThat(snapshot.table("billing.invoices").orElseThrow().partitionKey())
        .isEqualTo("RANGE (at)");

    assertThat(snapshot.views())
        .singleElement()
        .satisfies(
            view -> {
              assertThat(view.qualifiedName()).isEqualTo("public.note_bodies");
              assertThat(view.columns())
                  .extracting(ViewSnapshot.ViewColumn::name)
                  .containsExactly("id", "body");
              assertThat(view.definition()).contains("FROM public.notes");
            });
    // pgcrypto's functions belong to the extension, not to the product.
    assertThat(snapshot.functions())
        .extracting(FunctionSnapshot::signature)
        .containsExactly("public.twice(a integer)");
    assertThat(snapshot.functions().get(0).definitionHash()).hasSize(32);
    assertThat(snapshot.enums())
        .singleElement()
        .satisfies(e -> assertThat(e.labels()).containsExactly("sad", "ok", "happy"));
    // The identity column's sequence belongs to its column; the serial one is listed.
    assertThat(snapshot.sequences())
        .extracting(SequenceSnapshot::qualifiedName, SequenceSnapshot::ownedBy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("billing.invoice_numbers", null),
            org.assertj.core.groups.Tuple.tuple("public.users_id_seq", "public.users.id"));
    assertThat(snapshot.origin()).matches("\\d+/\\d+");
  }

  @Test
  void read_describesTriggersPoliciesDomainsAndWhatFunctionsDo(DatabaseConfig db, @TempDir Path dir)
      throws Exception {
    Sql.execute(
        db,
        "CREATE TABLE notes (id int, body text, status text)",
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.body IS NULL THEN RAISE EXCEPTION 'no body'; END IF; RETURN NEW; END $$",
        "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " RAISE NOTICE 'x'; RETURN NULL; END $$",
        "CREATE FUNCTION checked() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " PERFORM refuse(); RETURN NULL; END $$",
        "CREATE FUNCTION count_notes(a int, b boolean DEFAULT true, c int DEFAULT 0)"
            + " RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM notes $$",
        "CREATE TRIGGER t_before BEFORE INSERT OR UPDATE OF body, status ON notes FOR EACH ROW"
            + " WHEN (NEW.status <> 'draft') EXECUTE FUNCTION refuse()",
        "CREATE TRIGGER t_after AFTER DELETE ON notes FOR EACH STATEMENT EXECUTE FUNCTION audit()",
        "CREATE CONSTRAINT TRIGGER t_rule AFTER INSERT ON notes FOR EACH ROW"
            + " EXECUTE FUNCTION checked()",
        "ALTER TABLE notes DISABLE TRIGGER t_after",
        "ALTER TABLE notes ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE notes FORCE ROW LEVEL SECURITY",
        "CREATE POLICY mine ON notes FOR UPDATE USING (id > 0) WITH CHECK (body IS NOT NULL)",
        "CREATE POLICY live ON notes AS RESTRICTIVE TO CURRENT_USER USING (status <> 'gone')",
        "CREATE DOMAIN email AS varchar(200) NOT NULL DEFAULT 'x@y'"
            + " CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%')",
        "ALTER DOMAIN email ADD CONSTRAINT email_short CHECK (length(VALUE) < 100) NOT VALID",
        "CREATE TABLE parts (id int, at date) PARTITION BY RANGE (at)",
        "CREATE TABLE parts_2025 PARTITION OF parts FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "CREATE TRIGGER parts_audit AFTER INSERT ON parts FOR EACH ROW EXECUTE FUNCTION audit()");

    SchemaSnapshot snapshot = read(db);

    TableSnapshot notes = snapshot.table("public.notes").orElseThrow();
    assertThat(notes.triggers())
        .extracting(TriggerSnapshot::name)
        .containsExactly("t_after", "t_before", "t_rule");
    TriggerSnapshot before = notes.triggers().get(1);
    assertThat(before.timing()).isEqualTo(TriggerSnapshot.Timing.BEFORE);
    assertThat(before.events()).containsExactly("INSERT", "UPDATE");
    assertThat(before.updateColumns()).containsExactly("body", "status");
    assertThat(before.forEachRow()).isTrue();
    assertThat(before.function()).isEqualTo("public.refuse()");
    assertThat(before.when()).isEqualTo("(new.status <> 'draft'::text)");
    assertThat(before.definition()).startsWith("CREATE TRIGGER t_before BEFORE INSERT OR UPDATE");
    TriggerSnapshot after = notes.triggers().get(0);
    assertThat(after.enabled()).isEqualTo(TriggerSnapshot.Enabled.DISABLED);
    assertThat(after.forEachRow()).isFalse();
    assertThat(notes.triggers().get(2).constraint()).isTrue();
    // A partition's copy of its parent's trigger is reported once, on the parent.
    assertThat(snapshot.table("public.parts").orElseThrow().triggers()).hasSize(1);
    assertThat(snapshot.table("public.parts_2025").orElseThrow().triggers()).isEmpty();

    assertThat(notes.rowLevelSecurity()).isTrue();
    assertThat(notes.forceRowLevelSecurity()).isTrue();
    assertThat(notes.policies())
        .extracting(
            PolicySnapshot::name,
            PolicySnapshot::command,
            PolicySnapshot::permissive,
            PolicySnapshot::using,
            PolicySnapshot::withCheck)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "live", "ALL", false, "(status <> 'gone'::text)", null),
            org.assertj.core.groups.Tuple.tuple(
                "mine", "UPDATE", true, "(id > 0)", "(body IS NOT NULL)"));
    assertThat(notes.policies().get(1).roles()).containsExactly("public");
    assertThat(notes.policies().get(0).roles()).doesNotContain("public").hasSize(1);

    assertThat(snapshot.domains())
        .singleElement()
        .satisfies(
            domain -> {
              assertThat(domain.qualifiedName()).isEqualTo("public.email");
              assertThat(domain.baseType()).isEqualTo("character varying(200)");
              assertThat(domain.notNull()).isTrue();
              assertThat(domain.defaultExpression()).isEqualTo("'x@y'::character varying");
              assertThat(domain.checks())
                  .extracting(ConstraintSnapshot::name, ConstraintSnapshot::validated)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple("email_has_at", true),
                      org.assertj.core.groups.Tuple.tuple("email_short", false));
            });

    assertThat(snapshot.functions())
        .extracting(FunctionSnapshot::name, FunctionSnapshot::raisesErrors)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("audit", false),
            org.assertj.core.groups.Tuple.tuple("checked", true),
            org.assertj.core.groups.Tuple.tuple("count_notes", false),
            org.assertj.core.groups.Tuple.tuple("refuse", true));
    FunctionSnapshot count = snapshot.functions().get(2);
    assertThat(count.arguments()).isEqualTo("a integer, b boolean, c integer");
    assertThat(count.argumentCount()).isEqualTo(3);
    assertThat(count.defaultCount()).isEqualTo(2);
    assertThat(count.language()).isEqualTo("sql");
    Path file = dir.resolve("schema.json");
    snapshot.write(file);
    assertThat(SchemaSnapshot.read(file)).isEqualTo(snapshot);
  }

  @Test
  void read_chosenSchemas_only(DatabaseConfig db) throws Exception {
    Sql.execute(db, SCHEMA);

    try (Connection connection = new Database(db).connect()) {
      SchemaSnapshot snapshot = SchemaReader.read(connection, List.of("billing", "missing"));

      assertThat(snapshot.schemas()).containsExactly("billing");
      assertThat(snapshot.tables()).allMatch(t -> t.schema().equals("billing"));
      assertThat(snapshot.enums()).isEmpty();
    }
  }

  @Test
  void read_twice_givesEqualSnapshotsThatSurviveJson(DatabaseConfig db, @TempDir Path dir)
      throws Exception {
    Sql.execute(db, SCHEMA);
    SchemaSnapshot first = read(db);
    Path file = dir.resolve("state/schema.json");

    first.write(file);
    SchemaSnapshot again = SchemaSnapshot.read(file);

    assertThat(read(db)).isEqualTo(first);
    assertThat(again).isEqualTo(first);
    assertThat(Files.readString(file)).contains("\"attnum\" : 1");
  }

  @Test
  void read_leavesTheCallersSessionAsItWas(DatabaseConfig db) throws Exception {
    Sql.execute(db, SCHEMA);
    try (Connection connection = new Database(db).connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path = billing, public");
      connection.setAutoCommit(false);
      statement.execute("CREATE TABLE public.pending (id int)");

      SchemaSnapshot snapshot = SchemaReader.read(connection);

      // Inside the caller's transaction it sees the caller's uncommitted table, and leaves it.
      assertThat(snapshot.table("public.pending")).isPresent();
      assertThat(connection.getAutoCommit()).isFalse();
      try (ResultSet path = statement.executeQuery("SHOW search_path")) {
        path.next();
        assertThat(path.getString(1)).isEqualTo("billing, public");
      }
      connection.rollback();
    }
  }

  @Test
  void readFile_missingOrMalformed_isBadInputNamingTheFile(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.json");
    Path malformed = Files.writeString(dir.resolve("bad.json"), "{ not json");

    assertThatThrownBy(() -> SchemaSnapshot.read(missing))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> SchemaSnapshot.read(malformed))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("is not a schema snapshot");
  }

  private static SchemaSnapshot read(DatabaseConfig db) throws Exception {
    try (Connection connection = new Database(db).connect()) {
      return SchemaReader.read(connection);
    }
  }
}
