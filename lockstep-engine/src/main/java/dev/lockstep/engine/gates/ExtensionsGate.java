package dev.lockstep.engine.gates;

import dev.lockstep.core.config.ExtensionsConfig;
import dev.lockstep.core.config.GatePolicy;
import dev.lockstep.core.plan.GateResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every installed extension (MCP server, plugin) supports the target release's extension protocol
 * ({@code protocols.extensions} in its manifest): its declared range contains it. One that does not
 * blocks the upgrade, or only warns with {@code extensions.policy: warn}; so does a source that
 * cannot be read. Left out without an {@code extensions} section, and for a first install.
 */
public final class ExtensionsGate implements Gate {
  static final String NAME = "extensions compatible";

  @Override
  public GateResult check(GateContext context) {
    ExtensionsConfig extensions = context.config().extensions();
    if (extensions == null || context.installedVersion() == null) {
      return null;
    }
    if (context.target().protocols().extensions() == null) {
      return GateResult.passed(
          NAME,
          "not checked: "
              + context.target().version()
              + " does not say which extension protocol it offers (protocols.extensions in its"
              + " manifest)");
    }
    ExtensionsReport report = ExtensionsReport.ask(context.config(), context.target());
    if (report.failed()) {
      return PolicyVerdict.of(
          context,
          NAME,
          "extensions",
          extensions.policy(),
          "cannot tell which extensions are installed: " + report.error(),
          "make the source answer (the extensions section), or remove the extensions section to"
              + " upgrade without asking.");
    }
    List<ExtensionsReport.Extension> incompatible = report.incompatible();
    String offers = report.release() + " offers extension protocol " + report.protocol();
    if (incompatible.isEmpty()) {
      int count = report.extensions().size();
      return GateResult.passed(
          NAME,
          (count == 0
                  ? "no extension installed"
                  : count + (count == 1 ? " extension supports it" : " extensions support it"))
              + " ("
              + offers
              + ")");
    }
    return PolicyVerdict.of(
        context,
        NAME,
        "extensions",
        extensions.policy(),
        incompatible.size()
            + (incompatible.size() == 1 ? " extension does" : " extensions do")
            + " not support it: "
            + names(incompatible)
            + " ("
            + offers
            + ")",
        "update or remove those extensions first (`lockstep extensions --to "
            + report.release()
            + "` lists them)"
            + (extensions.policy() == GatePolicy.BLOCK
                ? "; extensions.policy: warn lets the upgrade go on anyway."
                : "."));
  }

  /** "search-mcp (>=2 <3), legacy-plugin (1.x)". */
  private static String names(List<ExtensionsReport.Extension> extensions) {
    return extensions.stream()
        .map(e -> e.name() + " (" + (e.note() != null ? e.note() : e.protocols()) + ")")
        .collect(Collectors.joining(", "));
  }
}
