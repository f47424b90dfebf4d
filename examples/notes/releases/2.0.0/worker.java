// notes worker 2.0.0: the background worker of "notes", the sample product of `lockstep demo`.
// Every 500 ms it counts the words of new notes (word_count IS NULL) and stores the count.
//
// What changed in 2.0.0: reads notes.content, the column migration V3 renamed from body.
// V3 is a contract migration: the 1.x worker cannot run on the 2.0.0 schema, nor this one on 1.x.
//
// Run (JDK 17, source-file mode, the PostgreSQL JDBC driver is the only library):
//   NOTES_DB_URL=jdbc:postgresql://127.0.0.1:5432/notes NOTES_DB_USER=notes NOTES_DB_PASSWORD=...
//   java -cp postgresql.jar worker.java --port 8082
// Endpoint: GET /.status
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.*;
import java.util.Properties;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicLong;

public class Worker {
  static final String VERSION = "2.0.0";
  static final String DB_URL = System.getenv("NOTES_DB_URL");
  static final String DB_USER = System.getenv("NOTES_DB_USER");
  static final String DB_PASSWORD = System.getenv("NOTES_DB_PASSWORD");
  static final AtomicLong processed = new AtomicLong(); // notes counted since start
  static volatile String lastError = "not polled yet";   // null when the last poll succeeded

  public static void main(String[] args) throws IOException {
    int port = port(args, 8082);
    if (DB_URL == null || DB_URL.isBlank()) {
      System.err.println("NOTES_DB_URL is not set (e.g. jdbc:postgresql://127.0.0.1:5432/notes)");
      System.exit(2);
    }
    poll(); // once before listening, so that /.status tells the truth from the first request
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    poller.scheduleWithFixedDelay(Worker::poll, 500, 500, TimeUnit.MILLISECONDS);
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/.status", Worker::status);
    server.start();
    System.out.println("notes worker " + VERSION + " listening on :" + port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      poller.shutdown(); // lets the batch in flight commit; its connection closes with it
      server.stop(0);
      try {
        poller.awaitTermination(1500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.out.println("notes worker " + VERSION + " stopped");
    }));
  }

  /** One batch in one small transaction. */
  static void poll() {
    try (Connection c = db()) {
      c.setAutoCommit(false);
      int n = 0;
      try (Statement select = c.createStatement();
          ResultSet rs = select.executeQuery("SELECT id, content FROM notes"
              + " WHERE word_count IS NULL ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED");
          PreparedStatement update =
              c.prepareStatement("UPDATE notes SET word_count = ? WHERE id = ?")) {
        for (; rs.next(); n++) {
          update.setInt(1, words(rs.getString("content")));
          update.setLong(2, rs.getLong("id"));
          update.addBatch();
        }
        if (n > 0) update.executeBatch();
      }
      c.commit();
      processed.addAndGet(n);
      if (n > 0) System.out.println("counted the words of " + n + " note(s)");
      lastError = null;
    } catch (Exception e) { // never let an exception end the schedule
      String why = reason(e);
      if (!why.equals(lastError)) System.out.println("poll failed: " + why);
      lastError = why;
    }
  }

  static int words(String text) {
    String t = text == null ? "" : text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  static void status(HttpExchange ex) throws IOException {
    String error = lastError;
    String json = "{\"status\":\"" + (error == null ? "ok" : "error") + "\",\"service\":\"worker\""
        + ",\"version\":\"" + VERSION + "\","
        + (error == null ? "\"processed\":" + processed.get() : "\"error\":" + str(error)) + "}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(error == null ? 200 : 503, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  static Connection db() throws SQLException {
    Properties props = new Properties();
    if (DB_USER != null) props.setProperty("user", DB_USER);
    if (DB_PASSWORD != null) props.setProperty("password", DB_PASSWORD);
    props.setProperty("connectTimeout", "3");
    props.setProperty("socketTimeout", "10");
    props.setProperty("ApplicationName", "notes-worker");
    return DriverManager.getConnection(DB_URL, props);
  }

  /** First line of an error message, never the password, at most 200 characters. */
  static String reason(Exception e) {
    String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("")
        .replaceAll("(?i)password=[^&\\s]*", "password=***");
    if (DB_PASSWORD != null && !DB_PASSWORD.isEmpty()) m = m.replace(DB_PASSWORD, "***");
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  static String str(String s) {
    String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"");
    return "\"" + escaped.replaceAll("[\\x00-\\x1f]", " ") + "\""; // a one-line message
  }

  static int port(String[] args, int fallback) {
    if (args.length == 0) return fallback;
    if (args.length == 2 && args[0].equals("--port") && args[1].matches("[0-9]{1,5}")) {
      return Integer.parseInt(args[1]);
    }
    System.err.println("usage: java -cp postgresql.jar worker.java [--port N]");
    System.exit(2);
    return fallback;
  }
}
