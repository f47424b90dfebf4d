package dev.lockstep.postgres.dump;

import dev.lockstep.core.api.Progress;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/** Rows and hashes per table, added up slice by slice from several threads. */
final class SliceSums {
  private final Progress progress;
  private final Map<String, long[]> rows = new TreeMap<>();
  private final Map<String, BigInteger> hashes = new TreeMap<>();
  private final Map<String, String> methods = new TreeMap<>();
  private long done;

  SliceSums(Progress progress) {
    this.progress = progress;
  }

  synchronized void table(TableSlice slice) {
    rows.putIfAbsent(slice.key(), new long[1]);
    hashes.putIfAbsent(slice.key(), BigInteger.ZERO);
    methods.put(slice.key(), slice.method());
  }

  synchronized void add(TableSlice slice, long count, BigInteger hash) {
    rows.get(slice.key())[0] += count;
    hashes.merge(slice.key(), hash, BigInteger::add);
    done += slice.bytes();
    progress.update(done);
  }

  synchronized Map<String, TableFingerprint> result() {
    Map<String, TableFingerprint> result = new TreeMap<>();
    rows.forEach(
        (key, count) ->
            result.put(
                key, new TableFingerprint(count[0], methods.get(key) + ":" + hashes.get(key))));
    return result;
  }
}
