package dev.lockstep.targets.command;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.Placeholders;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.process.ShellQuote;
import dev.lockstep.targets.ReleaseComponents;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fills in a service's command templates (and, through {@link #fill}, a load balancer's); touches
 * nothing, so plans can show the result.
 */
public final class CommandRenderer {
  private static final Pattern RELEASE_PLACEHOLDER = Pattern.compile("\\{(version|artifact)}");

  private final String shell;

  CommandRenderer(String shell) {
    this.shell = shell;
  }

  /**
   * @param release the release to install or start; may be null for {@link Action#STOP} and {@link
   *     Action#VERSION}, whose templates then must not use {@code {version}} or {@code {artifact}}
   */
  RenderedCommand render(
      ServiceConfig service, Action action, ReleaseManifest release, String node) {
    return render(service, action, release, node, null);
  }

  /**
   * @param artifact what {@code {artifact}} names instead of the release's own reference (a copy of
   *     its file on the node's host); null for the release's own
   */
  RenderedCommand render(
      ServiceConfig service, Action action, ReleaseManifest release, String node, String artifact) {
    String template = action.template(service);
    if (template == null || template.isBlank()) {
      throw new LockstepException(
          ErrorCode.CONFIG_INVALID,
          "service '"
              + service.name()
              + "' has no "
              + action.key()
              + " command. Fix: set services."
              + service.name()
              + "."
              + action.key()
              + ".");
    }
    Map<String, String> values = new HashMap<>();
    values.put("node", node);
    values.put("service", service.name());
    values.put("component", service.component());
    if (release != null) {
      Component component = ReleaseComponents.require(service, release);
      values.put("version", release.version().toString());
      values.put(
          "artifact",
          artifact != null ? artifact : component.artifact().reference(release.version()));
    } else if (RELEASE_PLACEHOLDER.matcher(template).find()) {
      throw new LockstepException(
          ErrorCode.CONFIG_INVALID,
          "services."
              + service.name()
              + "."
              + action.key()
              + " uses {version} or {artifact}, but "
              + action.key()
              + " runs without a release: `"
              + template
              + "`. Fix: remove the"
              + " placeholder; "
              + action.key()
              + " must work whatever release is installed.");
    }
    return new RenderedCommand(service.name(), node, action, shell, fill(template, values));
  }

  /** {@code template} with each placeholder of {@code values} filled in, quoted for the shell. */
  public static String fill(String template, Map<String, String> values) {
    Map<String, String> quoted = new HashMap<>(values);
    quoted.replaceAll((name, value) -> ShellQuote.ifNeeded(value));
    return Placeholders.render(template, quoted);
  }
}
