package dev.lockstep.engine;

import dev.lockstep.core.config.SignalConfig;
import dev.lockstep.core.config.WatchConfig;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.watch.BaselineSampler;
import dev.lockstep.engine.watch.WatchListener;
import java.util.stream.Collectors;

/**
 * Tells the operator, through the run's listener, what the baseline sampling before an upgrade
 * does.
 */
final class BaselineNarrator implements WatchListener {
  private final RunListener listener;
  private final WatchConfig watch;

  BaselineNarrator(RunListener listener, WatchConfig watch) {
    this.listener = listener;
    this.watch = watch;
  }

  @Override
  public void baselineProgress(int done, int total) {
    if (done == 1) {
      listener.notice(
          "Baseline: sampling "
              + BaselineSampler.sampled(watch).stream()
                  .map(SignalConfig::name)
                  .collect(Collectors.joining(", "))
              + " every "
              + Durations.format(watch.interval())
              + " for "
              + Durations.format(watch.baseline())
              + " before anything is touched (watch.baseline).");
    }
    listener.nodeProgress("baseline", "signals", "sampling", done, total);
  }

  @Override
  public void readFailed(String signal, String reason) {
    listener.notice("Baseline: " + signal + " could not be read: " + reason);
  }
}
