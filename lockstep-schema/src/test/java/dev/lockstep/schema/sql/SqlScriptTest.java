package dev.lockstep.schema.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void statements_splitAtSemicolonsOutsideQuotesBodiesAndComments() {
    String sql =
        """
        -- a comment; with a semicolon
        CREATE FUNCTION f() RETURNS trigger AS $body$
        BEGIN NEW.x := 'a;b'; RETURN NEW; END
        $body$ LANGUAGE plpgsql;
        /* block; /* nested; */ still comment */ INSERT INTO "we;ird" VALUES (E'it\\'s;', $$x;y$$);

        ;
        SELECT 1
        """;

    List<SqlStatement> statements = SqlScript.statements(sql);

    assertThat(statements).extracting(SqlStatement::index).containsExactly(1, 2, 3);
    assertThat(statements).extracting(SqlStatement::line).containsExactly(2, 5, 8);
    assertThat(statements.get(0).text()).startsWith("CREATE FUNCTION").endsWith("LANGUAGE plpgsql");
    assertThat(statements.get(1).text())
        .isEqualTo("INSERT INTO \"we;ird\" VALUES (E'it\\'s;', $$x;y$$)");
    assertThat(statements.get(2).text()).isEqualTo("SELECT 1");
  }

  @Test
  void statements_tokensCarryValues() {
    SqlStatement statement =
        SqlScript.statements("ALTER TABLE \"Notes\" ADD x text DEFAULT E'a\\nb'").get(0);

    assertThat(statement.startsWith("alter", "TABLE")).isTrue();
    assertThat(statement.tokens().get(2).value()).isEqualTo("Notes");
    assertThat(statement.tokens().get(7).value()).isEqualTo("a\nb");
  }

  @Test
  void statements_positionalParameterIsNotADollarQuote() {
    List<SqlStatement> statements = SqlScript.statements("SELECT $1; SELECT 2");

    assertThat(statements).hasSize(2);
    assertThat(statements.get(0).tokens().get(1).kind()).isEqualTo(SqlToken.Kind.PARAMETER);
  }

  @Test
  void statements_emptyScript_hasNone() {
    assertThat(SqlScript.statements("  -- nothing\n /* at all */ ;; ")).isEmpty();
  }
}
