package dev.lockstep.postgres.migrate;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Routes Flyway's log to java.util.logging, one level down: Flyway's info lines ("Migrating schema
 * ...") become FINE, so they stay off the console unless asked for, and its error lines too,
 * because Lockstep reports every failure itself. Warnings stay warnings. Flyway instantiates this
 * class by name (the {@code loggers} setting), hence public with a no-argument constructor.
 */
public final class FlywayLogBridge implements LogCreator {

  @Override
  public Log createLogger(Class<?> type) {
    Logger logger = Logger.getLogger(type.getName());
    String source = type.getName();
    return new Log() {
      @Override
      public void debug(String message) {
        logger.logp(Level.FINEST, source, null, message);
      }

      @Override
      public void info(String message) {
        logger.logp(Level.FINE, source, null, message);
      }

      @Override
      public void warn(String message) {
        logger.logp(Level.WARNING, source, null, message);
      }

      @Override
      public void error(String message) {
        logger.logp(Level.FINE, source, null, message);
      }

      @Override
      public void error(String message, Exception e) {
        logger.logp(Level.FINE, source, null, message, e);
      }

      @Override
      public void notice(String message) {
        logger.logp(Level.FINE, source, null, message);
      }
    };
  }
}
