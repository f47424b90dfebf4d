package dev.lockstep.core.report;

/** A migration applied by a run, and its class. */
public record MigrationReport(String version, String description, String type) {}
