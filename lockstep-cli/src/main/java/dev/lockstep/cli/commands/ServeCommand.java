package dev.lockstep.cli.commands;

import dev.lockstep.cli.serve.ActionToken;
import dev.lockstep.cli.serve.RollbackAction;
import dev.lockstep.cli.serve.StateServer;
import dev.lockstep.cli.serve.StateSource;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.engine.Deployment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    description =
        "Serve a small web UI and JSON API over the state folder: the runs, the run in progress"
            + " live, the backups. Read-only and on loopback unless told otherwise; runs until"
            + " Ctrl-C.")
public final class ServeCommand extends DeploymentCommand {
  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8470",
      description = "the port (default: ${DEFAULT-VALUE}; 0: any free one)")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "the address to listen on (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(
      names = "--allow-remote",
      description =
          "allow an address other than loopback: anyone who reaches it reads the runs and backups")
  boolean allowRemote;

  @Option(
      names = "--allow-actions",
      description =
          "offer the rollback of the run that installed the current release; it needs the token"
              + " printed at start (or --token-file) and the run id typed again")
  boolean allowActions;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "read the actions' token from FILE instead of generating one")
  Path tokenFile;

  @Override
  boolean readsOnly() {
    return !allowActions;
  }

  @Override
  int run(Deployment deployment) {
    InetSocketAddress address = address();
    DeploymentConfig config = deployment.config();
    Supplier<Deployment> opener = () -> Deployment.open(config, engineOptions());
    Optional<ActionToken> token = Optional.empty();
    if (allowActions) {
      token =
          Optional.of(tokenFile == null ? ActionToken.generate() : ActionToken.fromFile(tokenFile));
    } else if (tokenFile != null) {
      throw new LockstepException(
          ErrorCode.USAGE, "--token-file is for actions. Fix: add --allow-actions, or drop it.");
    }
    SecretRegistry secrets =
        SecretRegistry.of(config).with(token.map(t -> List.of(t.secret())).orElse(List.of()));
    Optional<RollbackAction> rollback = token.map(t -> new RollbackAction(t, opener, err()));
    Set<String> hosts = allowRemote ? Set.of() : hosts(address.getAddress());
    StateSource state = new StateSource(opener);
    StateServer server =
        StateServer.start(address, state, secrets, rollback, hosts, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  state.close();
                  stopped.countDown();
                },
                "lockstep-serve-stop"));
    out().println("Serving " + config.environment() + " on " + server.uri() + " (Ctrl-C stops).");
    out()
        .println(
            allowActions
                ? "Actions are on: the rollback asks for the run id and the token."
                : "Read-only: no action is offered (--allow-actions offers the rollback).");
    out().flush();
    if (allowActions && tokenFile == null) {
      // The token is masked in every response; it is shown here once, on purpose.
      err().println("Token for actions (shown once): " + token.get().secret().reveal());
      err().flush();
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private InetSocketAddress address() {
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "--bind " + bind + " is not an address of this machine: " + e.getMessage());
    }
    if (!address.isLoopbackAddress() && !allowRemote) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "--bind "
              + bind
              + " is not a loopback address: anyone who reaches it would read the runs and the"
              + " backups. Fix: keep the default 127.0.0.1 (and reach it through an SSH tunnel),"
              + " or add --allow-remote if that is what you want.");
    }
    return new InetSocketAddress(address, port);
  }

  private static Set<String> hosts(InetAddress address) {
    String literal = address.getHostAddress();
    return Set.copyOf(
        List.of(
            "localhost",
            "127.0.0.1",
            "[::1]",
            literal.contains(":") ? "[" + literal + "]" : literal));
  }
}
