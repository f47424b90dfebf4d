package dev.lockstep.engine.gates;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.manifest.VersionRange;
import java.util.List;
import java.util.Optional;

/**
 * Which installed extensions support a release's extension protocol ({@code lockstep extensions
 * --to V}, and the extensions gate).
 *
 * @param release the release asked about
 * @param protocol the extension protocol it offers; null when its manifest does not say
 * @param extensions every installed extension, in the order the source listed them
 * @param error why the extensions could not be listed or judged; null when they were
 */
public record ExtensionsReport(
    String release, String protocol, List<Extension> extensions, String error) {

  public ExtensionsReport {
    extensions = List.copyOf(extensions);
  }

  /**
   * One installed extension.
   *
   * @param protocols the range it supports, as it wrote it, e.g. {@code >=2 <4}
   * @param compatible whether the release's protocol is in that range
   * @param note why it is judged incompatible without a range to match; null otherwise
   */
  public record Extension(String name, String protocols, boolean compatible, String note) {}

  /** Asks {@code config}'s extensions source, and judges what it lists against {@code target}. */
  public static ExtensionsReport ask(DeploymentConfig config, ReleaseManifest target) {
    return of(target, new ExtensionsProbe(config).read());
  }

  static ExtensionsReport of(ReleaseManifest target, ExtensionsProbe.Reading reading) {
    String release = target.version().toString();
    String protocol = target.protocols().extensions();
    if (reading.failed()) {
      return new ExtensionsReport(release, protocol, List.of(), reading.error());
    }
    if (protocol == null) {
      return new ExtensionsReport(
          release,
          null,
          List.of(),
          release
              + " does not say which extension protocol it offers (protocols.extensions in"
              + " its manifest)");
    }
    List<Extension> extensions =
        reading.installed().stream().map(installed -> judge(installed, protocol)).toList();
    return new ExtensionsReport(release, protocol, extensions, null);
  }

  private static Extension judge(ExtensionsProbe.Installed installed, String protocol) {
    Optional<VersionRange> range = parse(installed.protocols());
    if (range.isEmpty()) {
      return new Extension(
          installed.name(),
          installed.protocols(),
          false,
          "'" + installed.protocols() + "' is not a version range");
    }
    return new Extension(
        installed.name(), installed.protocols(), range.get().contains(protocol), null);
  }

  private static Optional<VersionRange> parse(String text) {
    try {
      return VersionRange.parse(text);
    } catch (RuntimeException e) {
      // semver4j refuses some malformed ranges by throwing rather than answering none.
      return Optional.empty();
    }
  }

  public boolean failed() {
    return error != null;
  }

  public List<Extension> incompatible() {
    return extensions.stream().filter(extension -> !extension.compatible()).toList();
  }

  /** Every extension supports the release, and the report could be made. */
  public boolean allCompatible() {
    return !failed() && incompatible().isEmpty();
  }
}
