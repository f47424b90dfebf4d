package dev.lockstep.engine.schema;

import dev.lockstep.core.config.DriftConfig;
import dev.lockstep.schema.diff.ChangeKind;
import dev.lockstep.schema.diff.SchemaChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which schema changes the config's {@code drift} section counts: a change to an ignored object (or
 * to anything inside it: {@code public.entries} covers its columns) never does, and with scope
 * {@code owned} neither does a new object the reference schema did not have, which is what a
 * product adding its own tables and columns while it runs looks like.
 */
public final class DriftScope {
  /** Additions that change an object the reference has, rather than add one beside it. */
  private static final Set<ChangeKind> CHANGES_TO_OWNED =
      Set.of(ChangeKind.NOT_NULL_ADDED, ChangeKind.DEFAULT_ADDED, ChangeKind.CONSTRAINT_ADDED);

  private final DriftConfig config;
  private final List<Pattern> ignored;

  public DriftScope(DriftConfig config) {
    this.config = config;
    this.ignored = config.ignore().stream().map(DriftScope::glob).toList();
  }

  /** {@code changes} with the ones out of scope set apart. */
  public DriftReport judge(String reference, List<SchemaChange> changes) {
    List<SchemaChange> drift = new ArrayList<>();
    List<SchemaChange> outOfScope = new ArrayList<>();
    for (SchemaChange change : changes) {
      (inScope(change) ? drift : outOfScope).add(change);
    }
    return new DriftReport(reference, drift, outOfScope, describe());
  }

  /** The scope in words, for the plan and {@code lockstep drift}; null when nothing is excluded. */
  public String describe() {
    if (!config.narrowed()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (config.scope() == DriftConfig.Scope.OWNED) {
      parts.add("only objects the reference schema has");
    }
    if (!config.ignore().isEmpty()) {
      parts.add("ignoring " + String.join(", ", config.ignore()));
    }
    return String.join("; ", parts);
  }

  private boolean inScope(SchemaChange change) {
    if (ignoredObject(change.object())) {
      return false;
    }
    return config.scope() == DriftConfig.Scope.ALL || !addsANewObject(change.kind());
  }

  private static boolean addsANewObject(ChangeKind kind) {
    return kind.name().endsWith("_ADDED") && !CHANGES_TO_OWNED.contains(kind);
  }

  /**
   * Whether {@code object} or any object it is inside ({@code a.b} for {@code a.b.c}) is ignored.
   */
  private boolean ignoredObject(String object) {
    if (object == null) {
      return false;
    }
    for (int end = object.indexOf('.'); ; end = object.indexOf('.', end + 1)) {
      String enclosing = end < 0 ? object : object.substring(0, end);
      if (ignored.stream().anyMatch(pattern -> pattern.matcher(enclosing).matches())) {
        return true;
      }
      if (end < 0) {
        return false;
      }
    }
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String literal : pattern.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString());
  }
}
