package dev.lockstep.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Folders Lockstep ships on its class path byte for byte ({@code examples/notes}, {@code
 * examples/compose}), copied out to where a deployment or a build wants them: from the jar, or from
 * the classes folder of a build.
 */
final class ShippedFiles {
  private ShippedFiles() {}

  /** Copies {@code resource} into {@code target} (created), every file of it. */
  static void copy(String resource, Path target) {
    copy(resource, target, relative -> false);
  }

  /**
   * Copies {@code resource} into {@code target}, leaving out what {@code skip} says (given each
   * path relative to {@code resource}). Synchronized: a jar is opened as a file system once at a
   * time.
   */
  static synchronized void copy(String resource, Path target, Predicate<Path> skip) {
    URL url = ShippedFiles.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException(resource + " is missing from Lockstep's class path");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          copyTree(jar.getPath(resource), target, skip);
        }
      } else {
        copyTree(Path.of(uri), target, skip);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + resource + " to " + target, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes {@code folder} and everything in it; what cannot be deleted is left. */
  static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is not worth failing for.
    }
  }

  private static void copyTree(Path source, Path target, Predicate<Path> skip) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path relative = Path.of(source.relativize(path).toString());
        if (relative.toString().isEmpty()) {
          continue;
        }
        if (skip.test(relative)) {
          continue;
        }
        Path destination = target.resolve(relative);
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.createDirectories(destination.getParent());
          Files.copy(path, destination);
        }
      }
    }
  }
}
