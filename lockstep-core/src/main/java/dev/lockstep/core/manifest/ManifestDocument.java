package dev.lockstep.core.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;

/** A release manifest exactly as the vendor wrote it, before checks. */
record ManifestDocument(
    String product,
    String version,
    LinkedHashMap<String, ComponentDocument> components,
    Migrations migrations,
    String notes,
    List<String> compatibleWith,
    Boolean requiredStop,
    String minimumFrom,
    Requires requires,
    ProtocolsDocument protocols) {

  record ProtocolsDocument(List<String> clients, String extensions) {}

  record Requires(String postgres, List<RuntimeRequirement> runtimes) {}

  record RuntimeRequirement(String name, String command, String range) {}

  record ComponentDocument(
      String file, String sha256, String image, @JsonProperty("package") String packageName) {}

  /**
   * @param baseline an id ({@code baseline: 20240101_init}) or the previous release's manifest
   *     ({@code baseline: {manifest: previous/lockstep-release.yaml}})
   */
  record Migrations(
      String runner,
      String location,
      History history,
      List<Script> scripts,
      String schema,
      JsonNode baseline) {}

  record History(String format, String table) {}

  record Script(String file, String id, @JsonProperty("class") String type, Boolean afterRollout) {}
}
