package dev.lockstep.backup.tree;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Visits a folder and everything under it in {@link TreeEntry#compare} order, without following
 * symbolic links. Memory holds the names of one folder per level, never the whole tree. Sockets,
 * pipes and devices are skipped: they hold no data a backup could keep.
 */
public final class TreeWalker {
  private static final String ATTRIBUTES =
      "unix:mode,size,lastModifiedTime,uid,gid,isDirectory,isRegularFile,isSymbolicLink";

  /** What the walk found at one path. */
  public record Found(
      String path,
      Path file,
      TreeEntry.Type type,
      int mode,
      long size,
      FileTime modified,
      int uid,
      int gid) {}

  public interface Visitor {
    void visit(Found found) throws IOException;
  }

  private TreeWalker() {}

  /** Visits {@code root} (as {@code .}) and then its content; {@code root} must be a folder. */
  public static void walk(Path root, Visitor visitor) throws IOException {
    Found top = found(TreeEntry.ROOT, root, Files.readAttributes(root, ATTRIBUTES));
    visitor.visit(top);
    walkChildren(root, "", visitor);
  }

  private static void walkChildren(Path dir, String prefix, Visitor visitor) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      children.forEach(child -> names.add(child.getFileName().toString()));
    }
    names.sort(String::compareTo);
    for (String name : names) {
      Path child = dir.resolve(name);
      Map<String, Object> attributes;
      try {
        attributes = Files.readAttributes(child, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      } catch (java.nio.file.NoSuchFileException e) {
        continue; // deleted since the folder was listed
      }
      Found found = found(prefix + name, child, attributes);
      if (found == null) {
        continue;
      }
      visitor.visit(found);
      if (found.type() == TreeEntry.Type.DIR) {
        walkChildren(child, prefix + name + "/", visitor);
      }
    }
  }

  private static Found found(String path, Path file, Map<String, Object> attributes) {
    TreeEntry.Type type;
    if (Boolean.TRUE.equals(attributes.get("isSymbolicLink"))) {
      type = TreeEntry.Type.SYMLINK;
    } else if (Boolean.TRUE.equals(attributes.get("isDirectory"))) {
      type = TreeEntry.Type.DIR;
    } else if (Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
      type = TreeEntry.Type.FILE;
    } else {
      return null;
    }
    return new Found(
        path,
        file,
        type,
        (Integer) attributes.get("mode") & 07777,
        type == TreeEntry.Type.FILE ? (Long) attributes.get("size") : 0,
        (FileTime) attributes.get("lastModifiedTime"),
        (Integer) attributes.get("uid"),
        (Integer) attributes.get("gid"));
  }
}
