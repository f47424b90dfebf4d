package dev.lockstep.backup.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a new file and forces it to disk when closed: a backup's files must be on disk before its
 * folder is renamed into place, or a power cut could leave a complete-looking backup with holes.
 */
public final class SyncedFileStream extends OutputStream {
  private final FileChannel channel;

  /** Creates {@code file}, which must not exist yet. */
  public SyncedFileStream(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  @Override
  public void close() throws IOException {
    if (!channel.isOpen()) {
      return;
    }
    try {
      channel.force(true);
    } finally {
      channel.close();
    }
  }
}
