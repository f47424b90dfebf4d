package dev.lockstep.targets.command;

import dev.lockstep.core.config.ServiceConfig;
import java.util.Locale;

/** The four things the command target can do to a service, each a template in its config. */
public enum Action {
  STOP,
  INSTALL,
  START,
  VERSION;

  /** The service's template for this action, or null when it has none. */
  public String template(ServiceConfig service) {
    return switch (this) {
      case STOP -> service.stop();
      case INSTALL -> service.install();
      case START -> service.start();
      case VERSION -> service.version();
    };
  }

  /** The config key of the template, {@code stop}, {@code install}… */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
