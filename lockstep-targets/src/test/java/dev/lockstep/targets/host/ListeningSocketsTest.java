package dev.lockstep.targets.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

  @Test
  void parse_ipv4ListenLine_readsAddressPortInodeAndUid() throws Exception {
    Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    String line =
        "0: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 4242 1"
            + " 0000000000000000 100 0 0 10 0";

    ListeningSocket socket = ListeningSockets.parse(line).orElseThrow();

    assertThat(socket.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(socket.port()).isEqualTo(8081);
    assertThat(socket.inode()).isEqualTo(4242);
    assertThat(socket.uid()).isEqualTo(1000);
    assertThat(socket.endpoint()).isEqualTo("127.0.0.1:8081");
  }

  @Test
  void parse_ipv6WildcardAndLoopback_readAsSuch() throws Exception {
    Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
    String wildcard =
        "1: 00000000000000000000000000000000:1F92 00000000000000000000000000000000:0000 0A"
            + " 00000000:00000000 00:00000000 00000000 0 0 77 1";
    String loopback =
        "2: 00000000000000000000000001000000:1F93 00000000000000000000000000000000:0000 0A"
            + " 00000000:00000000 00:00000000 00000000 0 0 78 1";

    ListeningSocket any = ListeningSockets.parse(wildcard).orElseThrow();
    ListeningSocket local = ListeningSockets.parse(loopback).orElseThrow();

    assertThat(any.address().isAnyLocalAddress()).isTrue();
    assertThat(any.endpoint()).isEqualTo("[0:0:0:0:0:0:0:0]:8082");
    assertThat(any.accepts(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(local.address()).isEqualTo(InetAddress.getByName("::1"));
    assertThat(local.accepts(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void parse_notListening_isSkipped() {
    String established =
        "3: 0100007F:1F91 0100007F:D431 01 00000000:00000000 00:00000000 00000000 1000 0 99 1";

    assertThat(ListeningSockets.parse(established)).isEmpty();
  }

  @Test
  void parse_listenLineCutShort_isSkipped() {
    assertThat(ListeningSockets.parse("0: 0100007F:1F90 00000000:0000 0A 00000000:00000000"))
        .isEmpty();
    assertThat(ListeningSockets.parse("")).isEmpty();
  }

  @Test
  void onPort_aSocketThisTestOpens_isFoundWithThisProcessAsItsHolder() throws Exception {
    Assumptions.assumeTrue(ListeningSockets.available(), "no /proc/net/tcp here");
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<PortHolder> holders = PortHolders.on(server.getLocalPort());

      assertThat(holders).hasSize(1);
      assertThat(holders.get(0).pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(holders.get(0).commandLine()).contains("java");
      assertThat(holders.get(0).describe()).startsWith("pid " + ProcessHandle.current().pid());
    }
  }

  @Test
  void onPort_nothingListening_isEmpty() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0)) {
      port = server.getLocalPort();
    }

    assertThat(PortHolders.on(port)).isEmpty();
  }
}
