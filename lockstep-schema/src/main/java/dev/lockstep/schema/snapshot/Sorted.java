package dev.lockstep.schema.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Immutable sorted copies, so that snapshots compare and serialise the same however built. */
final class Sorted {
  private Sorted() {}

  static <T> List<T> by(List<T> items, Comparator<? super T> order) {
    if (items == null) {
      return List.of();
    }
    List<T> copy = new ArrayList<>(items);
    copy.sort(order);
    return List.copyOf(copy);
  }
}
