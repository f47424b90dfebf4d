package dev.lockstep.backup.tree;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lockstep.core.io.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * The index of a file tree: one JSON object per line, one line per {@link TreeEntry}, in {@link
 * TreeEntry#compare} order. Lines rather than one document, so that a tree of a million files is
 * written and checked one entry at a time. The index carries no version of its own: it is written
 * with its set and only read through the set's manifest, whose {@code formatVersion} covers the
 * shape of these lines.
 */
public final class TreeIndex {
  private static final ObjectWriter WRITER =
      Json.mapper().writerFor(TreeEntry.class).without(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectReader READER = Json.mapper().readerFor(TreeEntry.class);

  private TreeIndex() {}

  /** Writes entries; closing it closes the stream underneath. */
  public static final class Writer implements Closeable {
    private final BufferedWriter out;

    public Writer(OutputStream stream) {
      this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    }

    public void write(TreeEntry entry) throws IOException {
      out.write(WRITER.writeValueAsString(entry));
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads entries back, with one entry of look-ahead for merging. */
  public static final class Reader implements Closeable {
    private final BufferedReader in;
    private TreeEntry next;
    private boolean read;

    public Reader(InputStream stream) {
      this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** The next entry without consuming it, or null at the end. */
    public TreeEntry peek() throws IOException {
      if (!read) {
        String line = in.readLine();
        while (line != null && line.isBlank()) {
          line = in.readLine();
        }
        next = line == null ? null : parse(line);
        read = true;
      }
      return next;
    }

    public TreeEntry next() throws IOException {
      TreeEntry entry = peek();
      read = false;
      return entry;
    }

    private static TreeEntry parse(String line) throws IOException {
      return READER.readValue(line);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
