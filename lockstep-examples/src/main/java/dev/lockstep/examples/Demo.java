package dev.lockstep.examples;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's story on the sample product: install 1.0.0, write notes, upgrade to 1.1.0 (expand),
 * write more, upgrade to 2.0.0 (contract) whose smoke check fails, roll back by restoring the
 * verified backup, and prove through the API that no note written before the backup was lost. The
 * same story on local processes or on Docker Compose.
 */
public final class Demo {
  /**
   * The images of the demo on compose. Not the ones the tests build: from {@code lockstep.jar}
   * their jars differ, and rebuilding the tests' tags would pull them from under a test running.
   */
  static final String COMPOSE_IMAGES = "localhost/lockstep-demo";

  private final Narrator narrator;
  private final EngineOptions options;
  private final boolean keep;
  private final DemoTarget target;

  public Demo(Narrator narrator, EngineOptions options, boolean keep, DemoTarget target) {
    this.narrator = narrator;
    this.options = options;
    this.keep = keep;
    this.target = target;
  }

  /**
   * Runs the whole story; stops every process and container it started and removes what it wrote.
   *
   * @throws dev.lockstep.core.api.LockstepException before anything is started, when the target's
   *     programs are missing (what to install is in the message)
   */
  public DemoResult run() {
    Instant started = Instant.now();
    if (target == DemoTarget.COMPOSE) {
      ComposeDemoRequirements.check();
      narrator.say(
          "Building the sample product's images "
              + COMPOSE_IMAGES
              + "/{api,worker,migrate} for 1.0.0, 1.1.0 and 2.0.0 (about a minute the first time) …");
      NotesImages.build(COMPOSE_IMAGES, line -> narrator.say("  " + line));
    }
    narrator.say("Starting a throwaway PostgreSQL server …");
    try (ThrowawayPostgres postgres = ThrowawayPostgres.start();
        DemoDeployment sample = deploy(postgres)) {
      narrator.say(
          "PostgreSQL is up on port "
              + postgres.port()
              + "; the sample product's releases and config are in "
              + sample.folder());
      try (Deployment deployment = Deployment.open(sample.config(), options)) {
        try {
          return tell(deployment, sample, started);
        } finally {
          narrator.say(
              target == DemoTarget.COMPOSE
                  ? "Stopping the sample product's containers and PostgreSQL …"
                  : "Stopping the sample product's services and PostgreSQL …");
          deployment.stopServices();
        }
      }
    }
  }

  private DemoDeployment deploy(ThrowawayPostgres postgres) {
    return switch (target) {
      case PROCESS -> SampleDeployment.create(postgres, "notes", keep);
      case COMPOSE ->
          ComposeDeployment.create(
              postgres, "notes_demo_" + ProcessHandle.current().pid(), keep, COMPOSE_IMAGES);
    };
  }

  private DemoResult tell(Deployment deployment, DemoDeployment sample, Instant started) {
    NotesClient notes = sample.notes();
    List<RunReport> runs = new ArrayList<>();
    Map<Long, String> written = new LinkedHashMap<>();

    narrator.chapter("1. Install notes 1.0.0 on an empty database");
    runs.add(upgrade(deployment, "1.0.0"));
    written.put(notes.write("groceries", "milk eggs bread", null), "groceries");
    written.put(notes.write("standup", "ship the upgrade tool today", null), "standup");
    written.put(notes.write("ideas", "a rollback that decides from facts", null), "ideas");
    narrator.say("Wrote " + written.size() + " notes through the API.");

    narrator.chapter("2. Upgrade to 1.1.0: its migration only adds a column (expand)");
    runs.add(upgrade(deployment, "1.1.0"));
    written.put(notes.write("release", "tag the notes", "work,urgent"), "release");
    written.put(
        notes.write("reading", "designing data intensive applications", "books"), "reading");
    narrator.say("Wrote 2 more notes, with tags: " + written.size() + " notes in all.");

    narrator.chapter(
        "3. Upgrade to 2.0.0: its migration renames a column (contract); its smoke check fails");
    runs.add(upgrade(deployment, "2.0.0"));

    narrator.chapter("4. Proof: every note written before the backup is there, served by 1.1.0");
    Set<Long> found = notes.list().stream().map(NotesClient.Note::id).collect(Collectors.toSet());
    List<Long> missing = written.keySet().stream().filter(id -> !found.contains(id)).toList();
    written.forEach(
        (id, title) ->
            narrator.say(
                "  note "
                    + id
                    + " '"
                    + title
                    + "': "
                    + (found.contains(id) ? "present" : "MISSING")));
    boolean proven =
        missing.isEmpty()
            && runs.get(0).exitCode() == 0
            && runs.get(1).exitCode() == 0
            && runs.get(2).exitCode() == 3;
    narrator.say(
        proven
            ? "All "
                + written.size()
                + " notes survived: the rollback restored the database ("
                + runs.get(2).rollback().restoredFrom()
                + ")."
            : "The story did not go as expected; see the reports above.");
    return new DemoResult(
        runs,
        written.size(),
        found.size(),
        missing,
        proven,
        Duration.between(started, Instant.now()),
        keep ? sample.folder().toString() : null);
  }

  private RunReport upgrade(Deployment deployment, String version) {
    narrator.plan(deployment.plan(Version.parse(version)));
    RunReport report = deployment.upgrade(Version.parse(version));
    narrator.report(report);
    return report;
  }
}
