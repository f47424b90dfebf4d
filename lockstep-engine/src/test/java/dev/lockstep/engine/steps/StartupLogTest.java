package dev.lockstep.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.yaml.Variables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupLogTest {
  @TempDir Path dir;

  @Test
  void since_commandTarget_readsTheLogCommandFromWhereItStoodAtTheMark() throws Exception {
    Path journal = dir.resolve("server-a.log");
    Files.writeString(journal, "old start\nmigrations: failed: long ago\nserver ready\n");
    StartupLog log = commandTargetLog("tail -n 3 server-{node}.log");
    Map<String, String> marks = log.mark();

    Files.writeString(
        journal,
        "migrations: applying 20260315_add_foo_index\nmigrations: 1 applied, 0 failed\n",
        StandardOpenOption.APPEND);

    assertThat(log.since(marks))
        .containsExactly(
            Map.entry(
                "a",
                List.of(
                    "migrations: applying 20260315_add_foo_index",
                    "migrations: 1 applied, 0 failed")));
    assertThat(log.where("a")).isEqualTo("the output of `tail -n 3 server-a.log`");
  }

  private StartupLog commandTargetLog(String logCommand) throws Exception {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(
        file,
        """
        environment: test
        database: {name: app, user: app, password: {env: APP_DB_PASSWORD}}
        target: {type: command}
        migrations:
          startup:
            service: server
            success: 'migrations: \\d+ applied, 0 failed'
            failure: 'migrations: failed'
            log: "%s"
        services:
          server:
            nodes: [a]
            stop: "true"
            install: "true"
            start: "true"
        """
            .formatted(logCommand));
    DeploymentConfig config =
        new ConfigLoader(Variables.of(Map.of("APP_DB_PASSWORD", "secret"))).load(file);
    ReleaseManifest release =
        new ReleaseManifest(
            dir.resolve("release.yaml"),
            "app",
            Version.parse("1.0.0"),
            Map.of(),
            null,
            List.of(),
            null);
    return new StartupLog(config, config.services().get("server"), release);
  }

  @Test
  void after_markFoundInLaterOutput_returnsOnlyWhatCameAfterIt() {
    List<String> later =
        List.of(
            "10:00 migrations: 0 applied, 0 failed",
            "10:00 server ready",
            "10:05 stopping",
            "10:06 migrations: applying 20260315_add_foo_index",
            "10:06 migrations: failed");

    List<String> since = StartupLog.after(later, "10:00 server ready\n10:05 stopping");

    assertThat(since)
        .containsExactly(
            "10:06 migrations: applying 20260315_add_foo_index", "10:06 migrations: failed");
  }

  @Test
  void after_markRepeatedInTheNewOutput_readsFromItsFirstPlace() {
    List<String> later = List.of("server ready", "migrations: 1 applied, 0 failed", "server ready");

    assertThat(StartupLog.after(later, "server ready"))
        .containsExactly("migrations: 1 applied, 0 failed", "server ready");
  }

  @Test
  void after_windowThatMovedOn_skipsWhatIsLeftOfTheMark() {
    List<String> later = List.of("b", "c", "migrations: 1 applied, 0 failed");

    assertThat(StartupLog.after(later, "a\nb\nc"))
        .containsExactly("migrations: 1 applied, 0 failed");
  }

  @Test
  void after_markGoneFromTheOutput_returnsAllOfIt() {
    List<String> later = List.of("migrations: 2 applied, 0 failed");

    assertThat(StartupLog.after(later, "rotated away")).isEqualTo(later);
    assertThat(StartupLog.after(later, "")).isEqualTo(later);
  }
}
