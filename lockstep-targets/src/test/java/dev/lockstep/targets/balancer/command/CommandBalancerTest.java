package dev.lockstep.targets.balancer.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.core.config.BalancerConfig.BalancerNode;
import dev.lockstep.core.config.BalancerConfig.BalancerType;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.targets.balancer.BalancerException;
import dev.lockstep.targets.balancer.DrainResult;
import dev.lockstep.targets.balancer.LoadBalancer;
import dev.lockstep.targets.balancer.ServerState;
import dev.lockstep.targets.command.ShellRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command balancer running real shell commands that keep their balancer in files. */
class CommandBalancerTest {
  @TempDir Path dir;

  @Test
  void drainMaintReady_runTheirCommandsWithTheNodesValuesQuoted() throws IOException {
    LoadBalancer balancer = balancer("cat state-{node}", Duration.ofSeconds(10));

    balancer.drain("web1");
    balancer.maint("web1");
    balancer.ready("web2");

    assertThat(Files.readAllLines(dir.resolve("calls.log")))
        .containsExactly(
            "drain app-1 at 10.0.0.1:8081", "maint app-1", "ready web2 at $(touch pwned):8082");
    assertThat(dir.resolve("pwned")).doesNotExist();
  }

  @Test
  void inFlightAndState_readTheFirstLineTheCommandsPrint() throws IOException {
    Files.writeString(dir.resolve("count-web1"), "3\nrequests\n");
    Files.writeString(dir.resolve("state-web1"), "DRAIN since 12:00\n");
    LoadBalancer balancer = balancer("cat state-{node}", Duration.ofSeconds(10));

    assertThat(balancer.inFlight("web1")).isEqualTo(3);
    assertThat(balancer.state("web1")).contains(new ServerState("web1", "app-1", "DRAIN", "", ""));
    assertThat(balancer(null, Duration.ofSeconds(10)).state("web1")).isEmpty();
  }

  @Test
  void awaitDrained_endsWhenTheCountReachesZero() throws Exception {
    // A balancer whose in-flight work finishes one request per look: 2, 1, 0.
    Files.writeString(dir.resolve("count-web1"), "2\n");
    LoadBalancer balancer =
        balancer(
            null,
            Duration.ofSeconds(10),
            "n=$(cat count-{node}); echo $n; if [ $n -gt 0 ]; then echo $((n - 1)) >"
                + " count-{node}; fi");

    DrainResult result = balancer.awaitDrained("web1", Duration.ofSeconds(5));

    assertThat(result.drained()).as(result.describe()).isTrue();
    assertThat(result.lastInFlight()).isZero();
    assertThat(result.polls()).isEqualTo(3);
    assertThat(result.took()).isGreaterThanOrEqualTo(LoadBalancer.POLL_INTERVAL.multipliedBy(2));
  }

  @Test
  void awaitDrained_countThatStays_endsAtTheDeadlineWithTheLastCount() throws Exception {
    Files.writeString(dir.resolve("count-web1"), "5\n");

    DrainResult result =
        balancer(null, Duration.ofSeconds(10)).awaitDrained("web1", Duration.ofMillis(300));

    assertThat(result.drained()).isFalse();
    assertThat(result.lastInFlight()).isEqualTo(5);
    assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(result.describe()).startsWith("web1 still had 5 in flight after ");
  }

  @Test
  void inFlight_outputThatIsNotACount_showsItAndTheCommand() throws IOException {
    Files.writeString(dir.resolve("count-web1"), "sessions: 3\n");

    assertThatThrownBy(() -> balancer(null, Duration.ofSeconds(10)).inFlight("web1"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining("balancer.command.inFlight for node web1 printed 'sessions: 3'")
        .hasMessageContaining("Fix: make `cat count-web1` print the number");
  }

  @Test
  void inFlight_failingCommand_saysHowItEndedAndWhatItPrinted() {
    assertThatThrownBy(() -> balancer(null, Duration.ofSeconds(10)).inFlight("web9"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining("balancer.command.inFlight for node web9 failed")
        .hasMessageContaining("exited with 1")
        .hasMessageContaining("count-web9: No such file or directory")
        .hasMessageContaining("Fix: run `cat count-web9` by hand")
        .extracting(e -> ((BalancerException) e).node())
        .isEqualTo("web9");
  }

  @Test
  void state_commandPastItsTimeout_isStoppedAndSaysSo() {
    assertThatThrownBy(() -> balancer("sleep 5", Duration.ofMillis(500)).state("web1"))
        .isInstanceOf(BalancerException.class)
        .hasMessageContaining("did not finish by its deadline")
        .hasMessageContaining("within balancer.command.timeout");
  }

  private LoadBalancer balancer(String state, Duration timeout) {
    return balancer(state, timeout, "cat count-{node}");
  }

  private LoadBalancer balancer(String state, Duration timeout, String inFlight) {
    BalancerConfig config =
        new BalancerConfig(
            BalancerType.COMMAND,
            Duration.ofSeconds(30),
            Map.of(
                "web1", new BalancerNode("web1", "app-1", "10.0.0.1", 8081),
                "web2", new BalancerNode("web2", "web2", "$(touch pwned)", 8082)),
            null,
            null,
            new BalancerConfig.Command(
                "echo drain {server} at {host}:{port} >> calls.log",
                "echo ready {server} at {host}:{port} >> calls.log",
                "echo maint {server} >> calls.log",
                inFlight,
                state,
                timeout));
    return new CommandBalancer(
        config, new ShellRunner("/bin/sh", dir, null, ProcessRunner.standalone(), null));
  }
}
