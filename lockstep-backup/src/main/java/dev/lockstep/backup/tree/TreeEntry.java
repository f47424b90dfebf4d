package dev.lockstep.backup.tree;

/**
 * One entry of a file tree's index: what a restore must bring back at {@code path}.
 *
 * @param path relative to the tree's root, with {@code /} between names; the root itself is {@code
 *     .}
 * @param mode POSIX permission bits in octal, such as {@code 0644} (with setuid, setgid and sticky)
 * @param size bytes of a file; 0 for folders and links
 * @param sha256 of a file's content; null for folders and links
 * @param target where a symbolic link points, as written in the link; null otherwise
 */
public record TreeEntry(
    String path, Type type, String mode, long size, String sha256, String target) {
  public static final String ROOT = ".";

  public enum Type {
    DIR,
    FILE,
    SYMLINK
  }

  public int modeBits() {
    return Integer.parseInt(mode, 8);
  }

  public static String mode(int bits) {
    return String.format("%04o", bits & 07777);
  }

  /**
   * The order trees are walked, archived and indexed in: a folder, then its entries by name, each
   * followed by its own content. That is string order with {@code /} sorting before every other
   * character, so an index and a walk can be merged entry by entry without holding either.
   */
  public static int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.equals(ROOT) || b.equals(ROOT)) {
      return a.equals(ROOT) ? -1 : 1;
    }
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
