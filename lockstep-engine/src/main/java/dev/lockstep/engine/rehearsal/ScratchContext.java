package dev.lockstep.engine.rehearsal;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.RehearsalConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.steps.Toolbox;

/**
 * What the rehearsal's steps share: the installed release and the one rehearsed, the scratch
 * database on production's server, and the scratch services that run against it.
 */
record ScratchContext(
    Toolbox tools,
    RehearsalConfig rehearsal,
    ReleaseManifest current,
    ReleaseManifest target,
    DatabaseConfig scratch,
    ScratchServices services) {}
