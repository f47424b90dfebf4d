package dev.lockstep.targets.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The on-disk shape of a {@link ProcessState}, kept apart from the record the code works with so
 * that either can change without the other. Files written before the format had a version have no
 * {@code formatVersion} (and no {@code launchToken}); they read as version 0.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ProcessStateFile(
    Integer formatVersion,
    String service,
    String node,
    String version,
    String artifact,
    String launchToken,
    Long pid,
    Instant processStartInstant,
    Instant startedAt,
    String runningVersion) {

  static final int CURRENT = 1;

  static ProcessStateFile of(ProcessState state) {
    return new ProcessStateFile(
        CURRENT,
        state.service(),
        state.node(),
        state.version(),
        state.artifact(),
        state.launchToken(),
        state.pid(),
        state.processStartInstant(),
        state.startedAt(),
        state.runningVersion());
  }

  ProcessState toState() {
    return new ProcessState(
        service,
        node,
        version,
        artifact,
        launchToken,
        pid,
        processStartInstant,
        startedAt,
        runningVersion);
  }
}
