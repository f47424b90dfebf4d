package dev.lockstep.history;

/**
 * A state a tool left behind that blocks its next run, such as a half-applied migration.
 *
 * @param what what happened, with the migration, the table and the time
 * @param wayOut how to get out of it: the tool's command, or the SQL that does the same
 */
public record DirtyState(HistoryFormat format, String what, String wayOut) {}
