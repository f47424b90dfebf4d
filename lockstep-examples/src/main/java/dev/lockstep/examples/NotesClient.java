package dev.lockstep.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Talks to the sample product's API the way its users would: over HTTP. */
public final class NotesClient {
  /** A note as the API returns it. */
  public record Note(long id, String title, String body) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public NotesClient(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** Writes a note; returns its id. */
  public long write(String title, String body, String tags) {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("title", title);
    form.put("body", body);
    if (tags != null) {
      form.put("tags", tags);
    }
    String encoded =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    JsonNode response =
        send(
            HttpRequest.newBuilder(base.resolve("/notes"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build(),
            201);
    return response.get("id").asLong();
  }

  public List<Note> list() {
    JsonNode response = send(HttpRequest.newBuilder(base.resolve("/notes")).GET().build(), 200);
    List<Note> notes = new ArrayList<>();
    for (JsonNode note : response.get("notes")) {
      notes.add(
          new Note(note.get("id").asLong(), note.get("title").asText(), note.get("body").asText()));
    }
    return notes;
  }

  private JsonNode send(HttpRequest request, int expectedStatus) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
