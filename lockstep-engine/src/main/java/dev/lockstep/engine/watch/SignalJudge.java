package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalConfig;
import java.util.List;

public final class SignalJudge {
  public Judgement judge(SignalConfig signal, List<Sample> baseline, List<Sample> watched) {
    throw new UnsupportedOperationException();
  }
}
