package dev.lockstep.engine.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The state folder holds the journal, the backups' manifests and the services' state: it must be
 * Lockstep's user's alone. It exists, or Lockstep can create it on the first run (the doctor does
 * not create it), belongs to that user, is writable, and nobody else can write into it.
 */
final class StateFolderCheck {
  static final String NAME = "state folder";

  private final Path folder;
  private final String user;

  StateFolderCheck(Path folder, String user) {
    this.folder = folder.toAbsolutePath().normalize();
    this.user = user;
  }

  DoctorResult check() {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return missing();
    }
    if (!Files.isDirectory(folder)) {
      return DoctorResult.fail(
          NAME,
          folder + " exists but is not a folder",
          "move it away, or point stateDir at a folder.");
    }
    List<String> problems = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    try {
      String owner = Files.getOwner(folder).getName();
      if (!owner.equals(user)) {
        problems.add("it belongs to " + owner + ", and Lockstep runs as " + user);
        fixes.add("chown -R " + user + " " + folder + " (or run Lockstep as " + owner + ")");
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
      if (permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
        problems.add(
            "every user can write into it (mode "
                + PosixFilePermissions.toString(permissions)
                + "): anyone could change the journal or a backup's manifest");
        fixes.add("chmod o-w " + folder + " (Lockstep's own folders are 0700)");
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: owner and mode cannot be told apart as above.
    } catch (IOException e) {
      problems.add("cannot read its owner and mode: " + e.getMessage());
    }
    if (!Files.isWritable(folder)) {
      problems.add(user + " cannot write into it");
      fixes.add("chmod u+w " + folder);
    }
    if (problems.isEmpty()) {
      return DoctorResult.ok(NAME, folder + ": " + user + "'s, writable, not writable by others");
    }
    return DoctorResult.fail(
        NAME, folder + ": " + String.join("; ", problems), String.join("; ", fixes));
  }

  /** Not there yet: Lockstep creates it on the first run if it can create it. */
  private DoctorResult missing() {
    Path existing = folder.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && Files.isDirectory(existing) && Files.isWritable(existing)) {
      return DoctorResult.ok(
          NAME,
          folder
              + " does not exist yet; Lockstep can create it on the first run ("
              + existing
              + " is writable by "
              + user
              + ")");
    }
    String parent = existing == null ? "/" : existing.toString();
    return DoctorResult.fail(
        NAME,
        folder
            + " does not exist, and "
            + user
            + " cannot create it: "
            + parent
            + " is not writable",
        "as an administrator: mkdir -p "
            + folder
            + " && chown "
            + user
            + " "
            + folder
            + " && chmod 700 "
            + folder
            + "; or point stateDir at a folder "
            + user
            + " owns.");
  }
}
