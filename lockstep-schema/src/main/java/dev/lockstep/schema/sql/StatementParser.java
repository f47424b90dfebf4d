package dev.lockstep.schema.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * Parses the statements of a PostgreSQL migration with JSqlParser: first the few commands it does
 * not know but whose keywords say everything ({@link CommandRecognizer}), then every other
 * statement through the {@link DialectShim} and JSqlParser itself.
 */
public final class StatementParser {
  private static final long TIMEOUT_MILLIS = 5_000;

  private StatementParser() {}

  /** Every statement of a script, parsed. */
  public static List<ParsedStatement> parseScript(String sql) {
    List<ParsedStatement> parsed = new ArrayList<>();
    for (SqlStatement statement : SqlScript.statements(sql)) {
      parsed.add(parse(statement));
    }
    return parsed;
  }

  public static ParsedStatement parse(SqlStatement statement) {
    var command = CommandRecognizer.recognize(statement);
    if (command.isPresent()) {
      return new ParsedStatement(
          statement,
          List.of(new StatementPart(statement.text(), null, command.get(), Set.of(), null)));
    }
    List<StatementPart> parts = new ArrayList<>();
    for (Piece piece : DialectShim.pieces(statement)) {
      String text = Tokens.render(piece.tokens());
      if (piece.command() != null) {
        parts.add(new StatementPart(text, null, piece.command(), piece.clauses(), null));
      } else {
        parts.add(jsqlParser(text, piece));
      }
    }
    return new ParsedStatement(statement, parts);
  }

  private static StatementPart jsqlParser(String text, Piece piece) {
    try {
      Statement parsed = CCJSqlParserUtil.parse(text, parser -> parser.withTimeOut(TIMEOUT_MILLIS));
      if (parsed == null || parsed instanceof UnsupportedStatement) {
        return new StatementPart(
            text,
            null,
            null,
            piece.clauses(),
            "JSqlParser does not support this kind of statement");
      }
      return new StatementPart(text, parsed, null, piece.clauses(), null);
    } catch (JSQLParserException | RuntimeException e) {
      return new StatementPart(text, null, null, piece.clauses(), firstLine(e));
    }
  }

  private static String firstLine(Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    int newline = message.indexOf('\n');
    String line = (newline < 0 ? message : message.substring(0, newline)).trim();
    return line.startsWith("net.sf.jsqlparser.parser.ParseException: ")
        ? line.substring("net.sf.jsqlparser.parser.ParseException: ".length())
        : line;
  }
}
