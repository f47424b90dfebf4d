package dev.lockstep.schema.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether every value of one column type fits another, judged from the names {@code format_type}
 * prints: {@code character varying(50)} to {@code text} widens, {@code bigint} to {@code integer}
 * narrows, {@code text} to {@code jsonb} changes what the previous release reads and writes.
 */
final class TypeWidening {
  enum Verdict {
    WIDENED,
    NARROWED,
    CHANGED
  }

  private static final Set<String> TEXT = Set.of("character varying", "text");
  private static final Map<String, Integer> INTEGER_DIGITS =
      Map.of("smallint", 5, "integer", 10, "bigint", 19);
  // Types whose modifier is a precision or maximum length: more is wider, none is the widest.
  private static final Set<String> BOUNDED_BY_MODIFIER =
      Set.of(
          "timestamp without time zone",
          "timestamp with time zone",
          "time without time zone",
          "time with time zone",
          "interval",
          "bit varying");

  private TypeWidening() {}

  static Verdict judge(String from, String to) {
    boolean fromArray = from.endsWith("[]");
    if (fromArray != to.endsWith("[]")) {
      return Verdict.CHANGED;
    }
    if (fromArray) {
      return judge(from.substring(0, from.length() - 2), to.substring(0, to.length() - 2));
    }
    Parsed old = Parsed.of(from);
    Parsed now = Parsed.of(to);
    if (TEXT.contains(old.name) && TEXT.contains(now.name)) {
      return atLeast(now.firstModifier(), old.firstModifier());
    }
    if (INTEGER_DIGITS.containsKey(old.name) && INTEGER_DIGITS.containsKey(now.name)) {
      return INTEGER_DIGITS.get(now.name) >= INTEGER_DIGITS.get(old.name)
          ? Verdict.WIDENED
          : Verdict.NARROWED;
    }
    if (INTEGER_DIGITS.containsKey(old.name) && now.name.equals("numeric")) {
      return now.modifiers.isEmpty() || now.integerDigits() >= INTEGER_DIGITS.get(old.name)
          ? Verdict.WIDENED
          : Verdict.NARROWED;
    }
    if (old.name.equals("numeric") && now.name.equals("numeric")) {
      return numeric(old, now);
    }
    if (old.name.equals("numeric") && INTEGER_DIGITS.containsKey(now.name)) {
      return Verdict.NARROWED;
    }
    if (old.name.equals("real") && now.name.equals("double precision")) {
      return Verdict.WIDENED;
    }
    if (old.name.equals("double precision") && now.name.equals("real")) {
      return Verdict.NARROWED;
    }
    if (old.name.equals(now.name) && BOUNDED_BY_MODIFIER.contains(old.name)) {
      return atLeast(now.firstModifier(), old.firstModifier());
    }
    return Verdict.CHANGED;
  }

  private static Verdict numeric(Parsed old, Parsed now) {
    if (now.modifiers.isEmpty()) {
      return Verdict.WIDENED;
    }
    if (old.modifiers.isEmpty()) {
      return Verdict.NARROWED;
    }
    return now.integerDigits() >= old.integerDigits() && now.scale() >= old.scale()
        ? Verdict.WIDENED
        : Verdict.NARROWED;
  }

  /** {@code Integer.MAX_VALUE} stands for "no limit". */
  private static Verdict atLeast(int now, int old) {
    return now >= old ? Verdict.WIDENED : Verdict.NARROWED;
  }

  /** {@code timestamp(3) without time zone}: name {@code timestamp without time zone}, [3]. */
  private record Parsed(String name, List<Integer> modifiers) {
    static Parsed of(String type) {
      int open = type.indexOf('(');
      int close = type.indexOf(')', open + 1);
      if (open < 0 || close < 0) {
        return new Parsed(type, List.of());
      }
      List<Integer> modifiers = new ArrayList<>();
      for (String part : type.substring(open + 1, close).split(",")) {
        try {
          modifiers.add(Integer.parseInt(part.trim()));
        } catch (NumberFormatException e) {
          return new Parsed(type, List.of());
        }
      }
      return new Parsed(type.substring(0, open) + type.substring(close + 1), modifiers);
    }

    int firstModifier() {
      return modifiers.isEmpty() ? Integer.MAX_VALUE : modifiers.get(0);
    }

    int scale() {
      return modifiers.size() > 1 ? modifiers.get(1) : 0;
    }

    int integerDigits() {
      return modifiers.isEmpty() ? Integer.MAX_VALUE : modifiers.get(0) - scale();
    }
  }
}
