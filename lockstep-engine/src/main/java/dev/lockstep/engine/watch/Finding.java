package dev.lockstep.engine.watch;

import java.util.Map;

/** What one kind's test found: the parts of a {@link Judgement} that depend on the kind. */
record Finding(SignalVerdict verdict, String reason, Map<String, Double> numbers) {}
