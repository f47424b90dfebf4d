package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.ExtensionsConfig;
import dev.lockstep.core.config.GatePolicy;
import dev.lockstep.core.manifest.Protocols;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import dev.lockstep.engine.testing.JsonEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extensions source is a real HTTP server on a free port, or a real shell command. The target
 * release, 1.1.0, offers extension protocol 3.
 */
class ExtensionsGateTest {
  private static final String NAME = "extensions compatible";
  private static final String INSTALLED =
      "{\"installed\": [{\"name\": \"search-mcp\", \"protocols\": \">=2 <4\"},"
          + " {\"name\": \"legacy-plugin\", \"protocols\": \"1.x || 2.x\"},"
          + " {\"name\": \"calendar\", \"protocols\": \"^3\"}]}";

  @TempDir Path dir;
  private GateFixture fixture;
  private JsonEndpoint endpoint;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
    fixture.target = GateFixture.withProtocols(fixture.target, new Protocols(List.of(), "3"));
    endpoint = new JsonEndpoint();
  }

  @AfterEach
  void close() {
    endpoint.close();
    fixture.close();
  }

  @Test
  void check_noExtensionsSection_isLeftOut() {
    assertThat(fixture.check(new ExtensionsGate())).isNull();
  }

  @Test
  void check_firstInstall_isLeftOut() {
    fixture.installedVersion = null;
    http(GatePolicy.BLOCK, INSTALLED);

    assertThat(fixture.check(new ExtensionsGate())).isNull();
    assertThat(endpoint.asked).isEmpty();
  }

  @Test
  void check_releaseDeclaresNoExtensionProtocol_passesSayingItWasNotChecked() {
    fixture.target = GateFixture.withProtocols(fixture.target, Protocols.NONE);
    http(GatePolicy.BLOCK, INSTALLED);

    GateResult result = fixture.check(new ExtensionsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(result.message()).startsWith("not checked: 1.1.0 does not say");
    assertThat(endpoint.asked).isEmpty();
  }

  @Test
  void check_incompatibleExtension_blocksByDefaultNamingItAndItsRange() {
    http(null, INSTALLED);

    GateResult result = fixture.check(new ExtensionsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo(
            "1 extension does not support it: legacy-plugin (1.x || 2.x) (1.1.0 offers extension"
                + " protocol 3).");
    assertThat(result.fix())
        .isEqualTo(
            "update or remove those extensions first (`lockstep extensions --to 1.1.0` lists"
                + " them); extensions.policy: warn lets the upgrade go on anyway.");
  }

  @Test
  void check_policyWarn_warnsAndTellsAnUpgradeAboutToStart() {
    fixture.upgrading = true;
    http(GatePolicy.WARN, INSTALLED);

    GateResult result = fixture.check(new ExtensionsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.WARNED);
    assertThat(result.message())
        .endsWith(
            "legacy-plugin (1.x || 2.x) (1.1.0 offers extension protocol 3); the upgrade"
                + " goes on (extensions.policy: warn).");
    assertThat(fixture.notices).containsExactly("warning: " + result.message());
  }

  @Test
  void check_everyExtensionCompatible_passes() {
    http(
        GatePolicy.BLOCK,
        "{\"installed\": [{\"name\": \"search-mcp\", \"protocols\": \">=2 <4\"},"
            + " {\"name\": \"calendar\", \"protocols\": \"^3\"}]}");

    assertThat(fixture.check(new ExtensionsGate()))
        .isEqualTo(
            GateResult.passed(NAME, "2 extensions support it (1.1.0 offers extension protocol 3)"));
  }

  @Test
  void check_rangeThatIsNotARange_countsAsIncompatible() {
    http(GatePolicy.BLOCK, "{\"installed\": [{\"name\": \"odd\", \"protocols\": \"banana\"}]}");

    assertThat(fixture.check(new ExtensionsGate()).message())
        .isEqualTo(
            "1 extension does not support it: odd ('banana' is not a version range) (1.1.0 offers"
                + " extension protocol 3).");
  }

  @Test
  void check_answerWithoutAList_blocksSayingWhatIsExpected() {
    http(GatePolicy.BLOCK, "{\"installed\": 3}");

    assertThat(fixture.check(new ExtensionsGate()).message())
        .isEqualTo(
            "cannot tell which extensions are installed: GET "
                + endpoint.root()
                + " $.installed gave no list of extensions ([{\"name\": …, \"protocols\":"
                + " \">=2 <4\"}]).");
  }

  @Test
  void check_unreachableEndpoint_blocksNamingTheHostOnly() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    fixture.extensions =
        ExtensionsConfig.http(
            "http://127.0.0.1:" + port + "/ext?key=s3cr3t", "$.installed", GatePolicy.BLOCK);

    GateResult result = fixture.check(new ExtensionsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo(
            "cannot tell which extensions are installed: GET http://127.0.0.1:"
                + port
                + " failed: connection refused or unreachable.");
    assertThat(result.fix()).doesNotContain("s3cr3t");
  }

  @Test
  void check_commandListingExtensions_isJudgedAsTheEndpointIs() throws IOException {
    Files.writeString(
        dir.resolve("extensions.json"),
        "[\n  {\"name\": \"search-mcp\", \"protocols\": \">=2 <3\"},\n"
            + "  {\"name\": \"calendar\", \"protocols\": \">=3\"}\n]\n");
    fixture.extensions = ExtensionsConfig.command("cat extensions.json", GatePolicy.BLOCK);

    GateResult result = fixture.check(new ExtensionsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message()).startsWith("1 extension does not support it: search-mcp (>=2 <3)");
  }

  @Test
  void check_commandFailing_warnsByPolicyWithItsOutput() {
    fixture.extensions =
        ExtensionsConfig.command("echo 'plugin registry down' >&2; exit 4", GatePolicy.WARN);

    GateResult result = fixture.check(new ExtensionsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.WARNED);
    assertThat(result.message())
        .startsWith("cannot tell which extensions are installed: extensions.command exited with 4")
        .contains("plugin registry down");
  }

  @Test
  void check_commandPrintingNoJson_blocks() {
    fixture.extensions = ExtensionsConfig.command("echo search-mcp", GatePolicy.BLOCK);

    assertThat(fixture.check(new ExtensionsGate()).message())
        .isEqualTo(
            "cannot tell which extensions are installed: `echo search-mcp` printed no JSON.");
  }

  @Test
  void report_listsEveryExtensionCompatibleOrNot() {
    http(GatePolicy.BLOCK, INSTALLED);

    ExtensionsReport report = ExtensionsReport.ask(fixture.config(), fixture.target);

    assertThat(report.extensions())
        .extracting(ExtensionsReport.Extension::name, ExtensionsReport.Extension::compatible)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("search-mcp", true),
            org.assertj.core.groups.Tuple.tuple("legacy-plugin", false),
            org.assertj.core.groups.Tuple.tuple("calendar", true));
    assertThat(report.allCompatible()).isFalse();
  }

  private void http(GatePolicy policy, String body) {
    endpoint.answer(body);
    fixture.extensions =
        ExtensionsConfig.http(endpoint.root() + "/admin/extensions", "$.installed", policy);
  }
}
