package dev.lockstep.engine;

import dev.lockstep.backup.BackupStore;
import dev.lockstep.checks.CheckListener;
import dev.lockstep.checks.CheckRunner;
import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.Plan;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.secrets.SecretFiles;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.engine.adopt.Adoption;
import dev.lockstep.engine.adopt.AdoptionReport;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.engine.gates.DatabaseProbe;
import dev.lockstep.engine.gates.ExtensionsReport;
import dev.lockstep.engine.gates.GateContext;
import dev.lockstep.engine.gates.Gates;
import dev.lockstep.engine.gates.RollingCheck;
import dev.lockstep.engine.gates.RunningServices;
import dev.lockstep.engine.gates.SnapshotNeed;
import dev.lockstep.engine.migrations.MigrationsOverview;
import dev.lockstep.engine.migrations.MigrationsReport;
import dev.lockstep.engine.notices.NoticeAftermath;
import dev.lockstep.engine.notices.NoticeListener;
import dev.lockstep.engine.notices.NoticeSender;
import dev.lockstep.engine.notices.RunNotices;
import dev.lockstep.engine.path.PathHop;
import dev.lockstep.engine.path.PathPlace;
import dev.lockstep.engine.path.PathPlanner;
import dev.lockstep.engine.path.PathReport;
import dev.lockstep.engine.path.PathRunReport;
import dev.lockstep.engine.path.PathUpgrade;
import dev.lockstep.engine.plan.Planner;
import dev.lockstep.engine.promotion.PromotionAftermath;
import dev.lockstep.engine.rehearsal.Rehearsal;
import dev.lockstep.engine.rehearsal.RehearsalReport;
import dev.lockstep.engine.release.CatalogMirror;
import dev.lockstep.engine.release.CatalogMirror.MirrorResult;
import dev.lockstep.engine.rolling.RolloutChoice;
import dev.lockstep.engine.run.ChecklistInputs;
import dev.lockstep.engine.run.ConfigShape;
import dev.lockstep.engine.run.LiveAftermath;
import dev.lockstep.engine.run.LiveRollbackFacts;
import dev.lockstep.engine.run.OperatorBriefing;
import dev.lockstep.engine.run.RunContext;
import dev.lockstep.engine.run.RunDriver;
import dev.lockstep.engine.run.RunReleases;
import dev.lockstep.engine.run.StepChecklists;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.engine.steps.UnrecordedProcesses;
import dev.lockstep.engine.watch.BaselineSampler;
import dev.lockstep.engine.watch.Pause;
import dev.lockstep.engine.watch.SignalReaders;
import dev.lockstep.engine.watch.WatchListener;
import dev.lockstep.engine.watch.WatchOutcome;
import dev.lockstep.engine.watch.WatchReport;
import dev.lockstep.engine.watch.WatchSummary;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.StateLock;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.RunLock;
import dev.lockstep.postgres.migrate.MigrationRunner;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One operator's deployment, as its config describes it: the entry point for planning, upgrading,
 * rolling back and resuming. Commands that change the deployment hold the state-folder lock while
 * they run, and plan under it, so that what they show is what they do.
 */
public final class Deployment implements AutoCloseable {
  private final DeploymentConfig config;
  private final EngineOptions options;

  /** The journal file once it exists; until then an empty one, so that reading creates nothing. */
  private Journal journal;

  private final ReleaseCatalog catalog;
  private boolean catalogRefreshed;
  private final Toolbox tools;
  private final NoticeSender notices;

  Deployment(DeploymentConfig config, EngineOptions options, Toolbox tools) {
    this.config = config;
    this.options = options;
    this.journal =
        Files.exists(config.journalFile()) ? Journal.open(config.journalFile()) : Journal.empty();
    journal.upgrade().ifPresent(upgrade -> options.listener().notice(upgrade.notice()));
    this.catalog = new ReleaseCatalog(config.releases(), config.trustedKeys());
    // A Lockstep killed while a child had a password file leaves it behind: remove it now.
    SecretFiles.forStateDir(config.stateDir()).sweep();
    this.tools = tools;
    this.notices =
        new NoticeSender(
            config.notices(),
            SecretRegistry.of(config),
            options.listener()::notice,
            NoticeSender.DEFAULT_BACKOFF);
  }

  /**
   * The releases; with an HTTPS catalog, its new releases are fetched into the releases folder
   * first, once per opening, and only by the commands that read releases.
   */
  private ReleaseCatalog catalog() {
    if (!catalogRefreshed && config.catalog() != null) {
      refreshCatalog(config, options.listener());
    }
    catalogRefreshed = true;
    return catalog;
  }

  /**
   * Copies the releases of the HTTPS catalog that the releases folder does not hold yet; offline,
   * the folder is used as it is, and {@code listener} is told so.
   */
  private static void refreshCatalog(DeploymentConfig config, RunListener listener) {
    MirrorResult mirrored = new CatalogMirror(config.catalog(), config.releases()).refresh();
    if (!mirrored.fetched().isEmpty()) {
      listener.notice(
          "Release catalog "
              + config.catalog().url()
              + ": fetched "
              + String.join(", ", mirrored.fetched())
              + " into "
              + config.releases()
              + ".");
    }
    if (mirrored.offline() != null) {
      listener.notice(
          "Release catalog "
              + config.catalog().url()
              + " cannot be read ("
              + mirrored.offline()
              + "): working from the "
              + mirrored.held()
              + " release(s) already in "
              + config.releases()
              + ".");
    }
  }

  public static Deployment open(DeploymentConfig config, EngineOptions options) {
    return new Deployment(
        config,
        options,
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
            options.clock(),
            Balancers.create(config)));
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
    return plan(gateContext(catalog().get(to), options, null));
  }

  /**
   * Plans, refuses if a gate blocks (having touched nothing), then runs the upgrade to its end, or
   * to the end of its rollback.
   */
  public RunReport upgrade(Version to) {
    return upgrade(to, UpgradeOptions.defaults(), plan -> {});
  }

  /** Upgrades with what the operator allows or requires of this run (journaled with it). */
  public RunReport upgrade(Version to, UpgradeOptions options) {
    return upgrade(to, options, plan -> {});
  }

  /**
   * As {@link #upgrade(Version, UpgradeOptions)}; the plan is made under the state-folder lock and
   * handed to {@code planned} before anything is done.
   */
  public RunReport upgrade(Version to, UpgradeOptions options, Consumer<Plan> planned) {
    ReleaseManifest target = catalog().get(to);
    if (!Files.exists(config.stateDir())) {
      // The first run here: a refusal must not leave a state folder behind, and the lock would
      // create one. Nobody else can be running in a folder that does not exist yet. Judged at
      // once: the upgrade waits for running jobs under the lock, below.
      Plan plan = plan(gateContext(target, options, null));
      if (plan.blocked()) {
        planned.accept(plan);
        throw new GateBlockedException(plan);
      }
    }
    return locked(() -> upgradeLocked(target, options, planned, Map.of()));
  }

  /**
   * The path to {@code to} when reaching it takes more than one upgrade (a required stop, a
   * release's {@code minimumFrom}); empty when {@link #upgrade} goes there directly, and when the
   * path cannot be worked out (the upgrade's own gate then says why).
   */
  public Optional<PathReport> pathWithStops(Version to) {
    Optional<Version> installed = journal().installed().map(i -> Version.parse(i.version()));
    if (installed.isEmpty() || to.compareTo(installed.get()) <= 0) {
      return Optional.empty();
    }
    try {
      PathReport path = path(installed.get(), to);
      return path.hops().size() > 1 ? Optional.of(path) : Optional.empty();
    } catch (LockstepException e) {
      return Optional.empty();
    }
  }

  /**
   * Upgrades along {@code path} ({@link #pathWithStops}), one hop after the other under one lock,
   * each hop a journaled upgrade of its own; stops at the first hop that does not succeed, on the
   * release before it.
   */
  public PathRunReport upgradeAlong(
      PathReport path, UpgradeOptions options, PathUpgrade.Listener listener) {
    return upgradeAlong(path, PathPlace.NEW, options, listener);
  }

  /**
   * As {@link #upgradeAlong(PathReport, UpgradeOptions, PathUpgrade.Listener)}, the hops joining
   * the path at {@code place}.
   */
  public PathRunReport upgradeAlong(
      PathReport path, PathPlace place, UpgradeOptions options, PathUpgrade.Listener listener) {
    return locked(
        () ->
            new PathUpgrade(
                    catalog()::get,
                    (release, facts, hopListener) ->
                        upgradeLocked(catalog().get(release), options, hopListener::planned, facts))
                .upgrade(path, place, listener));
  }

  /** One upgrade, the state folder locked; {@code pathFacts} tie it to its path, if any. */
  private RunReport upgradeLocked(
      ReleaseManifest target,
      UpgradeOptions options,
      Consumer<Plan> planned,
      Map<String, String> pathFacts) {
    GateContext context = gateContext(target, options, this.options.listener());
    RolloutChoice rollout = rollout(context);
    Plan plan = plan(context, rollout);
    planned.accept(plan);
    if (plan.blocked()) {
      throw new GateBlockedException(plan);
    }
    RunReleases releases = new RunReleases(context.previous(), target);
    RunDriver driver = driver();
    Map<String, String> facts = facts(options);
    facts.putAll(pathFacts);
    List<RecordedSample> baseline = PathHop.lastOrNone(pathFacts) ? baseline(context) : List.of();
    String runId =
        driver.startUpgrade(
            config.environment(),
            releases,
            inputs(releases, options, SnapshotNeed.of(context), rollout),
            facts);
    journal.watches().addSamples(runId, baseline);
    return driver.drive(runId, releases);
  }

  /** Run {@code runId}'s place on a path across required stops; empty when it was no hop. */
  public Optional<PathHop> pathHop(String runId) {
    return PathHop.of(runId, journal.facts(runId));
  }

  /** Where the hops after {@code resumed}, a hop a crash interrupted, join its path. */
  public PathPlace placeAfter(RunReport resumed) {
    return pathHop(resumed.runId())
        .map(hop -> new PathPlace(hop.pathId(), hop.number()))
        .orElse(PathPlace.NEW);
  }

  /**
   * Before an upgrade of a watched deployment: the signals that have no history to ask later,
   * sampled for the baseline window. Nothing to compare with on a first install; on a path, only
   * the last hop is watched, so only it samples.
   */
  private List<RecordedSample> baseline(GateContext context) {
    if (config.watch() == null || context.previous() == null) {
      return List.of();
    }
    return new BaselineSampler(SignalReaders::of, options.clock(), Pause.REAL)
        .sample(config.watch(), new BaselineNarrator(options.listener(), config.watch()));
  }

  /**
   * After {@code resumed} finished a hop of a path (its {@code path.to} fact), the hops still to
   * take to the path's end, from the release now installed; empty when it was no hop, or the last.
   */
  public Optional<PathReport> pathLeft(RunReport resumed) {
    String to = journal.facts(resumed.runId()).get(RunFacts.PATH_TO);
    Optional<Version> installed = journal.installed().map(i -> Version.parse(i.version()));
    if (resumed.exitCode() != 0 || to == null || installed.isEmpty()) {
      return Optional.empty();
    }
    Version target = Version.parse(to);
    return target.compareTo(installed.get()) > 0
        ? Optional.of(path(installed.get(), target))
        : Optional.empty();
  }

  /** Finishes the run a crash interrupted, or, with {@code rollBack}, undoes it. */
  public RunReport resume(boolean rollBack) {
    return locked(() -> resumption().resume(rollBack));
  }

  /**
   * Rehearses the upgrade to {@code to} on a scratch copy restored from the latest verified backup,
   * beside production, which it never touches.
   */
  public RehearsalReport rehearse(Version to) {
    return locked(() -> rehearsal().rehearse(to));
  }

  /** Undoes the run that installed the current release, returning to the one before. */
  public RunReport rollback() {
    return locked(() -> manualRollback().rollback());
  }

  /**
   * Watches the upgrade {@code runId} (null: the one that installed the running release) against
   * its baseline until the watch's end, reverting or alerting when a signal fails. Takes no lock:
   * an automatic revert takes it as {@link #rollback} does.
   */
  public WatchOutcome watch(String runId, WatchListener listener) {
    return watching().watch(runId, listener);
  }

  /** The watch of upgrade {@code runId} with its samples, for its page; empty when it has none. */
  public Optional<WatchReport> watchReport(String runId) {
    return new WatchReportBuilder(journal, config.watch(), options.clock()).build(runId);
  }

  /** The upgrade {@link #watch} watches when given no run: the one that installed the release. */
  public RunRecord watchedRun() {
    return watching().installingRun();
  }

  private DeploymentWatch watching() {
    return new DeploymentWatch(
        config, journal, options.clock(), this::rollbackPreview, this::rollback, notices);
  }

  /**
   * What {@link #rollback} would do now: the strategy and why, the data-loss window so far, the
   * databases it would keep aside. Touches nothing, takes no lock.
   */
  public RollbackPreview rollbackPreview() {
    return new RollbackPreviewer(journal, manualRollback(), tools).preview();
  }

  private ManualRollback manualRollback() {
    return new ManualRollback(
        journal, driver(), catalog(), new LiveRollbackFacts(tools, journal), this::resumption);
  }

  /**
   * Records the deployment that runs as release {@code release} without restarting anything, once
   * its services and migration history are found to be that release's and a baseline backup is
   * verified; refused, with what does not match, and nothing recorded otherwise.
   */
  public AdoptionReport adopt(Version release) {
    ReleaseManifest manifest = catalog().get(release);
    if (!Files.exists(config.stateDir())) {
      // As for an upgrade: a refusal must not leave a state folder behind.
      Optional<AdoptionReport> refusal = new Adoption(tools, journal).refusal(manifest);
      if (refusal.isPresent()) {
        return refusal.get();
      }
    }
    return locked(() -> new Adoption(tools, journal).adopt(manifest));
  }

  /** Stops every service (the demo's last step, and an operator's way to a restore). */
  public void stopServices() {
    locked(
        () -> {
          tools.target().stopAll(config.services().values());
          return null;
        });
  }

  /** The releases an upgrade to {@code to} installs in turn; touches nothing. */
  public PathReport path(Version to) {
    Version installed = journal().installed().map(i -> Version.parse(i.version())).orElse(null);
    return path(installed, to);
  }

  /** The releases an upgrade from {@code from} (null: nothing) to {@code to} installs in turn. */
  public PathReport path(Version from, Version to) {
    return new PathPlanner(catalog()).report(from, to);
  }

  /**
   * Which installed extensions support release {@code to}'s extension protocol; asks the config's
   * extensions source, touches nothing.
   */
  public ExtensionsReport extensions(Version to) {
    ReleaseManifest target = catalog().get(to);
    if (config.extensions() == null) {
      throw new BadInputException(
          ErrorCode.CONFIG_INVALID,
          new Problem(
              config.file(),
              "extensions",
              "is not configured, so Lockstep does not know which extensions are installed.",
              "add an extensions section: {http: {url, path}} or {command: …} giving the JSON"
                  + " list [{\"name\": …, \"protocols\": \">=2 <4\"}] (see the README)."));
    }
    return ExtensionsReport.ask(config, target);
  }

  public StatusReport status() {
    return new DeploymentStatus(journal, tools).status();
  }

  /** {@link #status()} without asking the targets: for a page that asks every second. */
  public LiveStatus liveStatus() {
    return new DeploymentStatus(journal, tools).live();
  }

  /** {@link #status()}'s watch of the upgrade that installed the release, without the targets. */
  public Optional<WatchSummary> watchSummary() {
    return new DeploymentStatus(journal, tools).watch();
  }

  /** {@link #status()}'s rollback now of the upgrade that installed the release, alone. */
  public Optional<RollbackNow> rollbackNow() {
    return new DeploymentStatus(journal, tools).rollbackNow();
  }

  public List<RunReport> history() {
    return new DeploymentStatus(journal, tools).history();
  }

  /**
   * {@code lockstep migrations}: every history table in the database, what {@code release} (null:
   * the installed one) would still apply, and what run {@code runId} (null: none) applied. Reads
   * only.
   */
  public MigrationsReport migrations(Version release, String runId) {
    return new MigrationsOverview(config, journal, catalog()).report(release, runId);
  }

  /**
   * {@code lockstep migrations} from the journal alone, when the database cannot be read ({@code
   * why}): the installed release and what run {@code runId} (null: none) applied.
   */
  public MigrationsReport migrationsFromJournal(String runId, String why) {
    return new MigrationsOverview(config, journal, catalog()).fromJournal(runId, why);
  }

  public DeploymentBackups backups() {
    return new DeploymentBackups(config, this::journal, tools, this::locked);
  }

  /** The databases rollbacks kept aside, with what the failed releases wrote. */
  public KeptDatabases kept() {
    return new KeptDatabases(this::journal, config.stores(), this::locked, options.clock());
  }

  private Plan plan(GateContext context) {
    return plan(context, rollout(context));
  }

  /** The plan, with this run's strategy already chosen: the upgrade records the same choice. */
  private Plan plan(GateContext context, RolloutChoice rollout) {
    RunReleases releases = new RunReleases(context.previous(), context.target());
    SnapshotNeed snapshot = SnapshotNeed.of(context);
    List<GateResult> gates = new ArrayList<>(Gates.check(context));
    rollout.gate().ifPresent(gates::add);
    return new Planner()
        .plan(
            context,
            new StepChecklists(tools)
                .upgrade(releases, inputs(releases, context.options(), snapshot, rollout)),
            gates,
            rollout.rolling() == null ? snapshot.planNote() : null,
            rollout.verdict());
  }

  /** This run's strategy: rolling or with downtime, from the options, the config and the plan. */
  private RolloutChoice rollout(GateContext context) {
    return RolloutChoice.of(
        config,
        context.options().strategy(),
        RollingCheck.of(context),
        context.target(),
        context.previous() == null);
  }

  /**
   * The inputs the run records: resume replays them, so a snapshot skipped at the start stays
   * skipped whatever the journal says by then, and a rolling run stays rolling.
   */
  private ChecklistInputs inputs(
      RunReleases releases, UpgradeOptions options, SnapshotNeed snapshot, RolloutChoice rollout) {
    return ChecklistInputs.upgrade(
        releases,
        rollout.rolling() == null && snapshot.take(),
        options.acceptUnverifiedBackup(),
        ConfigShape.of(config),
        rollout.rolling());
  }

  private static Map<String, String> facts(UpgradeOptions options) {
    Map<String, String> facts = new LinkedHashMap<>();
    if (options.acceptUnverifiedBackup() != null) {
      facts.put(RunFacts.ACCEPT_UNVERIFIED, options.acceptUnverifiedBackup());
    }
    if (options.allowDrift()) {
      facts.put(RunFacts.DRIFT_ALLOWED, "true");
    }
    if (options.skipStaging() != null) {
      facts.put(RunFacts.STAGING_SKIPPED, options.skipStaging());
    }
    return facts;
  }

  private RunDriver driver() {
    // Built with the journal of now: locked() opens the real one on the first run.
    RunNotices runNotices = new RunNotices(journal, notices, options.clock());
    return new RunDriver(
        new RunContext(
            journal,
            ConfigShape.of(config),
            new StepChecklists(tools),
            new LiveRollbackFacts(tools, journal),
            new NoticeAftermath(
                new PromotionAftermath(
                    new LiveAftermath(tools, journal),
                    config.promotion(),
                    config.environment(),
                    journal,
                    options.listener()),
                runNotices,
                options.listener()),
            new OperatorBriefing(tools),
            new NoticeListener(options.listener(), runNotices),
            options.clock(),
            options.crashPoints()));
  }

  private Resumption resumption() {
    return new Resumption(
        journal,
        driver(),
        catalog(),
        ConfigShape.of(config),
        options.listener(),
        (run, rollBack) -> rehearsal().resume(run, rollBack),
        () -> new UnrecordedProcesses(tools).stopAll());
  }

  private Rehearsal rehearsal() {
    return new Rehearsal(config, journal, catalog(), tools, options.crashPoints());
  }

  /**
   * {@code waiting}: an upgrade's gates may wait (for running jobs), telling it what for; null for
   * a plan's, which never wait.
   */
  private GateContext gateContext(
      ReleaseManifest target, UpgradeOptions options, RunListener waiting) {
    String installed = journal.installed().map(Installed::version).orElse(null);
    ReleaseManifest previous = installed == null ? null : findRelease(installed);
    return new GateContext(
        config,
        journal,
        installed,
        previous,
        target,
        DatabaseProbe.of(config, tools.migrations(), target),
        options,
        installed == null
            ? RunningServices.look(config, tools.target())
            : RunningServices.notLooked(),
        waiting);
  }

  private ReleaseManifest findRelease(String version) {
    try {
      return catalog().get(Version.parse(version));
    } catch (LockstepException e) {
      if (e.errorCode() == ErrorCode.RELEASE_UNKNOWN) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Runs {@code work} holding both locks: the state folder's, against a second Lockstep on this
   * folder, then the product database's run lock, against a second Lockstep on the same database
   * from another state folder (which would otherwise start, stop and check the same services).
   */
  private <T> T locked(Supplier<T> work) {
    try (StateLock lock = StateLock.acquire(config.stateDir())) {
      Optional<RunLock> runLock = runLock();
      try {
        if (!Files.exists(config.journalFile())) {
          journal.close();
          journal = Journal.open(config.journalFile());
        }
        return work.get();
      } finally {
        runLock.ifPresent(RunLock::close);
      }
    }
  }

  /**
   * The product database's run lock, or nothing when the server cannot be reached: then no other
   * Lockstep can change the database either, and the gates and steps that need it say so in their
   * own words.
   */
  private Optional<RunLock> runLock() {
    try {
      return Optional.of(
          RunLock.acquire(
              config.database(), RunLock.describeHolder(config.stateDir()), RunLock.DEFAULT_WAIT));
    } catch (LockstepException e) {
      if (e.errorCode() != ErrorCode.DATABASE_UNREACHABLE) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** Waits a bounded time for the notices still on their way, then closes the journal. */
  @Override
  public void close() {
    try {
      notices.close();
    } finally {
      try {
        journal.close();
      } finally {
        if (tools.target() != null) {
          tools.target().close();
        }
      }
    }
  }
}
