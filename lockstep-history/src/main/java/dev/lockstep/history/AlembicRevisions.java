package dev.lockstep.history;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Alembic's revision graph, read from a release's migration files: each file's {@code revision =
 * '...'} and {@code down_revision = ...} lines (a string, None, or a tuple for a merge), and only
 * those lines; the Python is never run. With it, the heads in {@code alembic_version} become the
 * list of applied revisions.
 */
public final class AlembicRevisions {
  // revision = 'ae1027a6acf' and the typed form of newer templates: revision: str = "ae1027a6acf"
  private static final Pattern REVISION =
      Pattern.compile("^revision\\s*(?::[^=]*)?=\\s*['\"]([^'\"]+)['\"]", Pattern.MULTILINE);
  private static final Pattern DOWN =
      Pattern.compile("^down_revision\\s*(?::[^=]*)?=\\s*(.+)$", Pattern.MULTILINE);
  private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");

  private final Map<String, List<String>> parents;

  AlembicRevisions(Map<String, List<String>> parents) {
    this.parents = new LinkedHashMap<>(parents);
  }

  /** Every {@code *.py} file in {@code folder} (and below) that names a revision. */
  public static AlembicRevisions read(Path folder) {
    Map<String, List<String>> parents = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
        String text = Files.readString(file);
        Matcher revision = REVISION.matcher(text);
        if (!revision.find()) {
          continue;
        }
        List<String> down = new ArrayList<>();
        Matcher downLine = DOWN.matcher(text);
        if (downLine.find()) {
          Matcher quoted = QUOTED.matcher(downLine.group(1));
          while (quoted.find()) {
            down.add(quoted.group(1));
          }
        }
        parents.put(revision.group(1), down);
      }
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.MANIFEST_INVALID,
          "Could not read the Alembic revisions in "
              + folder
              + ": "
              + e.getMessage()
              + ". Point migrations.location of the release manifest at the folder of its Alembic"
              + " revision files (alembic/versions).",
          e);
    }
    return new AlembicRevisions(parents);
  }

  /**
   * The history with every revision the heads descend from, oldest first, in place of the heads
   * alone. A head the files do not name stays as it is (a revision from another release).
   */
  public MigrationHistory applied(MigrationHistory heads) {
    if (heads.format() != HistoryFormat.ALEMBIC) {
      return heads;
    }
    Set<String> ordered = new LinkedHashSet<>();
    List<HistoryEntry> unknownHeads = new ArrayList<>();
    for (HistoryEntry head : heads.applied()) {
      if (parents.containsKey(head.id())) {
        ancestors(head.id(), ordered);
      } else {
        unknownHeads.add(head);
      }
    }
    List<HistoryEntry> entries = new ArrayList<>(unknownHeads);
    Set<String> headIds = new LinkedHashSet<>();
    heads.applied().forEach(h -> headIds.add(h.id()));
    for (String revision : ordered) {
      entries.add(
          new HistoryEntry(
              revision,
              null,
              null,
              true,
              null,
              null,
              headIds.contains(revision) ? "head" : "ancestor of a head"));
    }
    return new MigrationHistory(heads.format(), heads.table(), entries, heads.dirty());
  }

  /** Adds {@code revision}'s ancestors, then itself, each once: oldest first. */
  private void ancestors(String revision, Set<String> ordered) {
    // Iterative post-order, as a long chain would overflow the stack.
    Deque<String[]> stack = new ArrayDeque<>();
    stack.push(new String[] {revision, "0"});
    Set<String> seen = new LinkedHashSet<>(ordered);
    seen.add(revision);
    while (!stack.isEmpty()) {
      String[] top = stack.peek();
      List<String> up = parents.getOrDefault(top[0], List.of());
      int next = Integer.parseInt(top[1]);
      if (next < up.size()) {
        top[1] = Integer.toString(next + 1);
        String parent = up.get(next);
        if (!seen.contains(parent) && parents.containsKey(parent)) {
          seen.add(parent);
          stack.push(new String[] {parent, "0"});
        }
      } else {
        stack.pop();
        ordered.add(top[0]);
      }
    }
  }
}
