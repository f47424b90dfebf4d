package dev.lockstep.engine.doctor;

import java.util.List;

/**
 * What {@code lockstep doctor} found on this machine for one deployment config. It never changes
 * anything, so every result says what is there and what to do about it.
 *
 * @param config the config file the checks were made for
 */
public record DoctorReport(String environment, String config, List<DoctorResult> results) {

  public DoctorReport {
    results = List.copyOf(results);
  }

  public long failures() {
    return count(Verdict.FAIL);
  }

  public long warnings() {
    return count(Verdict.WARN);
  }

  /** 0 when everything the config needs is there (warnings allowed), 1 when something fails. */
  public int exitCode() {
    return failures() > 0 ? 1 : 0;
  }

  private long count(Verdict verdict) {
    return results.stream().filter(result -> result.verdict() == verdict).count();
  }
}
