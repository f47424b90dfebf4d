package dev.lockstep.cli.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One hostile input and what Lockstep must answer, as {@code case.yaml} in the case's folder says.
 *
 * @param about what is wrong, in words (the test's display name)
 * @param run the command line; {@code @DIR@} is the case's folder (default: plan --to 1.0.0)
 * @param exitCode the exit code expected (2 unless said otherwise)
 * @param file the file the message must name, relative to the case's folder; null when the input is
 *     an argument
 * @param field the field (or option, or line) the message must name
 * @param fix a phrase of the fix the message must give
 * @param says more phrases the message must hold
 * @param remove files of the base deployment this case removes
 * @param links symbolic links to create: link (relative to the case's folder) → target
 * @param grow files to grow (sparse, never read) to the given size in bytes
 * @param environmentBytes environment variables, given as the hex of their raw bytes, decoded as
 *     the JVM decodes the environment
 * @param migrated a release whose migrations are applied to a real database before the run (the
 *     case then needs PostgreSQL); null for none
 */
record BadInputCase(
    String name,
    String about,
    List<String> run,
    Integer exitCode,
    String file,
    String field,
    String fix,
    List<String> says,
    List<String> remove,
    Map<String, String> links,
    Map<String, Long> grow,
    Map<String, String> environmentBytes,
    String migrated) {

  static final String SPEC = "case.yaml";
  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()).build();

  static BadInputCase read(Path folder) {
    try {
      BadInputCase spec = YAML.readValue(folder.resolve(SPEC).toFile(), BadInputCase.class);
      return spec.named(folder.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder.resolve(SPEC), e);
    }
  }

  /** The base deployment itself, which is valid. */
  static BadInputCase base() {
    return new BadInputCase(
            null,
            "the base deployment",
            null,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null)
        .named("_base");
  }

  private BadInputCase named(String folderName) {
    return new BadInputCase(
        folderName,
        about,
        run == null ? List.of("plan", "--to", "1.0.0", "-c", "@DIR@/lockstep.yaml") : run,
        exitCode == null ? 2 : exitCode,
        file,
        field,
        fix,
        says == null ? List.of() : says,
        remove == null ? List.of() : remove,
        links == null ? Map.of() : links,
        grow == null ? Map.of() : grow,
        environmentBytes == null ? Map.of() : environmentBytes,
        migrated);
  }

  boolean needsDatabase() {
    return migrated != null;
  }

  @Override
  public String toString() {
    return name + ": " + about;
  }
}
