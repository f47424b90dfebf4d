package dev.lockstep.engine;

import dev.lockstep.backup.BackupStore;
import dev.lockstep.checks.CheckListener;
import dev.lockstep.checks.CheckRunner;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.secrets.SecretFiles;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.gates.DatabaseProbe;
import dev.lockstep.engine.gates.GateContext;
import dev.lockstep.engine.gates.NoRunInProgressGate;
import dev.lockstep.engine.plan.Planner;
import dev.lockstep.engine.rehearsal.Rehearsal;
import dev.lockstep.engine.rehearsal.RehearsalReport;
import dev.lockstep.engine.run.RunDriver;
import dev.lockstep.engine.run.RunReleases;
import dev.lockstep.engine.steps.Checklists;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.StateLock;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.migrate.MigrationRunner;
import java.nio.file.Files;
import java.util.function.Supplier;

/**
 * One operator's deployment, as its config describes it: the entry point for planning, upgrading,
 * rolling back and resuming. Commands that change the deployment hold the state-folder lock while
 * they run.
 */
public final class Deployment implements AutoCloseable {
  private final DeploymentConfig config;
  private final EngineOptions options;

  /** The journal file once it exists; until then an empty one, so that reading creates nothing. */
  private Journal journal;

  private final ReleaseCatalog catalog;
  private final Toolbox tools;

  private Deployment(DeploymentConfig config, EngineOptions options) {
    this.config = config;
    this.options = options;
    this.journal =
        Files.exists(config.journalFile()) ? Journal.open(config.journalFile()) : Journal.empty();
    this.catalog = new ReleaseCatalog(config.releases());
    // A Lockstep killed while a child had a password file leaves it behind: remove it now.
    SecretFiles.forStateDir(config.stateDir()).sweep();
    this.tools =
        new Toolbox(
            config,
            Targets.create(config),
            new BackupStore(
                config.backupsDir(),
                config.backup(),
                PgTools.find(ProcessRunner.forDeployment(config)),
                options.progress()),
            new MigrationRunner(config.database(), config.migrations()),
            CheckRunner.forDeployment(config, CheckListener.NONE),
            options.listener(),
            options.clock());
  }

  public static Deployment open(DeploymentConfig config, EngineOptions options) {
    return new Deployment(config, options);
  }

  public DeploymentConfig config() {
    return config;
  }

  Journal journal() {
    return journal;
  }

  Toolbox tools() {
    return tools;
  }

  /** The plan from the installed release to {@code to}; touches nothing. */
  public Plan plan(Version to) {
    return plan(to, UpgradeOptions.defaults());
  }

  /** The plan, with the gates judged under {@code options}; touches nothing. */
  public Plan plan(Version to, UpgradeOptions options) {
    GateContext context = gateContext(catalog.get(to), options);
    return new Planner()
        .plan(context, Checklists.upgrade(tools, context.previous(), context.target(), null));
  }

  /**
   * Plans, refuses if a gate blocks (having touched nothing), then runs the upgrade to its end, or
   * to the end of its rollback.
   */
  public RunReport upgrade(Version to) {
    return upgrade(to, UpgradeOptions.defaults());
  }

  /** Upgrades with what the operator allows or requires of this run (journaled with it). */
  public RunReport upgrade(Version to, UpgradeOptions options) {
    ReleaseManifest target = catalog.get(to);
    Plan plan = plan(to, options);
    if (plan.blocked()) {
      throw new GateBlockedException(plan);
    }
    return locked(
        () -> {
          GateContext context = gateContext(target, options);
          // Another Lockstep may have started a run between the plan and the lock.
          GateResult running = new NoRunInProgressGate().check(context);
          if (running.blocked()) {
            throw new LockstepException(
                ErrorCode.RUN_IN_PROGRESS, running.message() + " Fix: " + running.fix());
          }
          RunRecord run =
              journal.startRun(
                  RunKind.UPGRADE, config.environment(), context.installedVersion(), to.toString());
          if (options.acceptUnverifiedBackup() != null) {
            journal.recordFact(
                run.id(), RunFacts.ACCEPT_UNVERIFIED, options.acceptUnverifiedBackup());
          }
          if (options.allowDrift()) {
            journal.recordFact(run.id(), RunFacts.DRIFT_ALLOWED, "true");
          }
          return driver().drive(run.id(), new RunReleases(context.previous(), target));
        });
  }

  /** Finishes the run a crash interrupted, or, with {@code rollBack}, undoes it. */
  public RunReport resume(boolean rollBack) {
    return locked(() -> new Resumption(journal, tools, driver(), catalog).resume(rollBack));
  }

  /**
   * Rehearses the upgrade to {@code to} on a scratch copy restored from the latest verified backup,
   * beside production, which it never touches.
   */
  public RehearsalReport rehearse(Version to) {
    return locked(() -> new Rehearsal(config, journal, catalog, tools).rehearse(to));
  }

  /** Undoes the run that installed the current release, returning to the one before. */
  public RunReport rollback() {
    return locked(() -> new ManualRollback(journal, tools, driver(), catalog).rollback());
  }

  /** Stops every service (the demo's last step, and an operator's way to a restore). */
  public void stopServices() {
    locked(
        () -> {
          config.services().values().forEach(service -> tools.target().stop(service));
          return null;
        });
  }

  public StatusReport status() {
    return new DeploymentStatus(journal, tools).status();
  }

  public java.util.List<RunReport> history() {
    return new DeploymentStatus(journal, tools).history();
  }

  /**
   * {@code lockstep migrations}: every history table in the database, what {@code release} (null:
   * the installed one) would still apply, and what run {@code runId} (null: none) applied. Reads
   * only.
   */
  public dev.lockstep.engine.migrations.MigrationsReport migrations(Version release, String runId) {
    return new dev.lockstep.engine.migrations.MigrationsOverview(config, journal, catalog)
        .report(release, runId);
  }

  public DeploymentBackups backups() {
    return new DeploymentBackups(config, this::journal, tools, this::locked);
  }

  private RunDriver driver() {
    return new RunDriver(journal, tools, options.crashPoints());
  }

  private GateContext gateContext(ReleaseManifest target, UpgradeOptions options) {
    String installed = journal.installed().map(Installed::version).orElse(null);
    ReleaseManifest previous = installed == null ? null : findRelease(installed);
    return new GateContext(
        config,
        journal,
        installed,
        previous,
        target,
        DatabaseProbe.of(config, tools.migrations(), target),
        options);
  }

  private ReleaseManifest findRelease(String version) {
    try {
      return catalog.get(Version.parse(version));
    } catch (LockstepException e) {
      if (e.errorCode() == ErrorCode.RELEASE_UNKNOWN) {
        return null;
      }
      throw e;
    }
  }

  private <T> T locked(Supplier<T> work) {
    try (StateLock lock = StateLock.acquire(config.stateDir())) {
      if (!Files.exists(config.journalFile())) {
        journal.close();
        journal = Journal.open(config.journalFile());
      }
      return work.get();
    }
  }

  @Override
  public void close() {
    journal.close();
  }
}
