package dev.lockstep.schema.corpus;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A fixture's {@code expected.yaml}: what a perfect tool would say about the migration.
 *
 * @param type {@code expand} or {@code contract}, written {@code class:}
 * @param before the name of a shared schema in {@code corpus/_base/} to start from (a fixture's own
 *     {@code before.sql}, if any, runs after it)
 * @param reasonContains words the reasons of the changes must contain, each in some reason
 * @param lint the exact set of rule ids the static lint reports
 * @param observed the exact set of {@code observed-*} rule ids that running the migration on a
 *     scratch database adds
 * @param observedContains words the observation notes on the findings must contain
 * @param knownMiss why Lockstep gets this fixture wrong today; it still counts as a miss
 */
record Expected(
    String before,
    String description,
    @JsonProperty("class") String type,
    List<String> reasonContains,
    List<String> lint,
    List<String> observed,
    List<String> observedContains,
    String knownMiss) {

  Expected {
    reasonContains = reasonContains == null ? List.of() : reasonContains;
    lint = lint == null ? List.of() : lint;
    observed = observed == null ? List.of() : observed;
    observedContains = observedContains == null ? List.of() : observedContains;
  }
}
