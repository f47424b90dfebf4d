package dev.lockstep.schema.lint;

/**
 * A statement whose class reading cannot tell: whether it breaks the previous release depends on
 * the schema it meets (the column's current type, whether a column is NOT NULL, whether a dropped
 * index is unique …) or on what the statement really does once run.
 *
 * @param statementIndex the statement's position in the file, from 1
 * @param line the line it starts on, from 1
 * @param why what it depends on, in words
 */
public record UndecidedStatement(int statementIndex, int line, String statement, String why) {}
