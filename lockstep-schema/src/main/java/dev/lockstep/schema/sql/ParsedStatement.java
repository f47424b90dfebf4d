package dev.lockstep.schema.sql;

import java.util.List;
import java.util.Optional;

/** A statement of a script and its parts, each parsed or not. */
public record ParsedStatement(SqlStatement source, List<StatementPart> parts) {

  public ParsedStatement {
    parts = List.copyOf(parts);
  }

  public boolean parsed() {
    return parts.stream().allMatch(StatementPart::parsed);
  }

  /** Why the first part that could not be parsed was not. */
  public Optional<String> error() {
    return parts.stream().filter(p -> !p.parsed()).map(StatementPart::error).findFirst();
  }

  /** BEGIN, COMMIT and the like: what a runner does itself, and an observer must not. */
  public boolean isTransactionControl() {
    return parts.size() == 1 && parts.get(0).is(Command.Kind.TRANSACTION_CONTROL);
  }
}
