/**
 * Schema snapshots: {@link dev.lockstep.schema.snapshot.SchemaReader} reads the structure of a
 * database from its catalog into a {@link dev.lockstep.schema.snapshot.SchemaSnapshot}, a tree of
 * records with a stable order that serialises to JSON (for Lockstep's state folder and for release
 * manifests): tables with their columns, constraints, indexes, triggers and row-level security
 * policies; views, functions, enums, domains and sequences. Snapshots keep catalog ids ({@code
 * oid}, {@code attnum}) so that a rename can be told from a drop and an add.
 */
package dev.lockstep.schema.snapshot;
