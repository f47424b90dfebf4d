package dev.lockstep.core.process;

import java.nio.file.Path;
import java.util.Optional;

/** Where a program is on this machine, if it is there. */
@FunctionalInterface
public interface ProgramFinder {
  Optional<Path> find(String program);
}
