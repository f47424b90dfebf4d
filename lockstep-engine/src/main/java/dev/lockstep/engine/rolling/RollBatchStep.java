package dev.lockstep.engine.rolling;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.steps.AbstractStep;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.Toolbox;
import dev.lockstep.journal.Phase;
import dev.lockstep.targets.Concurrently;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Replaces one batch of a service's nodes with a release, the nodes of the batch at once, each the
 * careful way ({@link NodeRoll}). One journaled step per batch: a resumed roll starts again at the
 * batch it was in, and its nodes that already run the release are only put back in rotation.
 */
final class RollBatchStep extends AbstractStep {
  private final Toolbox tools;
  private final NodeBatch batch;
  private final ReleaseManifest release;
  private final boolean forward;

  /**
   * @param forward the upgrade's roll (it records that nodes were touched); false for a revert
   */
  RollBatchStep(Toolbox tools, NodeBatch batch, ReleaseManifest release, boolean forward) {
    super(
        batch.stepName(forward ? "roll" : "revert"),
        (forward ? "Roll " : "Revert ")
            + batch.service()
            + " "
            + String.join(", ", batch.nodes())
            + " to "
            + release.version()
            + " (drain, stop, install, start, ready)");
    this.tools = tools;
    this.batch = batch;
    this.release = release;
    this.forward = forward;
  }

  @Override
  public boolean touchesServices() {
    return true;
  }

  @Override
  public String run(RunFacts facts) {
    if (forward) {
      // Durable before any node leaves rotation: a rollback then knows the services were touched.
      facts.putIfAbsent(RunFacts.NODES_TOUCHED_AT, tools.clock().instant().toString());
    }
    ServiceConfig service = tools.config().services().get(batch.service());
    NodeRoll roll =
        new NodeRoll(
            tools,
            new RollProgress(
                tools.listener(),
                batch.before(),
                batch.total(),
                forward ? Phase.FORWARD : Phase.ROLLBACK,
                name()));
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    List<Runnable> nodes = new ArrayList<>();
    for (String node : batch.nodes()) {
      nodes.add(() -> done.add(roll.replace(service, node, release)));
    }
    Concurrently.run("lockstep-roll", nodes, batch.nodes().size());
    return String.join("; ", done);
  }
}
