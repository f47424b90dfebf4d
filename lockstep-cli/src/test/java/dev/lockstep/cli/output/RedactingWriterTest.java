package dev.lockstep.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.secrets.SecretRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactingWriterTest {

  @Test
  void write_masksASecretAddedAfterwards_evenPrintedInPieces() {
    SecretMask mask = new SecretMask();
    StringWriter sink = new StringWriter();
    PrintWriter out = new PrintWriter(new RedactingWriter(sink, mask), true);

    out.println("before: hunter22");
    mask.add(SecretRegistry.of(List.of(Secret.of("hunter22"))));
    out.print("lockstep: password hun");
    out.print("ter22 was refused");
    out.println();
    out.print("partial hunter22");
    out.flush();

    assertThat(sink.toString())
        .isEqualTo(
            "before: hunter22\n" + "lockstep: password ****** was refused\n" + "partial ******");
  }
}
