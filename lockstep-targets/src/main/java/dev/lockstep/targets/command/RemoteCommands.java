package dev.lockstep.targets.command;

import dev.lockstep.core.config.HostConfig;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessResult.Ending;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.targets.ssh.HostSessions;
import dev.lockstep.targets.ssh.RemoteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a node's rendered command on the node's host over SSH, and copies release files there: the
 * command target's nodes that live on {@code target.hosts}. Commands and their output are appended
 * to the same log as local ones, with the deployment's secrets masked.
 */
final class RemoteCommands {
  /** Where release files are kept on a host, below the login user's home folder. */
  static final String ARTIFACTS = ".lockstep/artifacts";

  /** What the check before an install says, and its exit code, when the copy is not in place. */
  private static final String COPY_NOT_IN_PLACE = "lockstep: no checked copy of the release file";

  private static final int COPY_NOT_IN_PLACE_EXIT = 66;

  private final HostSessions hosts;
  private final Path logFile;
  private final SecretRegistry secrets;

  RemoteCommands(HostSessions hosts, Path logFile, SecretRegistry secrets) {
    this.hosts = hosts;
    this.logFile = logFile;
    this.secrets = secrets;
  }

  /** As a local command's result: cut off at its deadline, or exited with its status. */
  ProcessResult run(HostConfig host, String label, String command, Duration deadline, int keep) {
    RemoteResult result = hosts.session(host).run(command, deadline);
    log(label + " on " + host.describe(), command, result);
    return asProcessResult(label, result, keep);
  }

  /**
   * Runs {@code command} on {@code host} only if the copy at {@code copy} has {@code sha256},
   * checked there by the same command, just before it: one round trip for both.
   *
   * @return its result; empty when the copy is missing or differs, and nothing else ran
   */
  Optional<ProcessResult> runOnCheckedCopy(
      HostConfig host,
      String label,
      String command,
      String copy,
      String sha256,
      Duration deadline,
      int keep) {
    String checked =
        "lockstep_sha256=$(sha256sum "
            + quote(copy)
            + " 2>/dev/null) && [ \"${lockstep_sha256%% *}\" = "
            + sha256
            + " ] || { echo '"
            + COPY_NOT_IN_PLACE
            + "'; exit "
            + COPY_NOT_IN_PLACE_EXIT
            + "; }\n"
            + command;
    RemoteResult result = hosts.session(host).run(checked, deadline);
    // The last line: a login shell may print something of its own first.
    if (result.exitCode() == COPY_NOT_IN_PLACE_EXIT
        && result.output().strip().endsWith(COPY_NOT_IN_PLACE)) {
      return Optional.empty();
    }
    log(label + " on " + host.describe(), checked, result);
    return Optional.of(asProcessResult(label, result, keep));
  }

  /**
   * Where {@link #stage} keeps a release file on {@code host}: {@code
   * ~/.lockstep/artifacts/<component>/<version>/<file>}.
   */
  String copyPath(HostConfig host, FileArtifact artifact, String component, String version) {
    return hosts.home(host)
        + "/"
        + ARTIFACTS
        + "/"
        + component
        + "/"
        + version
        + "/"
        + artifact.path().getFileName();
  }

  /**
   * Copies a release file to {@code host} (once: a copy already there with the same sha256 is
   * kept), its sha256 checked on the far side.
   *
   * @param remote where on the host: {@link #copyPath}
   */
  void stage(HostConfig host, FileArtifact artifact, String remote, Duration deadline) {
    RemoteResult present =
        hosts.session(host).run("sha256sum " + quote(remote) + " 2>/dev/null", deadline);
    if (!present.succeeded() || !present.output().strip().startsWith(artifact.sha256() + " ")) {
      copy(host, artifact, remote, deadline);
    }
  }

  /** Copies a release file to {@code remote} on {@code host}, its sha256 checked there. */
  void copy(HostConfig host, FileArtifact artifact, String remote, Duration deadline) {
    String sha256 = hosts.session(host).upload(artifact.path(), remote, deadline);
    appendLog(
        "copied "
            + artifact.path()
            + " to "
            + host.describe()
            + ":"
            + remote
            + " (sha256 "
            + sha256
            + ", checked there)");
  }

  private ProcessResult asProcessResult(String label, RemoteResult result, int keep) {
    List<String> lines = secrets.redact(result.output()).lines().toList();
    return new ProcessResult(
        label,
        result.exitCode() < 0 ? Ending.TIMED_OUT : Ending.EXITED,
        result.exitCode(),
        lines.subList(0, Math.min(keep, lines.size())),
        lines.subList(Math.max(0, lines.size() - keep), lines.size()),
        List.of(),
        result.took());
  }

  private static String quote(String path) {
    return dev.lockstep.core.process.ShellQuote.ifNeeded(path);
  }

  private void log(String label, String command, RemoteResult result) {
    String ending = result.exitCode() < 0 ? "cut off at its deadline" : "exit " + result.exitCode();
    appendLog(
        label + ": " + command + "\n" + result.output().stripTrailing() + "\n(" + ending + ")");
  }

  private void appendLog(String text) {
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          "[" + Instant.now() + "] " + secrets.redact(text) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the target log " + logFile, e);
    }
  }
}
