package dev.lockstep.schema.lint;

import dev.lockstep.schema.sql.Names;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterExpression.ColumnDataType;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * What one {@code ALTER TABLE} action does, read from JSqlParser's {@link AlterExpression}, which
 * covers many dialects with one loose shape.
 *
 * @param column the column it acts on, normalised, or null
 * @param newName the new name of a rename, or null
 * @param definition the column definition of {@code ADD COLUMN} or the new type of {@code ALTER
 *     COLUMN … TYPE}, or null
 * @param constraint the constraint of {@code ADD CONSTRAINT}, or null (an unnamed foreign key,
 *     unique or primary key comes without one, see {@code expression})
 */
record AlterAction(
    Type type,
    String column,
    String newName,
    ColumnDataType definition,
    Index constraint,
    AlterExpression expression) {

  enum Type {
    ADD_COLUMN,
    ADD_CONSTRAINT,
    ALTER_TYPE,
    SET_NOT_NULL,
    DROP_NOT_NULL,
    SET_DEFAULT,
    DROP_DEFAULT,
    DROP_COLUMN,
    DROP_CONSTRAINT,
    RENAME_COLUMN,
    RENAME_TABLE,
    SET_SCHEMA,
    VALIDATE_CONSTRAINT,
    OTHER
  }

  static AlterAction of(AlterExpression e) {
    List<ColumnDataType> columns = e.getColDataTypeList();
    ColumnDataType first = columns == null || columns.isEmpty() ? null : columns.get(0);
    return switch (e.getOperation()) {
      case ADD ->
          first != null
              ? action(Type.ADD_COLUMN, first.getColumnName(), null, first, null, e)
              : action(Type.ADD_CONSTRAINT, null, null, null, e.getIndex(), e);
      case ALTER -> alter(e, first);
      case DROP, DROP_PRIMARY_KEY, DROP_UNIQUE, DROP_FOREIGN_KEY ->
          e.getColumnName() != null
              ? action(Type.DROP_COLUMN, e.getColumnName(), null, null, null, e)
              : action(Type.DROP_CONSTRAINT, null, e.getConstraintName(), null, null, e);
      case RENAME ->
          action(Type.RENAME_COLUMN, e.getColumnOldName(), e.getColumnName(), null, null, e);
      case RENAME_TABLE -> action(Type.RENAME_TABLE, null, e.getNewTableName(), null, null, e);
      case UNSPECIFIC -> unspecific(e);
      default -> action(Type.OTHER, null, null, null, null, e);
    };
  }

  private static AlterAction alter(AlterExpression e, ColumnDataType first) {
    if (e.getColumnSetDefaultList() != null && !e.getColumnSetDefaultList().isEmpty()) {
      return action(
          Type.SET_DEFAULT,
          e.getColumnSetDefaultList().get(0).getColumnName(),
          null,
          null,
          null,
          e);
    }
    if (e.getColumnDropDefaultList() != null && !e.getColumnDropDefaultList().isEmpty()) {
      return action(
          Type.DROP_DEFAULT,
          e.getColumnDropDefaultList().get(0).getColumnName(),
          null,
          null,
          null,
          e);
    }
    if (e.getColumnDropNotNullList() != null && !e.getColumnDropNotNullList().isEmpty()) {
      return action(
          Type.DROP_NOT_NULL,
          e.getColumnDropNotNullList().get(0).getColumnName(),
          null,
          null,
          null,
          e);
    }
    if (first == null) {
      return action(Type.OTHER, null, null, null, null, e);
    }
    String type = first.getColDataType() == null ? null : first.getColDataType().toString();
    List<String> specs = first.getColumnSpecs() == null ? List.of() : first.getColumnSpecs();
    String said = String.join(" ", specs).toUpperCase(Locale.ROOT);
    if (type == null && said.startsWith("DROP NOT NULL")) {
      return action(Type.DROP_NOT_NULL, first.getColumnName(), null, null, null, e);
    }
    if ("SET".equalsIgnoreCase(type)) {
      return action(
          said.equals("NOT NULL") ? Type.SET_NOT_NULL : Type.OTHER,
          first.getColumnName(),
          null,
          null,
          null,
          e);
    }
    return action(
        type == null ? Type.OTHER : Type.ALTER_TYPE, first.getColumnName(), null, first, null, e);
  }

  private static AlterAction unspecific(AlterExpression e) {
    String specifier = e.getOptionalSpecifier() == null ? "" : e.getOptionalSpecifier();
    String upper = specifier.toUpperCase(Locale.ROOT);
    String lastWord = specifier.substring(specifier.lastIndexOf(' ') + 1);
    if (upper.startsWith("VALIDATE CONSTRAINT")) {
      return action(Type.VALIDATE_CONSTRAINT, null, lastWord, null, null, e);
    }
    if (upper.startsWith("SET SCHEMA")) {
      return action(Type.SET_SCHEMA, null, lastWord, null, null, e);
    }
    return action(Type.OTHER, null, null, null, null, e);
  }

  private static AlterAction action(
      Type type,
      String column,
      String newName,
      ColumnDataType definition,
      Index constraint,
      AlterExpression e) {
    return new AlterAction(
        type,
        column == null ? null : Names.simple(column),
        newName == null ? null : Names.simple(newName),
        definition,
        constraint,
        e);
  }

  ColumnSpecs specs() {
    return ColumnSpecs.of(definition == null ? null : definition.getColumnSpecs());
  }
}
