package dev.lockstep.schema.diff;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Pairs the objects of two snapshots. First by catalog id, which an object keeps when it is renamed
 * (so a rename is seen as one, not as a drop and an add); then by name, for objects that were
 * dropped and created again, or when the ids of the two snapshots are not comparable.
 */
final class Matcher<T> {
  private final Function<T, String> name;
  private final ToLongFunction<T> id;
  private final BiPredicate<T, T> sameObject;

  /**
   * @param sameObject for two objects with the same id and different names: whether it is plausibly
   *     one renamed object, a guard against ids reused after a restore
   */
  Matcher(Function<T, String> name, ToLongFunction<T> id, BiPredicate<T, T> sameObject) {
    this.name = name;
    this.id = id;
    this.sameObject = sameObject;
  }

  record Pair<T>(T before, T after) {}

  record Result<T>(List<Pair<T>> pairs, List<T> dropped, List<T> added) {}

  Result<T> match(List<T> before, List<T> after, boolean idsComparable) {
    Map<String, T> unmatchedAfter = new LinkedHashMap<>();
    after.forEach(object -> unmatchedAfter.put(name.apply(object), object));
    Map<T, T> renamed = new IdentityHashMap<>();
    if (idsComparable) {
      for (T old : before) {
        T candidate = byId(old, unmatchedAfter.values());
        if (candidate != null) {
          renamed.put(old, candidate);
          unmatchedAfter.remove(name.apply(candidate));
        }
      }
    }
    List<Pair<T>> pairs = new ArrayList<>();
    List<T> dropped = new ArrayList<>();
    for (T old : before) {
      T same = renamed.containsKey(old) ? renamed.get(old) : unmatchedAfter.remove(name.apply(old));
      if (same != null) {
        pairs.add(new Pair<>(old, same));
      } else {
        dropped.add(old);
      }
    }
    return new Result<>(pairs, dropped, new ArrayList<>(unmatchedAfter.values()));
  }

  private T byId(T old, Iterable<T> candidates) {
    for (T candidate : candidates) {
      if (id.applyAsLong(candidate) == id.applyAsLong(old)) {
        boolean sameName = name.apply(candidate).equals(name.apply(old));
        return sameName || sameObject.test(old, candidate) ? candidate : null;
      }
    }
    return null;
  }
}
