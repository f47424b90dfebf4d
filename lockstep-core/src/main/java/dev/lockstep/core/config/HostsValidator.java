package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks {@code target.hosts}: each host's address, user, key file and known-hosts file, before
 * anything connects. A password is refused: keys only, so nothing secret sits in the config.
 */
final class HostsValidator {
  private static final String FIELD = "target.hosts";

  private final ProblemCollector problems;
  private final Function<String, Path> resolver;
  private final Path home;

  HostsValidator(ProblemCollector problems, Function<String, Path> resolver, Path home) {
    this.problems = problems;
    this.resolver = resolver;
    this.home = home;
  }

  Map<String, HostConfig> validate(Map<String, ConfigDocument.Host> docs) {
    Map<String, HostConfig> hosts = new LinkedHashMap<>();
    if (docs == null) {
      return hosts;
    }
    docs.forEach(
        (name, doc) -> {
          String field = FIELD + "." + name;
          if (doc == null) {
            problems.add(field, "is empty.", "give its address, user and keyFile.");
            return;
          }
          if (doc.password() != null) {
            problems.add(
                field + ".password",
                "is refused: Lockstep logs in to hosts with a key only.",
                "remove the password; set keyFile to a private key whose public key is in the"
                    + " host's ~/.ssh/authorized_keys.");
          }
          problems.require(doc.address(), field + ".address", "give the host's name or IP.");
          problems.require(doc.user(), field + ".user", "name the user Lockstep logs in as.");
          int port = doc.port() == null ? 22 : doc.port();
          if (port < 1 || port > 65535) {
            problems.add(field + ".port", port + " is not a TCP port.", "use 1 to 65535.");
          }
          Path keyFile = readable(doc.keyFile(), field + ".keyFile", keyFix(name));
          Path knownHosts =
              readable(
                  doc.knownHosts() == null
                      ? home.resolve(".ssh/known_hosts").toString()
                      : doc.knownHosts(),
                  field + ".knownHosts",
                  "add the host's key, after checking its fingerprint with the host's owner:"
                      + " ssh-keyscan -p "
                      + port
                      + " "
                      + doc.address()
                      + " >> <that file>.");
          hosts.put(
              name, new HostConfig(name, doc.address(), port, doc.user(), keyFile, knownHosts));
        });
    return hosts;
  }

  private static String keyFix(String host) {
    return "set keyFile to the private key Lockstep logs in to "
        + host
        + " with (ssh-keygen -t ed25519 -N '' -f <file>, then its .pub into the host's"
        + " ~/.ssh/authorized_keys).";
  }

  /** The file, resolved against the config's folder, when it exists and can be read. */
  private Path readable(String path, String field, String fix) {
    if (problems.require(path, field, fix) == null) {
      return null;
    }
    Path file = resolver.apply(path);
    if (!Files.isRegularFile(file)) {
      problems.add(field, file + " does not exist.", fix);
    } else if (!Files.isReadable(file)) {
      problems.add(field, file + " cannot be read by this user.", fix);
    }
    return file;
  }
}
