package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
  @Test
  void next_fromManyThreads_neverHandsOutAPortTwiceAndStaysBelowTheEphemeralRange()
      throws Exception {
    Set<Integer> ports = ConcurrentHashMap.newKeySet();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> takers =
          IntStream.range(0, 8)
              .<Future<?>>mapToObj(
                  i ->
                      threads.submit(
                          () -> {
                            for (int n = 0; n < 50; n++) {
                              assertThat(ports.add(LoopbackPorts.next())).isTrue();
                            }
                          }))
              .toList();
      for (Future<?> taker : takers) {
        taker.get();
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(ports).hasSize(400).allSatisfy(port -> assertThat(port).isBetween(1024, 65535));
    assertThat(ports)
        .allSatisfy(port -> assertThat(port).isLessThan(LoopbackPorts.ephemeralStart()));
  }

  @Test
  void take_everyPortOfTheRangeInUse_failsNamingTheRange() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int busy = taken.getLocalPort();
      LoopbackPorts onlyTheBusyOne = new LoopbackPorts(busy, busy + 1);

      assertThatThrownBy(onlyTheBusyOne::take)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("no free TCP port on 127.0.0.1 between " + busy + " and " + busy);
    }
  }
}
