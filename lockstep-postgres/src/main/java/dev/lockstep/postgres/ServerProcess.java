package dev.lockstep.postgres;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.io.SecureFiles;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/** The initdb / pg_ctl side of {@link ThrowawayPostgres}: one cluster in one folder. */
final class ServerProcess {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int START_ATTEMPTS = 3;
  private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);
  private static final ProcessRunner RUNNER = ProcessRunner.standalone();

  private final PgServerTools tools;
  private final Path root;
  private final Path dataDir;
  private final Path logFile;
  private volatile int port;
  private volatile boolean started;

  ServerProcess(PgServerTools tools, Path root) {
    this.tools = tools;
    this.root = root;
    this.dataDir = root.resolve("data");
    this.logFile = root.resolve("server.log");
  }

  Path dataDir() {
    return dataDir;
  }

  int port() {
    return port;
  }

  /** Creates the cluster; the password reaches initdb through a file the server user can read. */
  void initdb(String superuser, Secret password) {
    Path pwfile = null;
    try {
      pwfile = SecureFiles.createTempFile(root, "pw", ".txt");
      SecureFiles.writeString(pwfile, password.reveal() + "\n");
      ServerUser.giveToServerUser(pwfile);
      List<String> argv =
          List.of(
              tools.initdb().toString(),
              "--pgdata=" + dataDir,
              "--username=" + superuser,
              "--pwfile=" + pwfile,
              "--auth-host=scram-sha-256",
              "--auth-local=scram-sha-256",
              "--encoding=UTF8",
              "--no-locale",
              "--no-sync");
      ProcessResult result = run(argv);
      if (!result.succeeded()) {
        throw new LockstepException(
            ErrorCode.INTERNAL,
            "initdb could not create a throwaway cluster in "
                + dataDir
                + ": "
                + result.describeFailure());
      }
      // Speed over durability: the cluster is deleted after use anyway.
      Files.writeString(
          dataDir.resolve("postgresql.conf"),
          String.join(
              "\n",
              "",
              "listen_addresses = '127.0.0.1'",
              "unix_socket_directories = '" + root + "'",
              "fsync = off",
              "synchronous_commit = off",
              "full_page_writes = off",
              "max_connections = 60",
              ""),
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a throwaway cluster in " + root, e);
    } finally {
      if (pwfile != null) {
        try {
          Files.deleteIfExists(pwfile);
        } catch (IOException e) {
          // The whole folder is deleted with the server anyway.
        }
      }
    }
  }

  /** Starts on a free port; another process may take that port first, so it retries. */
  void start(String host) {
    ProcessResult result = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      port = freePort(host);
      result = pgCtlStart();
      if (result.succeeded()) {
        started = true;
        return;
      }
    }
    started = true; // pg_ctl may have left a postmaster running; stopAndDelete must try to stop it
    throw new LockstepException(
        ErrorCode.INTERNAL,
        "pg_ctl could not start the throwaway Postgres in "
            + dataDir
            + " after "
            + START_ATTEMPTS
            + " attempts: "
            + result.describeFailure()
            + logTail());
  }

  /**
   * Starts the server again on its port after it was killed, as an operator would with pg_ctl. A
   * backend the postmaster forked just before it died may still hold the shared memory for a moment
   * (PostgreSQL then refuses to start: "pre-existing shared memory block is still in use"); it
   * exits once it sees its postmaster gone, so a refused start is tried again a second later.
   */
  void startAgain() {
    ProcessResult result = pgCtlStart();
    for (int attempt = 2; attempt <= START_ATTEMPTS && !result.succeeded(); attempt++) {
      try {
        Thread.sleep(RESTART_PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      result = pgCtlStart();
    }
    if (!result.succeeded()) {
      throw new LockstepException(
          ErrorCode.INTERNAL,
          "pg_ctl could not start the throwaway Postgres in "
              + dataDir
              + " again on port "
              + port
              + " after "
              + START_ATTEMPTS
              + " attempts: "
              + result.describeFailure()
              + logTail());
    }
  }

  /** {@code pg_ctl start} on {@link #port}, waiting until the server accepts connections. */
  private ProcessResult pgCtlStart() {
    return run(
        List.of(
            tools.pgCtl().toString(),
            "--pgdata=" + dataDir,
            "--log=" + logFile,
            "--wait",
            "--timeout=60",
            "--options=-p " + port,
            "start"));
  }

  /** Stops the server if it runs and deletes the folder; failures are added to {@code cause}. */
  void stopAndDelete(Throwable cause) {
    try {
      if (started && Files.exists(dataDir.resolve("postmaster.pid"))) {
        ProcessResult result =
            run(
                List.of(
                    tools.pgCtl().toString(),
                    "--pgdata=" + dataDir,
                    "--mode=fast",
                    "--wait",
                    "--timeout=30",
                    "stop"));
        if (!result.succeeded()) {
          killPostmaster();
        }
      }
      SecureFiles.deleteTree(root);
    } catch (RuntimeException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      } else {
        throw e;
      }
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
      return "\nServer log (" + logFile + "):\n    " + String.join("\n    ", tail);
    } catch (IOException e) {
      return "";
    }
  }

  /** Last resort when pg_ctl cannot stop it: the postmaster's pid is line 1 of postmaster.pid. */
  private void killPostmaster() {
    try {
      String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
      ProcessHandle.of(Long.parseLong(pid))
          .ifPresent(
              handle -> {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
              });
    } catch (IOException | RuntimeException e) {
      // Nothing more can be done here; the folder is deleted next.
    }
  }

  private static ProcessResult run(List<String> argv) {
    String program = Path.of(argv.get(0)).getFileName().toString();
    return RUNNER.run(ProcessSpec.of(program, ServerUser.asServerUser(argv)).withDeadline(TIMEOUT));
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free TCP port on " + host, e);
    }
  }
}
