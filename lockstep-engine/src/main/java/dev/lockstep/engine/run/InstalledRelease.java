package dev.lockstep.engine.run;

import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which release is installed, and which run installed it: always the upgrade that brought that
 * release in, so that `lockstep rollback` knows what to undo. A failed upgrade that was rolled back
 * changes neither; a rollback run puts back the release, and the upgrade that had installed it.
 */
public final class InstalledRelease {
  private final Journal journal;

  public InstalledRelease(Journal journal) {
    this.journal = journal;
  }

  /** Records what {@code run} leaves installed, as it ends with {@code status}. */
  void afterRun(RunRecord run, RunStatus status, RunReleases releases) {
    switch (run.kind()) {
      case UPGRADE -> {
        if (status == RunStatus.SUCCEEDED) {
          journal.setInstalled(releases.next().version().toString(), run.id());
        } else if (status == RunStatus.ROLLED_BACK && releases.previous() == null) {
          journal.clearInstalled(); // a first install, undone
        }
      }
      case ROLLBACK -> {
        if (status == RunStatus.SUCCEEDED) {
          String previous = releases.previousVersion();
          journal.setInstalled(
              previous, installerOf(previous, run).map(RunRecord::id).orElse(run.id()));
        }
      }
      case REHEARSAL, ADOPT -> {
        // A rehearsal never changes what is installed; an adoption records it itself.
      }
    }
  }

  /**
   * The upgrade that installed the current release. Journals written before this rule may name the
   * failed upgrade that was rolled back; then the upgrade that installed the release is looked up.
   */
  public Optional<RunRecord> installer() {
    Optional<Installed> installed = journal.installed();
    if (installed.isEmpty()) {
      return Optional.empty();
    }
    Optional<RunRecord> named =
        journal
            .run(installed.get().runId())
            .filter(run -> run.kind() == RunKind.UPGRADE && run.status() == RunStatus.SUCCEEDED)
            .filter(run -> installed.get().version().equals(run.toVersion()));
    return named.isPresent() ? named : installerOf(installed.get().version(), null);
  }

  /** The newest successful upgrade to {@code version} that started before {@code before}. */
  private Optional<RunRecord> installerOf(String version, RunRecord before) {
    return journal.runs().stream()
        .filter(run -> run.kind() == RunKind.UPGRADE && run.status() == RunStatus.SUCCEEDED)
        .filter(run -> version.equals(run.toVersion()))
        .filter(run -> before == null || run.startedAt().isBefore(before.startedAt()))
        .max(Comparator.comparing(RunRecord::startedAt));
  }
}
