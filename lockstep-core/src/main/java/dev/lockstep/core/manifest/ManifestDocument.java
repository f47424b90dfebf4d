package dev.lockstep.core.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;

/** A release manifest exactly as the vendor wrote it, before checks. */
record ManifestDocument(
    String product,
    String version,
    LinkedHashMap<String, ComponentDocument> components,
    Migrations migrations,
    String notes) {

  record ComponentDocument(
      String file, String sha256, String image, @JsonProperty("package") String packageName) {}

  record Migrations(
      String runner, String location, History history, List<Script> scripts, String schema) {}

  record History(String format, String table) {}

  record Script(String file, String id, @JsonProperty("class") String type) {}
}
