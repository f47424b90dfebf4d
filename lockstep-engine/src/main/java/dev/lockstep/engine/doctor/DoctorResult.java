package dev.lockstep.engine.doctor;

/**
 * The outcome of one check of the machine.
 *
 * @param name what was checked, e.g. {@code pg_dump} or {@code state folder}
 * @param found what the check found, with the values (paths, versions, sizes)
 * @param fix what to install or change; null when there is nothing to do
 */
public record DoctorResult(String name, Verdict verdict, String found, String fix) {

  public static DoctorResult ok(String name, String found) {
    return new DoctorResult(name, Verdict.OK, found, null);
  }

  public static DoctorResult warn(String name, String found, String fix) {
    return new DoctorResult(name, Verdict.WARN, found, fix);
  }

  public static DoctorResult fail(String name, String found, String fix) {
    return new DoctorResult(name, Verdict.FAIL, found, fix);
  }
}
