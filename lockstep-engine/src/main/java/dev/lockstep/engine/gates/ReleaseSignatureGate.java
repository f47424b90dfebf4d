package dev.lockstep.engine.gates;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.signing.TrustedKeys;
import dev.lockstep.core.signing.TrustedKeys.TrustedKey;
import java.util.ArrayList;
import java.util.List;

/**
 * When the config trusts signing keys, the releases the upgrade installs and falls back to are
 * signed by one of them. The catalog already refused to read an unsigned manifest; this gate says
 * so in the plan, and checks again in case a file changed since it was read.
 */
public final class ReleaseSignatureGate implements Gate {
  private static final String NAME = "release signatures";

  @Override
  public GateResult check(GateContext context) {
    TrustedKeys keys = context.config().trustedKeys();
    if (!keys.required()) {
      return null;
    }
    List<String> signed = new ArrayList<>();
    for (ReleaseManifest release : releases(context)) {
      try {
        TrustedKey key = keys.verify(release.file());
        signed.add(
            release.version() + " by " + key.keyId() + " (" + key.file().getFileName() + ")");
      } catch (BadInputException e) {
        Problem problem = e.problems().get(0);
        return GateResult.invalid(
            NAME,
            problem.file() + ": " + problem.field() + ": " + problem.message(),
            problem.fix());
      }
    }
    return GateResult.passed(NAME, "signed by trusted keys: " + String.join("; ", signed));
  }

  private static List<ReleaseManifest> releases(GateContext context) {
    List<ReleaseManifest> releases = new ArrayList<>();
    releases.add(context.target());
    if (context.previous() != null) {
      releases.add(context.previous());
    }
    return releases;
  }
}
