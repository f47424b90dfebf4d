package dev.lockstep.postgres;

import dev.lockstep.core.io.OsUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL's server programs refuse to run as root, and sessions and tests often do run as root.
 * This wraps server commands so that they run as the unprivileged {@code postgres} user then.
 */
final class ServerUser {
  static final String POSTGRES = "postgres";
  private static final List<Path> RUNUSER =
      List.of(Path.of("/usr/sbin/runuser"), Path.of("/sbin/runuser"), Path.of("/usr/bin/runuser"));
  private static final List<Path> SU = List.of(Path.of("/bin/su"), Path.of("/usr/bin/su"));

  private ServerUser() {}

  /** {@code argv} as it must be run for a server program: as {@code postgres} when we are root. */
  static List<String> asServerUser(List<String> argv) {
    if (!OsUser.isRoot()) {
      return argv;
    }
    Path runuser = RUNUSER.stream().filter(Files::isExecutable).findFirst().orElse(null);
    List<String> wrapped = new ArrayList<>();
    if (runuser != null) {
      wrapped.addAll(List.of(runuser.toString(), "-u", POSTGRES, "--"));
      wrapped.addAll(argv);
      return wrapped;
    }
    Path su = SU.stream().filter(Files::isExecutable).findFirst().orElse(Path.of("su"));
    String script = argv.stream().map(ServerUser::shellQuote).collect(Collectors.joining(" "));
    return List.of(su.toString(), POSTGRES, "-s", "/bin/sh", "-c", script);
  }

  /** Hands {@code path} to the {@code postgres} user when we are root; otherwise does nothing. */
  static void giveToServerUser(Path path) {
    if (!OsUser.isRoot()) {
      return;
    }
    try {
      UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
      UserPrincipal postgres = users.lookupPrincipalByName(POSTGRES);
      Files.getFileAttributeView(path, PosixFileAttributeView.class).setOwner(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot give "
              + path
              + " to the '"
              + POSTGRES
              + "' user (PostgreSQL refuses to run as root, so Lockstep runs it as that user);"
              + " create the user (apt-get install postgresql creates it) or run as a non-root"
              + " user",
          e);
    }
  }

  static String shellQuote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
