package dev.lockstep.core.plan;

import dev.lockstep.core.manifest.MigrationClass;

/** A migration the plan will apply, with its class as the release manifest declares it. */
public record PlannedMigration(String version, String description, MigrationClass type) {}
