package dev.lockstep.schema.lint;

import dev.lockstep.schema.sql.Clause;
import dev.lockstep.schema.sql.Command;
import dev.lockstep.schema.sql.Names;
import dev.lockstep.schema.sql.StatementPart;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.drop.Drop;

/** Building, dropping and rebuilding indexes without CONCURRENTLY. */
final class IndexChecks implements Check {

  @Override
  public void check(StatementPart part, ScriptState state, Findings findings) {
    if (part.statement() instanceof CreateIndex create) {
      String table = Names.normalize(create.getTable().getFullyQualifiedName());
      if (!state.isNew(table) && !part.has(Clause.CONCURRENTLY)) {
        findings.add(
            LintRule.CREATE_INDEX_NOT_CONCURRENTLY,
            "CREATE "
                + ("UNIQUE".equalsIgnoreCase(create.getIndex().getType()) ? "UNIQUE " : "")
                + "INDEX without CONCURRENTLY holds a SHARE lock on "
                + table
                + " while it builds: every insert, update and delete waits until the index is"
                + " built, for a big table minutes.");
      }
    } else if (part.statement() instanceof Drop drop
        && "INDEX".equalsIgnoreCase(drop.getType())
        && !part.has(Clause.CONCURRENTLY)) {
      findings.add(
          LintRule.DROP_INDEX_NOT_CONCURRENTLY,
          "DROP INDEX "
              + Names.normalize(drop.getName().getFullyQualifiedName())
              + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table: it waits"
              + " behind every running query on the table, and every query waits behind it.");
    } else if (part.is(Command.Kind.REINDEX) && !state.isNew(part.command().target())) {
      findings.add(
          LintRule.REINDEX_NOT_CONCURRENTLY,
          "REINDEX "
              + part.command().detail().toUpperCase(java.util.Locale.ROOT)
              + " "
              + part.command().target()
              + " without CONCURRENTLY blocks writes to the table, and reads that would use the"
              + " index, until every index is rebuilt.");
    }
  }
}
