package dev.lockstep.engine.adopt;

import java.util.List;

/**
 * What one of adopt's checks found.
 *
 * @param matches what agrees with the release, one line each ("api 1.0.0 on node local")
 * @param mismatches what does not, one line each, saying what was expected and how to fix it
 */
record Finding(List<String> matches, List<String> mismatches) {

  Finding {
    matches = List.copyOf(matches);
    mismatches = List.copyOf(mismatches);
  }
}
