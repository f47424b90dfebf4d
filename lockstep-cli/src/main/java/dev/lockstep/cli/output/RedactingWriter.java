package dev.lockstep.cli.output;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes to another writer with the {@link SecretMask}'s secrets masked. Text is passed on a line
 * at a time, so that a secret printed in two pieces is still seen whole; a flush passes on what
 * there is.
 */
public final class RedactingWriter extends Writer {
  private final Writer out;
  private final SecretMask mask;
  private final StringBuilder pending = new StringBuilder();

  public RedactingWriter(Writer out, SecretMask mask) {
    this.out = out;
    this.mask = mask;
  }

  @Override
  public synchronized void write(char[] buffer, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      pending.append(buffer[i]);
      if (buffer[i] == '\n') {
        passOn();
      }
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    passOn();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    out.close();
  }

  private void passOn() throws IOException {
    if (pending.length() > 0) {
      out.write(mask.redact(pending.toString()));
      pending.setLength(0);
    }
  }
}
