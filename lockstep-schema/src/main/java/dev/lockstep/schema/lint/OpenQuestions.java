package dev.lockstep.schema.lint;

import dev.lockstep.schema.sql.Command;
import dev.lockstep.schema.sql.Names;
import dev.lockstep.schema.sql.StatementPart;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Whether reading a statement is enough to know that the previous release still works after it.
 * Only what is known to leave it working passes (a new table, a nullable column, a plain index,
 * data changes, maintenance); everything else is an open question that running the migration
 * answers. Statements that certainly break it are the error-level lint findings, not this.
 */
final class OpenQuestions {
  private OpenQuestions() {}

  /** Why the class of {@code part} cannot be told by reading it, or empty if it is expand. */
  static Optional<String> of(StatementPart part, ScriptState state) {
    if (part.command() != null) {
      return command(part.command(), state);
    }
    Statement statement = part.statement();
    if (statement instanceof Alter alter) {
      return altered(alter, state);
    }
    if (statement instanceof CreateIndex index) {
      String table = Names.normalize(index.getTable().getFullyQualifiedName());
      boolean unique = "UNIQUE".equalsIgnoreCase(index.getIndex().getType());
      return unique && !state.isNew(table)
          ? open(
              "a new unique index on "
                  + table
                  + " refuses the previous release's duplicate writes, unless it only covers"
                  + " columns that release does not write")
          : Optional.empty();
    }
    if (statement instanceof CreateView view && view.isOrReplace()) {
      return open(
          "CREATE OR REPLACE VIEW "
              + Names.normalize(view.getView().getFullyQualifiedName())
              + ": whether the previous release still finds the columns it reads depends on the"
              + " view it replaces");
    }
    if (statement instanceof Drop drop && "INDEX".equalsIgnoreCase(drop.getType())) {
      return open(
          "DROP INDEX "
              + Names.normalize(drop.getName().getFullyQualifiedName())
              + ": the previous release may rely on it if it is unique (ON CONFLICT, or no"
              + " duplicates)");
    }
    if (statement instanceof Drop drop && "TABLE".equalsIgnoreCase(drop.getType())) {
      // A table the same script created; any other is an error-level finding.
      return Optional.empty();
    }
    return knownExpand(statement)
        ? Optional.empty()
        : open("Lockstep does not know the class of this statement without running it");
  }

  private static boolean knownExpand(Statement statement) {
    return statement instanceof CreateTable
        || statement instanceof CreateIndex
        || statement instanceof CreateView
        || statement instanceof CreateSequence
        || statement instanceof CreateSchema
        || statement instanceof Comment
        || statement instanceof Grant
        || statement instanceof Analyze
        // Data changes leave the schema as it is.
        || statement instanceof Insert
        || statement instanceof Update
        || statement instanceof Delete
        || statement instanceof Select;
  }

  private static Optional<String> command(Command command, ScriptState state) {
    return switch (command.kind()) {
      case TRANSACTION_CONTROL,
          SESSION_SETTING,
          VACUUM,
          VACUUM_FULL,
          CLUSTER,
          LOCK_TABLE,
          REINDEX,
          REINDEX_CONCURRENTLY,
          CREATE_TYPE,
          CREATE_DOMAIN,
          CREATE_EXTENSION,
          CREATE_SCHEMA,
          RENAME_INDEX,
          // A new label: the previous release never writes it.
          ALTER_TYPE_ADD_VALUE ->
          Optional.empty();
      case CREATE_PARTITION ->
          state.isNew(command.detail())
              ? Optional.empty()
              : open(
                  "a new partition of "
                      + command.detail()
                      + " changes where the previous release's rows go, and which it refuses");
      case ALTER_DOMAIN_ADD_CHECK, ALTER_DOMAIN_SET_NOT_NULL ->
          state.isNew(command.target())
              ? Optional.empty()
              : open(
                  "a new rule on domain "
                      + command.target()
                      + " refuses the previous release's writes that break it");
      case ADD_CONSTRAINT_USING_INDEX ->
          state.isNew(command.target())
              ? Optional.empty()
              : open(
                  "a UNIQUE or PRIMARY KEY constraint on "
                      + command.target()
                      + " refuses the previous release's duplicate writes");
      default -> open("Lockstep does not know the class of this statement without running it");
    };
  }

  private static Optional<String> altered(Alter alter, ScriptState state) {
    String table = Names.normalize(alter.getTable().getFullyQualifiedName());
    if (state.isNew(table) || alter.getAlterExpressions() == null) {
      return state.isNew(table)
          ? Optional.empty()
          : open("Lockstep does not know the class of this statement without running it");
    }
    for (AlterExpression expression : alter.getAlterExpressions()) {
      Optional<String> open = action(table, AlterAction.of(expression));
      if (open.isPresent()) {
        return open;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> action(String table, AlterAction action) {
    String column = table + "." + action.column();
    return switch (action.type()) {
      case ADD_COLUMN -> addedColumn(column, action.specs());
      case DROP_NOT_NULL, SET_DEFAULT, VALIDATE_CONSTRAINT -> Optional.empty();
      // Certain breaks are error-level findings; the classifier counts those itself.
      case DROP_COLUMN, RENAME_COLUMN, RENAME_TABLE, SET_SCHEMA -> Optional.empty();
      case ALTER_TYPE ->
          open(
              "ALTER COLUMN "
                  + column
                  + " TYPE "
                  + action.definition().getColDataType()
                  + ": whether the new type is wider or narrower than the column's current"
                  + " one is not in the migration");
      case SET_NOT_NULL ->
          open(
              "SET NOT NULL on "
                  + column
                  + ": the previous release breaks if it writes NULL into it or leaves it out of"
                  + " its inserts, unless it already was NOT NULL");
      case DROP_DEFAULT ->
          open(
              "DROP DEFAULT on "
                  + column
                  + ": if the column is NOT NULL, the previous release's inserts that leave it"
                  + " out fail");
      case ADD_CONSTRAINT ->
          open(
              "a new constraint on "
                  + table
                  + " refuses the previous release's writes that break it (NOT VALID only spares"
                  + " the existing rows)");
      case DROP_CONSTRAINT ->
          open(
              "DROP CONSTRAINT on "
                  + table
                  + ": the previous release may rely on it if it is a unique or primary key");
      case OTHER ->
          open(
              "ALTER TABLE "
                  + table
                  + " "
                  + String.valueOf(action.expression()).strip().toUpperCase(Locale.ROOT)
                  + ": Lockstep does not know its class without running it");
    };
  }

  private static Optional<String> addedColumn(String column, ColumnSpecs specs) {
    if (specs.unique() || specs.primaryKey() || specs.check() || specs.references()) {
      return open(
          "ADD COLUMN "
              + column
              + " with a constraint: whether the previous release's writes still pass it depends"
              + " on the constraint");
    }
    // NOT NULL without a default is an error-level finding; with one, old inserts get it.
    return Optional.empty();
  }

  private static Optional<String> open(String why) {
    return Optional.of(why);
  }
}
