package dev.lockstep.engine.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

public interface SignalReader {
  OptionalDouble read();

  List<Sample> history(Instant from, Instant to, Duration step);
}
