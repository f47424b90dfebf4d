package dev.lockstep.targets.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lockstep.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Reads and writes the state file of each service node ({@link ProcessStateFile}). */
final class StateStore {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private final Path dir;

  StateStore(Path dir) {
    this.dir = dir;
  }

  Path file(String service, String node) {
    return dir.resolve(fileSafe(service) + "@" + fileSafe(node) + ".json");
  }

  Optional<ProcessState> read(String service, String node) {
    Path file = file(service, node);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode tree = JSON.readTree(file.toFile());
      int format = tree.path("formatVersion").asInt(0);
      if (format > ProcessStateFile.CURRENT) {
        throw new TargetException(
            service,
            node,
            file
                + " has state format "
                + format
                + ", written by a newer Lockstep; this one reads formats up to "
                + ProcessStateFile.CURRENT
                + ". Fix: run the newer Lockstep that wrote it.");
      }
      return Optional.of(JSON.treeToValue(tree, ProcessStateFile.class).toState());
    } catch (IOException e) {
      throw new TargetException(
          service,
          node,
          "cannot read the state of "
              + service
              + "@"
              + node
              + " from "
              + file
              + ": "
              + e.getMessage()
              + ". Fix: if no process of "
              + service
              + " runs, delete the file and install again.",
          e);
    }
  }

  /** Writes {@code state} atomically: a crash leaves the old file or the new one, never half. */
  void write(ProcessState state) {
    Path file = file(state.service(), state.node());
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      JSON.writeValue(temp.toFile(), ProcessStateFile.of(state));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new TargetException(
          state.service(),
          state.node(),
          "cannot write the state of "
              + state.service()
              + "@"
              + state.node()
              + " to "
              + file
              + ": "
              + e.getMessage()
              + ". Fix: check that "
              + dir
              + " is writable and the disk is not full.",
          e);
    }
  }

  /** Node names are the operator's; keep them from escaping the folder. */
  static String fileSafe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
