package dev.lockstep.engine.gates;

import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Every file artifact is the one the vendor published: its sha256 matches the manifest.
 *
 * <p>The files are hashed here, not by a probe: the gate's whole decision is what the files hold
 * now, so a probe would only move the read (tests give it real files).
 */
public final class ArtifactDigestGate implements Gate {
  private static final String NAME = "artifact digests";

  @Override
  public GateResult check(GateContext context) {
    return of(context.target());
  }

  /** The verdict on {@code release}'s file artifacts (an upgrade path checks every hop's). */
  public static GateResult of(ReleaseManifest release) {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (Component component : release.components().values()) {
      if (component.artifact() instanceof FileArtifact file) {
        checked++;
        if (!Files.isRegularFile(file.path())) {
          mismatches.add(component.name() + ": " + file.path() + " is missing");
          continue;
        }
        String actual = Sha256.of(file.path());
        if (!actual.equals(file.sha256())) {
          mismatches.add(
              "components."
                  + component.name()
                  + ".sha256 says "
                  + file.sha256()
                  + ", but "
                  + file.path()
                  + " has sha256 "
                  + actual);
        }
      }
    }
    if (!mismatches.isEmpty()) {
      return GateResult.invalid(
          NAME,
          String.join("; ", mismatches) + " (" + release.file() + ").",
          "the artifact is not the one published for "
              + release.version()
              + ": download it again from the vendor; never edit the manifest to match.");
    }
    return GateResult.passed(NAME, checked + " file artifacts match their sha256");
  }
}
