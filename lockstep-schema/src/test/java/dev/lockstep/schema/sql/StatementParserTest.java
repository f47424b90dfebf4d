package dev.lockstep.schema.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.schema.sql.Command.Kind;
import java.util.List;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.drop.Drop;
import org.junit.jupiter.api.Test;

class StatementParserTest {

  private static ParsedStatement parse(String sql) {
    List<ParsedStatement> parsed = StatementParser.parseScript(sql);
    assertThat(parsed).hasSize(1);
    return parsed.get(0);
  }

  @Test
  void parse_createIndexConcurrently_isParsedAndRemembered() {
    ParsedStatement statement =
        parse(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON ONLY public.notes USING btree (a DESC NULLS LAST) INCLUDE (b) WHERE c IS NULL");

    assertThat(statement.parsed()).isTrue();
    StatementPart part = statement.parts().get(0);
    assertThat(part.statement()).isInstanceOf(CreateIndex.class);
    assertThat(part.has(Clause.CONCURRENTLY)).isTrue();
  }

  @Test
  void parse_unnamedIndex_getsAPlaceholderName() {
    StatementPart part = parse("CREATE INDEX ON notes (lower(email))").parts().get(0);

    assertThat(part.parsed()).isTrue();
    assertThat(((CreateIndex) part.statement()).getTable().getName()).isEqualTo("notes");
  }

  @Test
  void parse_alterTableWithSeveralActions_givesOnePartPerAction() {
    ParsedStatement statement =
        parse(
            "ALTER TABLE IF EXISTS ONLY notes ADD COLUMN r double precision DEFAULT random() * 10,"
                + " ALTER COLUMN body SET DATA TYPE varchar(200) USING substr(body, 1, 200),"
                + " ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES users (id) MATCH FULL DEFERRABLE INITIALLY DEFERRED NOT VALID");

    assertThat(statement.parsed()).isTrue();
    assertThat(statement.parts())
        .hasSize(3)
        .allSatisfy(p -> assertThat(p.statement()).isInstanceOf(Alter.class));
    assertThat(statement.parts().get(1).has(Clause.USING_EXPRESSION)).isTrue();
    assertThat(statement.parts().get(2).has(Clause.NOT_VALID)).isTrue();
    assertThat(statement.parts().get(0).has(Clause.NOT_VALID)).isFalse();
  }

  @Test
  void parse_dropWithSeveralNames_givesOnePartPerName() {
    ParsedStatement statement = parse("DROP TABLE IF EXISTS notes, \"Tags\" CASCADE");

    assertThat(statement.parts())
        .extracting(p -> ((Drop) p.statement()).getName().getFullyQualifiedName())
        .containsExactly("notes", "\"Tags\"");
  }

  @Test
  void parse_commandsJSqlParserDoesNotKnow_areRecognisedByTheirKeywords() {
    assertThat(parse("VACUUM (FULL, ANALYZE) notes").parts().get(0).command())
        .isEqualTo(new Command(Kind.VACUUM_FULL, "public.notes", null));
    assertThat(parse("LOCK notes").parts().get(0).command())
        .isEqualTo(new Command(Kind.LOCK_TABLE, "public.notes", "ACCESS EXCLUSIVE"));
    assertThat(parse("REINDEX TABLE CONCURRENTLY notes").parts().get(0).command().kind())
        .isEqualTo(Kind.REINDEX_CONCURRENTLY);
    assertThat(parse("ALTER TYPE \"Role\" RENAME VALUE 'a' TO 'b'").parts().get(0).command())
        .isEqualTo(new Command(Kind.ALTER_TYPE_RENAME_VALUE, "public.Role", "a"));
    assertThat(
            parse("ALTER TABLE notes ADD CONSTRAINT u UNIQUE USING INDEX ix")
                .parts()
                .get(0)
                .command())
        .isEqualTo(new Command(Kind.ADD_CONSTRAINT_USING_INDEX, "public.notes", "public.ix"));
    assertThat(parse("COMMIT").isTransactionControl()).isTrue();
  }

  @Test
  void parse_statementNobodyCanParse_saysWhy() {
    ParsedStatement statement = parse("DO $$ BEGIN PERFORM 1; END $$");

    assertThat(statement.parsed()).isFalse();
    assertThat(statement.error()).hasValueSatisfying(e -> assertThat(e).contains("DO"));
  }

  @Test
  void parse_columnNamedLikeAJSqlParserKeyword_isQuotedAndParsed() {
    StatementPart part = parse("ALTER TABLE settings RENAME COLUMN KEY TO name").parts().get(0);

    assertThat(part.parsed()).isTrue();
    assertThat(part.text()).isEqualTo("ALTER TABLE settings RENAME COLUMN \"key\" TO name");
    assertThat(((Alter) part.statement()).getAlterExpressions().get(0).getColumnOldName())
        .isEqualTo("\"key\"");
  }

  @Test
  void parse_unknownKindOfObject_isNotTakenForAName() {
    // JSqlParser would read DROP "domain" x as a drop of an object of kind "domain".
    ParsedStatement statement = parse("DROP DOMAIN email_address");

    assertThat(statement.parsed()).isFalse();
    assertThat(statement.error()).hasValueSatisfying(e -> assertThat(e).contains("DOMAIN"));
  }

  @Test
  void parse_keywordWhereNoNameCanBe_isNotQuoted() {
    ParsedStatement statement = parse("ALTER TABLE notes ENABLE ROW LEVEL SECURITY");

    assertThat(statement.parsed()).isFalse();
    assertThat(statement.parts().get(0).text()).doesNotContain("\"");
  }

  @Test
  void parse_alterDomain_isRecognisedByItsKeywords() {
    StatementPart check =
        parse("ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%') NOT VALID")
            .parts()
            .get(0);

    assertThat(check.command())
        .isEqualTo(new Command(Kind.ALTER_DOMAIN_ADD_CHECK, "public.email", "has_at"));
    assertThat(check.has(Clause.NOT_VALID)).isTrue();
    assertThat(parse("ALTER DOMAIN email SET NOT NULL").parts().get(0).command().kind())
        .isEqualTo(Kind.ALTER_DOMAIN_SET_NOT_NULL);
    assertThat(parse("CREATE DOMAIN email AS text").parts().get(0).command())
        .isEqualTo(new Command(Kind.CREATE_DOMAIN, "public.email", null));
    assertThat(parse("ALTER DOMAIN email DROP CONSTRAINT has_at").parsed()).isFalse();
  }

  @Test
  void normalize_foldsUnquotedAndQualifiesWithPublic() {
    assertThat(Names.normalize("Notes")).isEqualTo("public.notes");
    assertThat(Names.normalize("\"Sales\".\"Order\"")).isEqualTo("Sales.Order");
    assertThat(Names.simple("\"Body\"")).isEqualTo("Body");
  }
}
