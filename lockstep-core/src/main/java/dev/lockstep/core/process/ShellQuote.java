package dev.lockstep.core.process;

import java.util.regex.Pattern;

/**
 * Quotes a value for a POSIX shell command line. Values made only of characters that mean the same
 * to a shell quoted or not stay as they are; anything else (a path with a space, a crafted package
 * name) is single-quoted, so that a value from a manifest or a config can never add shell syntax to
 * a command that may run as root.
 */
public final class ShellQuote {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

  private ShellQuote() {}

  public static String ifNeeded(String value) {
    if (SHELL_SAFE.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
