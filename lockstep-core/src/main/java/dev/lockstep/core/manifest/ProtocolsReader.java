package dev.lockstep.core.manifest;

import dev.lockstep.core.yaml.ProblemCollector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a manifest's {@code protocols}: client protocol versions, each named once, and an
 * extension protocol that version ranges can be matched against.
 */
final class ProtocolsReader {
  private final ProblemCollector problems;

  ProtocolsReader(ProblemCollector problems) {
    this.problems = problems;
  }

  Protocols read(ManifestDocument.ProtocolsDocument doc) {
    if (doc == null) {
      return Protocols.NONE;
    }
    List<String> clients = new ArrayList<>();
    List<String> listed = doc.clients() == null ? List.of() : doc.clients();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < listed.size(); i++) {
      String field = "protocols.clients[" + i + "]";
      String version = listed.get(i);
      if (version == null || version.isBlank()) {
        problems.add(
            field,
            "is empty.",
            "name a client protocol version this release serves, e.g. clients: [\"2\", \"3\"].");
      } else if (!seen.add(version.strip())) {
        problems.add(field, "names '" + version + "' twice.", "list each protocol version once.");
      } else {
        clients.add(version.strip());
      }
    }
    if (doc.clients() != null && listed.isEmpty()) {
      problems.add(
          "protocols.clients",
          "is empty: this release would serve no client at all.",
          "list the client protocol versions it serves, e.g. clients: [\"2\", \"3\"], or remove"
              + " the field.");
    }
    String extensions = doc.extensions();
    if (extensions != null && VersionRange.versionIn(extensions).isEmpty()) {
      problems.add(
          "protocols.extensions",
          "'" + extensions + "' is not a version.",
          "give the extension protocol version this release offers, e.g. extensions: \"3\" or"
              + " \"2.1\".");
      extensions = null;
    }
    return new Protocols(clients, extensions == null ? null : extensions.strip());
  }
}
