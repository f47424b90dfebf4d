// notes api 2.0.0: the HTTP front end of "notes", the sample product of `lockstep demo`.
//
// What changed in 2.0.0: BREAKING schema change. Migration V3 renames notes.body to
// notes.content (a contract migration: 1.x cannot run on it, and 2.0.0 cannot run without it).
// The JSON field keeps its name "body" for API clients. Tags now come back sorted.
//
// Known defect, on purpose (it is what `lockstep demo` catches): note() sorts the tags without
// checking for NULL, so GET /notes answers 500 as soon as one note has no tags (every note
// written before 1.1.0, or without tags). /.status stays ok: only a smoke check of GET /notes
// finds it.
//
// Run (JDK 17, source-file mode, the PostgreSQL JDBC driver is the only library):
//   NOTES_DB_URL=jdbc:postgresql://127.0.0.1:5432/notes NOTES_DB_USER=notes NOTES_DB_PASSWORD=...
//   java -cp postgresql.jar api.java --port 8081
// Endpoints: GET /.status, POST /notes (form: title, body, tags), GET /notes, GET /notes/{id}
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.*;
import java.util.*;

public class Api {
  static final String VERSION = "2.0.0";
  static final String COLUMNS = "id, title, content, word_count, tags"; // the schema 2.0.0 expects
  static final String DB_URL = System.getenv("NOTES_DB_URL");
  static final String DB_USER = System.getenv("NOTES_DB_USER");
  static final String DB_PASSWORD = System.getenv("NOTES_DB_PASSWORD");

  interface Route { void serve(HttpExchange ex) throws Exception; }

  public static void main(String[] args) throws IOException {
    int port = port(args, 8081);
    if (DB_URL == null || DB_URL.isBlank()) {
      System.err.println("NOTES_DB_URL is not set (e.g. jdbc:postgresql://127.0.0.1:5432/notes)");
      System.exit(2);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/.status", ex -> handle(ex, Api::status));
    server.createContext("/notes", ex -> handle(ex, Api::notes));
    server.createContext("/", ex -> handle(ex, e -> reply(e, 404, error("not found"))));
    server.start();
    System.out.println("notes api " + VERSION + " listening on :" + port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(1); // lets a request in flight finish (on JDK 17 it waits the whole second)
      System.out.println("notes api " + VERSION + " stopped");
    }));
  }

  /** GET /.status: ok only when the database answers AND has the columns this release reads. */
  static void status(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals("/.status")) {
      reply(ex, 404, error("not found"));
      return;
    }
    String head = "{\"status\":\"%s\",\"service\":\"api\",\"version\":\"" + VERSION + "\",";
    try (Connection c = db(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT " + COLUMNS + " FROM notes LIMIT 0").close();
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM notes")) {
        rs.next();
        reply(ex, 200, head.formatted("ok") + "\"notes\":" + rs.getLong(1) + "}");
      }
    } catch (SQLException e) {
      reply(ex, 503, head.formatted("error") + "\"error\":" + str(reason(e)) + "}");
    }
  }

  static void notes(HttpExchange ex) throws Exception {
    String path = ex.getRequestURI().getPath(), method = ex.getRequestMethod();
    if (path.equals("/notes") || path.equals("/notes/")) {
      if (method.equals("GET")) list(ex);
      else if (method.equals("POST")) create(ex);
      else reply(ex, 405, error("use GET or POST"));
    } else if (path.matches("/notes/[0-9]{1,18}") && method.equals("GET")) {
      one(ex, Long.parseLong(path.substring("/notes/".length())));
    } else {
      reply(ex, 404, error("not found"));
    }
  }

  static void list(HttpExchange ex) throws Exception {
    try (Connection c = db(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM notes ORDER BY id")) {
      StringJoiner notes = new StringJoiner(",", "[", "]");
      int count = 0;
      for (; rs.next(); count++) notes.add(note(rs));
      reply(ex, 200, "{\"count\":" + count + ",\"notes\":" + notes + "}");
    }
  }

  static void one(HttpExchange ex, long id) throws Exception {
    String sql = "SELECT " + COLUMNS + " FROM notes WHERE id = ?";
    try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) reply(ex, 200, note(rs));
        else reply(ex, 404, error("note " + id + " not found"));
      }
    }
  }

  static void create(HttpExchange ex) throws Exception {
    Map<String, String> form = new HashMap<>();
    try {
      String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      for (String pair : text.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException e) {
      reply(ex, 400, error("malformed form body: " + e.getMessage()));
      return;
    }
    String title = form.get("title"), body = form.get("body"), tags = form.get("tags");
    if (title == null || title.isBlank() || body == null || body.isBlank()) {
      reply(ex, 400, error("title and body are required"));
      return;
    }
    String[] tagList = tags == null ? new String[0] : Arrays.stream(tags.split(","))
        .map(String::strip).filter(t -> !t.isEmpty()).toArray(String[]::new);
    String sql = "INSERT INTO notes (title, content, tags) VALUES (?, ?, ?) RETURNING id";
    try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, title);
      s.setString(2, body);
      if (tagList.length == 0) s.setNull(3, Types.ARRAY); // no tags: NULL, like notes from 1.0.0
      else s.setArray(3, c.createArrayOf("text", tagList));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        reply(ex, 201, "{\"id\":" + rs.getLong(1) + "}");
      }
    }
  }

  /** One row: {"id":1,"title":"…","body":"…","wordCount":3 or null,"tags":[…] or null}. */
  static String note(ResultSet rs) throws SQLException {
    Integer words = (Integer) rs.getObject("word_count"); // null until the worker has counted
    // 2.0.0: tags come back in alphabetical order. The defect: rs.getArray() returns null
    // when tags IS NULL, and nothing checks for it before calling getArray() on it.
    String[] tags = (String[]) rs.getArray("tags").getArray();
    Arrays.sort(tags);
    StringJoiner tagJson = new StringJoiner(",", "[", "]");
    for (String tag : tags) tagJson.add(str(tag));
    return "{\"id\":" + rs.getLong("id") + ",\"title\":" + str(rs.getString("title"))
        + ",\"body\":" + str(rs.getString("content")) + ",\"wordCount\":" + words
        + ",\"tags\":" + tagJson + "}";
  }

  // ---- plumbing ----------------------------------------------------------------------------

  /**
   * Connections are reused: opening one costs more than most requests. Each is checked before it is
   * handed out, so one broken by a database restart or restore is dropped, never used.
   */
  static final Queue<Connection> IDLE = new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** A connection whose close() hands it back to IDLE. */
  static Connection db() throws SQLException {
    Connection idle;
    while ((idle = IDLE.poll()) != null) {
      if (idle.isValid(2)) return lent(idle);
      try { idle.close(); } catch (SQLException ignored) { }
    }
    return lent(open());
  }

  static Connection lent(Connection real) {
    return (Connection) java.lang.reflect.Proxy.newProxyInstance(
        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            if (!real.isClosed()) IDLE.offer(real);
            return null;
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  static Connection open() throws SQLException {
    Properties props = new Properties();
    if (DB_USER != null) props.setProperty("user", DB_USER);
    if (DB_PASSWORD != null) props.setProperty("password", DB_PASSWORD);
    props.setProperty("connectTimeout", "3");
    props.setProperty("socketTimeout", "10");
    props.setProperty("ApplicationName", "notes-api");
    return DriverManager.getConnection(DB_URL, props);
  }

  static void handle(HttpExchange ex, Route route) {
    try {
      route.serve(ex);
    } catch (Exception e) {
      String why = e.getClass().getSimpleName() + ": " + reason(e);
      String request = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
      System.out.println(request + " failed: " + why);
      try { reply(ex, 500, error(why)); } catch (IOException ignored) { } // headers may be sent
    } finally {
      ex.close();
    }
  }

  static void reply(HttpExchange ex, int code, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(code, head ? -1 : bytes.length);
    if (!head) ex.getResponseBody().write(bytes);
  }

  static String error(String message) { return "{\"error\":" + str(message) + "}"; }

  /** First line of an error message, never the password, at most 200 characters. */
  static String reason(Exception e) {
    String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("")
        .replaceAll("(?i)password=[^&\\s]*", "password=***");
    if (DB_PASSWORD != null && !DB_PASSWORD.isEmpty()) m = m.replace(DB_PASSWORD, "***");
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  /** A JSON string literal. */
  static String str(String s) {
    if (s == null) return "null";
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') out.append('\\').append(ch);
      else if (ch < 0x20) out.append(String.format("\\u%04x", (int) ch)); // \n, \t and the like
      else out.append(ch);
    }
    return out.append('"').toString();
  }

  static int port(String[] args, int fallback) {
    if (args.length == 0) return fallback;
    if (args.length == 2 && args[0].equals("--port") && args[1].matches("[0-9]{1,5}")) {
      return Integer.parseInt(args[1]);
    }
    System.err.println("usage: java -cp postgresql.jar api.java [--port N]");
    System.exit(2);
    return fallback;
  }
}
