/**
 * Differences between two snapshots, each classed expand or contract with its reason: {@link
 * dev.lockstep.schema.diff.SchemaDiffer#diff} gives a {@link dev.lockstep.schema.diff.SchemaDiff}.
 * The package-private differs (one per kind of object) hold the rules.
 */
package dev.lockstep.schema.diff;
