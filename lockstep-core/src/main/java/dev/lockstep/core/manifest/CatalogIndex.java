package dev.lockstep.core.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.FileFormat;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code index.json} of a release catalog served over HTTPS: every release, and every file of each
 * with its sha256, so that Lockstep can fetch a release whole and know each file arrived as
 * published. {@code lockstep release index FOLDER} writes it for a catalog folder.
 *
 * @param releases version → (path in the release folder, {@code /} between names → sha256)
 */
public record CatalogIndex(
    @JsonProperty(FileFormat.FIELD) int formatVersion, Map<String, Map<String, String>> releases) {
  public static final String FILE = "index.json";
  public static final FileFormat FORMAT =
      new FileFormat("release catalog index", 1, ErrorCode.MANIFEST_INVALID);

  public CatalogIndex {
    releases = releases == null ? Map.of() : new TreeMap<>(releases);
  }

  /** The index of the catalog folder {@code dir}: each release folder with a manifest, whole. */
  public static CatalogIndex of(Path dir) {
    Map<String, Map<String, String>> releases = new TreeMap<>();
    for (Version version : new ReleaseCatalog(dir).versions()) {
      Path folder = dir.resolve(version.toString());
      Map<String, String> files = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(Files::isRegularFile)
            .forEach(
                file ->
                    files.put(
                        folder.relativize(file).toString().replace('\\', '/'), Sha256.of(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the files of " + folder, e);
      }
      releases.put(version.toString(), files);
    }
    return new CatalogIndex(FORMAT.current(), releases);
  }

  /**
   * Checks that every name is a release version and every path stays inside its release folder, so
   * that a hostile index cannot make Lockstep write elsewhere.
   *
   * @param source where the index came from, for the message
   */
  public CatalogIndex checked(Path source) {
    for (Map.Entry<String, Map<String, String>> release : releases.entrySet()) {
      Version.parse(release.getKey());
      Path folder = Path.of("release");
      for (Map.Entry<String, String> file : release.getValue().entrySet()) {
        Path path = folder.resolve(file.getKey()).normalize();
        if (file.getKey().isEmpty()
            || file.getKey().startsWith("/")
            || !path.startsWith(folder)
            || path.equals(folder)
            || file.getValue() == null
            || !file.getValue().matches("[0-9a-f]{64}")) {
          throw new BadInputException(
              ErrorCode.MANIFEST_INVALID,
              new Problem(
                  source,
                  "releases." + release.getKey(),
                  "names the file '"
                      + file.getKey()
                      + "' with sha256 '"
                      + file.getValue()
                      + "': each file must be a path inside the release folder with a 64-digit"
                      + " hex sha256.",
                  "write the index again with `lockstep release index FOLDER`."));
        }
      }
      if (!release.getValue().containsKey(ReleaseCatalog.MANIFEST_FILE)) {
        throw new BadInputException(
            ErrorCode.MANIFEST_INVALID,
            new Problem(
                source,
                "releases." + release.getKey(),
                "lists no " + ReleaseCatalog.MANIFEST_FILE + ".",
                "write the index again with `lockstep release index FOLDER`."));
      }
    }
    return this;
  }
}
