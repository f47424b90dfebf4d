package dev.lockstep.engine.watch;

import dev.lockstep.core.config.SignalConfig;

public final class SignalReaders {
  public static SignalReader of(SignalConfig signal) {
    throw new UnsupportedOperationException();
  }
}
