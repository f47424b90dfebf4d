package dev.lockstep.core.manifest;

import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Artifact.ImageArtifact;
import dev.lockstep.core.manifest.Artifact.PackageArtifact;
import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads one component's artifact and refuses anything that is not immutable. */
final class ArtifactReader {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern PINNED_IMAGE = Pattern.compile("[^@\\s]+@sha256:[0-9a-f]{64}");

  /**
   * {@code name:tag}, where the name may carry a registry with a port ({@code host:5000/api:1.2}):
   * the tag is what follows the last colon after the last slash.
   */
  private static final Pattern TAGGED_IMAGE =
      Pattern.compile("(?:[^@\\s]+/)?[^@\\s/:]+:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");

  private ArtifactReader() {}

  static Artifact read(
      String field,
      ManifestDocument.ComponentDocument doc,
      ConfinedFolder release,
      ProblemCollector problems) {
    long kinds =
        Stream.of(
                doc == null ? null : doc.file(),
                doc == null ? null : doc.image(),
                doc == null ? null : doc.packageName())
            .filter(value -> value != null)
            .count();
    if (doc == null || kinds != 1) {
      problems.add(
          field,
          "needs exactly one artifact: file (with sha256), image (pinned by digest) or package.",
          "write e.g. file: api.jar with sha256: <64 hex digits>.");
      return null;
    }
    if (doc.file() != null) {
      String sha = doc.sha256() == null ? null : doc.sha256().toLowerCase(Locale.ROOT);
      if (sha == null || !SHA256.matcher(sha).matches()) {
        problems.add(
            field + ".sha256",
            sha == null ? "is required for a file artifact." : "'" + sha + "' is not a sha256.",
            "write the file's 64-digit sha256 (sha256sum " + doc.file() + ").");
      }
      Path path = release.resolve(field + ".file", doc.file(), problems);
      if (path == null) {
        return null;
      }
      if (!Files.isRegularFile(path)) {
        problems.add(field + ".file", path + " does not exist.", "ship the file with the release.");
      }
      return new FileArtifact(path, sha);
    }
    if (doc.sha256() != null) {
      problems.add(field + ".sha256", "only applies to file artifacts.", "remove it.");
    }
    if (doc.image() != null) {
      checkImage(doc.image(), field + ".image", problems);
      return new ImageArtifact(doc.image());
    }
    if (doc.packageName().contains("@") && doc.packageName().lastIndexOf('@') > 0) {
      problems.add(
          field + ".package",
          "'" + doc.packageName() + "' carries a version; the release's version is used.",
          "write the package name only, e.g. @codebolt/server.");
    }
    return new PackageArtifact(doc.packageName());
  }

  /**
   * A digest, or a tag the vendor never moves ({@code 1.4.2}, not {@code latest}): a compose
   * deployment pins tags in its env file, and Lockstep compares the image id each one resolves to.
   */
  private static void checkImage(String image, String field, ProblemCollector problems) {
    if (PINNED_IMAGE.matcher(image).matches()) {
      return;
    }
    Matcher tagged = TAGGED_IMAGE.matcher(image);
    if (!tagged.matches()) {
      problems.add(
          field,
          "'" + image + "' is pinned neither by digest nor by tag.",
          "write the image as name@sha256:<digest> or name:<release tag>, e.g. acme/api:1.4.2.");
    } else if (tagged.group(1).equals("latest")) {
      problems.add(
          field,
          "'" + image + "' uses the tag latest, which moves with every release.",
          "write the release's own tag, e.g. acme/api:1.4.2, or name@sha256:<digest>.");
    }
  }
}
