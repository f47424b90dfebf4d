package dev.lockstep.schema.sql;

import java.util.Set;
import net.sf.jsqlparser.statement.Statement;

/**
 * One piece of a statement and what the parser made of it: a JSqlParser {@link Statement}, a {@link
 * Command} recognised by its keywords, or an error.
 *
 * @param text the piece as JSqlParser was given it
 * @param clauses the Postgres clauses taken out of it before parsing
 */
public record StatementPart(
    String text, Statement statement, Command command, Set<Clause> clauses, String error) {

  public StatementPart {
    clauses = Set.copyOf(clauses);
  }

  public boolean parsed() {
    return error == null;
  }

  public boolean has(Clause clause) {
    return clauses.contains(clause);
  }

  public boolean is(Command.Kind kind) {
    return command != null && command.kind() == kind;
  }
}
