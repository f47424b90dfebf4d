/**
 * Migration lint. {@link dev.lockstep.schema.lint.SqlLinter} reads a migration file without running
 * it; {@link dev.lockstep.schema.lint.MigrationLinter} also runs it statement by statement on a
 * scratch database and adds what it observed. Findings name a stable rule id ({@link
 * dev.lockstep.schema.lint.LintRule}), what is wrong, and the safer alternative.
 */
package dev.lockstep.schema.lint;
