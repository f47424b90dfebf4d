package dev.lockstep.backup.tree;

import dev.lockstep.core.io.OsUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts an archive written by {@link TreeArchiver} into an empty folder, with the modes and
 * modification times it recorded (and the owners, when running as root). Folder modes are set last,
 * so that a read-only folder can still be filled.
 *
 * <p>Entries are refused when their name leaves the folder ({@code ..}, absolute) or passes through
 * a symbolic link extracted before: the checksums already vouch for the archive, and this keeps
 * even a crafted one from writing anywhere else.
 */
public final class TreeExtractor {
  private static final boolean ROOT = OsUser.isRoot();

  private final Path into;
  private final Set<String> links = new HashSet<>();
  private final List<Folder> folders = new ArrayList<>();

  private record Folder(Path path, int mode, FileTime modified) {}

  /**
   * @param into an existing, empty folder
   */
  public TreeExtractor(Path into) {
    this.into = into;
  }

  /** Extracts every entry of the tar stream {@code archive}; does not close it. */
  public void extract(InputStream archive) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(archive, "UTF-8");
    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
      String name = relative(entry.getName());
      Path target = name.isEmpty() ? into : into.resolve(name);
      if (entry.isDirectory()) {
        Files.createDirectories(target);
        own(target, entry);
        folders.add(new Folder(target, entry.getMode(), entry.getLastModifiedTime()));
      } else if (entry.isSymbolicLink()) {
        Files.createDirectories(target.getParent());
        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        own(target, entry);
        links.add(name);
      } else if (entry.isFile()) {
        Files.createDirectories(target.getParent());
        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        // Owner before mode: changing the owner clears the setuid and setgid bits.
        own(target, entry);
        Files.setAttribute(target, "unix:mode", entry.getMode() & 07777);
        Files.setLastModifiedTime(target, entry.getLastModifiedTime());
      } else {
        throw new IOException("unexpected entry " + entry.getName() + " in the archive");
      }
    }
    // Deepest first: setting a folder's time before its content would let the content change it.
    for (int i = folders.size() - 1; i >= 0; i--) {
      Folder folder = folders.get(i);
      Files.setAttribute(folder.path(), "unix:mode", folder.mode() & 07777);
      Files.setLastModifiedTime(folder.path(), folder.modified());
    }
  }

  /** The entry's path inside the folder; empty for the root. */
  private String relative(String entryName) throws IOException {
    String name = entryName;
    while (name.startsWith("./")) {
      name = name.substring(2);
    }
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.equals(".")) {
      name = "";
    }
    if (name.startsWith("/")) {
      throw refused(entryName, "is not a relative path");
    }
    String[] segments = name.isEmpty() ? new String[0] : name.split("/", -1);
    String path = "";
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].isEmpty() || segments[i].equals(".") || segments[i].equals("..")) {
        throw refused(entryName, "is not a plain path");
      }
      if (i > 0 && links.contains(path)) {
        throw refused(entryName, "lies under the symbolic link " + path);
      }
      path = i == 0 ? segments[0] : path + "/" + segments[i];
    }
    return name;
  }

  private void own(Path target, TarArchiveEntry entry) throws IOException {
    if (ROOT) {
      Files.setAttribute(
          target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(
          target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static IOException refused(String name, String why) {
    return new IOException("refused archive entry '" + name + "': it " + why);
  }
}
