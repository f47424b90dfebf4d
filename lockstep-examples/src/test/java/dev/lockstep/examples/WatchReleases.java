package dev.lockstep.examples;

import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The notes sample's catalog made watchable, for the watch's story: every api publishes the memory
 * it holds on {@code /metrics} (a Prometheus gauge, {@value #METRIC}), and a release can be made to
 * leak, holding on to a little more every tenth of a second and never letting go.
 */
public final class WatchReleases {
  public static final String METRIC = "notes_memory_retained_bytes";

  /** The api's catch-all route, before which {@code /metrics} is added. */
  private static final String ROUTES =
      "    server.createContext(\"/\", ex -> handle(ex, e -> reply(e, 404, error(\"not found\"))));\n";

  private WatchReleases() {}

  /**
   * Gives {@code version}'s api in {@code releases} the memory gauge, flat or leaking, and pins its
   * new sha256 in the release's manifest.
   */
  public static void meter(Path releases, String version, boolean leaks) throws IOException {
    Path release = releases.resolve(version);
    Path api = release.resolve("api.java");
    String before = Sha256.of(api);
    String source = Files.readString(api);
    if (!source.contains(ROUTES) || !source.stripTrailing().endsWith("}")) {
      throw new IllegalStateException(version + "'s api no longer declares " + ROUTES.strip());
    }
    String metered =
        source.replace(
            ROUTES,
            "    Memory.start("
                + leaks
                + ");\n"
                + "    server.createContext(\"/metrics\", Memory::page);\n"
                + ROUTES);
    int end = metered.stripTrailing().lastIndexOf('}');
    Files.writeString(api, metered.substring(0, end) + MEMORY + "}\n");
    Path manifest = release.resolve("release.yaml");
    Files.writeString(manifest, Files.readString(manifest).replace(before, Sha256.of(api)));
  }

  /**
   * Writes release {@code version}: {@code from}'s migrations and worker, and its api under the new
   * version (meter it afterwards).
   */
  public static void copy(Path releases, String from, String version) throws IOException {
    Path source = releases.resolve(from);
    Path target = Files.createDirectories(releases.resolve(version));
    Path migrations = Files.createDirectories(target.resolve("migrations"));
    try (var scripts = Files.list(source.resolve("migrations"))) {
      for (Path script : scripts.toList()) {
        Files.copy(script, migrations.resolve(script.getFileName()));
      }
    }
    for (String component : new String[] {"api.java", "worker.java"}) {
      Files.writeString(
          target.resolve(component),
          ReleaseSources.reversioned(Files.readString(source.resolve(component)), from, version));
    }
    String manifest =
        Files.readString(source.resolve("release.yaml"))
            .replace("version: " + from, "version: " + version)
            .replace(Sha256.of(source.resolve("api.java")), Sha256.of(target.resolve("api.java")))
            .replace(
                Sha256.of(source.resolve("worker.java")), Sha256.of(target.resolve("worker.java")));
    Files.writeString(target.resolve("release.yaml"), manifest);
  }

  /**
   * What a metered api holds: a cache of 8 MiB filled at start; a leaking one also keeps 16 KiB
   * more every 100 ms (about 10 MB a minute), as a cache that is never trimmed would.
   */
  private static final String MEMORY =
      """

        // ---- memory, added by the watch's story test -------------------------------------------

        static final class Memory {
          static final List<byte[]> HELD = new ArrayList<>();
          static long bytes;

          static void start(boolean leaks) {
            hold(8 << 20);
            if (!leaks) return;
            Thread leak = new Thread(() -> {
              while (true) {
                hold(16 << 10);
                try { Thread.sleep(100); } catch (InterruptedException e) { return; }
              }
            }, "leak");
            leak.setDaemon(true);
            leak.start();
          }

          static synchronized void hold(int size) {
            HELD.add(new byte[size]);
            bytes += size;
          }

          static synchronized long bytes() { return bytes; }

          /** GET /metrics: the Prometheus text format. */
          static void page(HttpExchange ex) throws IOException {
            String name = "METRIC";
            byte[] page = ("# HELP " + name + " Bytes the api holds on to.\\n# TYPE " + name
                + " gauge\\n" + name + " " + bytes() + "\\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
          }
        }
      """
          .replace("METRIC", METRIC);
}
