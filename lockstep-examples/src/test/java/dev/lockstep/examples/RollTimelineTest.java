package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.examples.LoadResult.Sent;
import dev.lockstep.examples.RollTimeline.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollTimelineTest {
  @Test
  void windows_putEachRequestInWhatTheRollWasDoingWhenItWasSent() {
    RollTimeline timeline = new RollTimeline();
    timeline.phase("web-1", "draining", 100);
    timeline.phase("web-1", "stopping", 110);
    timeline.phase("web-1", "installing 1.1.0", 200);
    timeline.phase("web-1", "waiting until ready", 250);
    timeline.phase("web-1", "back in rotation", 300);
    timeline.phase("web-1", "done", 310);
    timeline.phase(Fleet.WORKER_NODE, "stopping", 400);
    timeline.phase(Fleet.WORKER_NODE, "done", 500);

    List<Window> windows =
        timeline.windows(
            List.of(
                new Sent(50, 300_000),
                new Sent(105, 1_000),
                new Sent(260, 150_000),
                new Sent(305, 2_000),
                new Sent(450, 3_000),
                new Sent(600, 120_000)),
            100);

    assertThat(windows)
        .containsExactly(
            new Window(RollTimeline.BEFORE, 1, 1, 300),
            new Window(RollTimeline.STOPPING, 1, 0, 1),
            new Window(RollTimeline.STARTING, 1, 1, 150),
            new Window(RollTimeline.BACK, 1, 0, 2),
            new Window(RollTimeline.WORKER, 1, 0, 3),
            new Window(RollTimeline.AFTER, 1, 1, 120));
  }

  @Test
  void beforeFirstNode_putsEachEarlierRequestInTheStepTheRunWasIn() {
    RollTimeline timeline = new RollTimeline();
    timeline.step("Back up", 100);
    timeline.step("Verify the backup", 200);
    timeline.step("Apply migrations", 300);
    timeline.phase("web-1", "draining", 400);
    timeline.step("Validate", 900);

    List<Window> windows =
        timeline.beforeFirstNode(
            List.of(
                new Sent(50, 1_000),
                new Sent(150, 150_000),
                new Sent(160, 2_000),
                new Sent(250, 3_000),
                new Sent(350, 300_000),
                new Sent(450, 400_000),
                new Sent(950, 500_000)),
            100);

    assertThat(windows)
        .containsExactly(
            new Window("before the run's first step: planning and gates", 1, 0, 1),
            new Window("Back up", 2, 1, 150),
            new Window("Verify the backup", 1, 0, 3),
            new Window("Apply migrations", 1, 1, 300));
  }
}
