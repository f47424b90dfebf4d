package dev.lockstep.schema.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * Parses the statements of a PostgreSQL migration with JSqlParser: first the few commands it does
 * not know but whose keywords say everything ({@link CommandRecognizer}), then every other
 * statement through the {@link DialectShim} and JSqlParser itself, quoting the names JSqlParser
 * takes for keywords.
 */
public final class StatementParser {
  private static final long TIMEOUT_MILLIS = 5_000;
  // Enough for a statement that names a few columns key or value; each try is a full parse.
  private static final int MAX_QUOTED_WORDS = 4;

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
      if (piece.command() != null) {
        String text = Tokens.render(piece.tokens());
        parts.add(new StatementPart(text, null, piece.command(), piece.clauses(), null));
      } else {
        parts.add(jsqlParser(piece));
      }
    }
    return new ParsedStatement(statement, parts);
  }

  /**
   * Parses a piece with JSqlParser. JSqlParser reserves words that PostgreSQL lets a name use as it
   * is ({@code key}, {@code value} …): where it stops at such a word in a place where it expected a
   * name, the word is quoted (which names the same thing in PostgreSQL, once folded to lower case)
   * and the piece parsed again. The word after the first never is: there a statement says what kind
   * of object it acts on ({@code DROP DOMAIN}), and JSqlParser takes unknown kinds for names.
   */
  private static StatementPart jsqlParser(Piece piece) {
    List<SqlToken> tokens = new ArrayList<>(piece.tokens());
    String firstError = null;
    for (int attempt = 0; attempt <= MAX_QUOTED_WORDS; attempt++) {
      String text = Tokens.render(tokens);
      try {
        Statement parsed =
            CCJSqlParserUtil.parse(text, parser -> parser.withTimeOut(TIMEOUT_MILLIS));
        if (parsed == null || parsed instanceof UnsupportedStatement) {
          return unparsed(piece, "JSqlParser does not support this kind of statement");
        }
        return new StatementPart(text, parsed, null, piece.clauses(), null);
      } catch (JSQLParserException | RuntimeException e) {
        firstError = firstError == null ? firstLine(e) : firstError;
        int name = nameTakenForKeyword(e, tokens);
        if (name < 0) {
          break;
        }
        tokens.set(name, Tokens.quoted(tokens.get(name).value()));
      }
    }
    return unparsed(piece, firstError);
  }

  private static StatementPart unparsed(Piece piece, String error) {
    return new StatementPart(Tokens.render(piece.tokens()), null, null, piece.clauses(), error);
  }

  /**
   * The index of the word JSqlParser stopped at where it expected a name, when PostgreSQL would
   * read that word as a name; else -1.
   */
  private static int nameTakenForKeyword(Exception e, List<SqlToken> tokens) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ParseException parse
          && parse.currentToken != null
          && parse.currentToken.next != null) {
        Token unexpected = parse.currentToken.next;
        int at = Tokens.at(tokens, unexpected.beginLine, unexpected.beginColumn);
        boolean quotable =
            at > 1
                && tokens.get(at).text().equalsIgnoreCase(unexpected.image)
                && PostgresKeywords.canNameAColumn(tokens.get(at))
                && expectedAName(parse);
        return quotable ? at : -1;
      }
    }
    return -1;
  }

  private static boolean expectedAName(ParseException parse) {
    if (parse.expectedTokenSequences == null || parse.tokenImage == null) {
      return false;
    }
    for (int[] sequence : parse.expectedTokenSequences) {
      if (sequence.length > 0) {
        String image = parse.tokenImage[sequence[0]];
        if (image.equals("<S_IDENTIFIER>") || image.equals("<S_QUOTED_IDENTIFIER>")) {
          return true;
        }
      }
    }
    return false;
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
