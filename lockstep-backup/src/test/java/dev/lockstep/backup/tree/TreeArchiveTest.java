package dev.lockstep.backup.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeArchiveTest {
  @TempDir Path source;
  @TempDir Path target;

  @Test
  void walk_visitsInTheOrderTheIndexIsMergedIn() throws Exception {
    for (String name : List.of("a/x", "a.b", "a!c", "b", "a/y/z")) {
      Files.createDirectories(source.resolve(name).getParent());
      Files.writeString(source.resolve(name), name);
    }
    List<String> visited = new ArrayList<>();

    TreeWalker.walk(source, found -> visited.add(found.path()));

    assertThat(visited).containsExactly(".", "a", "a/x", "a/y", "a/y/z", "a!c", "a.b", "b");
    assertThat(visited).isSortedAccordingTo(TreeEntry::compare);
  }

  @Test
  void archiveThenExtract_reproducesTheTreeAndTheIndexMatchesIt() throws Exception {
    Files.createDirectories(source.resolve("x/y"));
    Files.writeString(source.resolve("x/y/file.txt"), "content");
    Files.writeString(source.resolve("top.txt"), "top");
    Files.createSymbolicLink(source.resolve("link"), Path.of("x/y/file.txt"));
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    try (TreeIndex.Writer writer = new TreeIndex.Writer(index)) {
      new TreeArchiver(n -> {}).archive(source, tar, writer);
    }

    new TreeExtractor(target).extract(new ByteArrayInputStream(tar.toByteArray()));

    assertThat(Files.readString(target.resolve("x/y/file.txt"))).isEqualTo("content");
    assertThat(Files.readSymbolicLink(target.resolve("link"))).isEqualTo(Path.of("x/y/file.txt"));
    assertThat(diff(target, index)).isEmpty();
    assertThat(index.toString()).contains("\"path\":\"top.txt\"").contains("\"mode\":\"0644\"");
  }

  @Test
  void diff_namesMissingExtraChangedAndRetypedEntries() throws Exception {
    Files.createDirectories(source.resolve("dir"));
    Files.writeString(source.resolve("dir/kept.txt"), "same");
    Files.writeString(source.resolve("changed.txt"), "before");
    Files.writeString(source.resolve("gone.txt"), "gone");
    Files.writeString(source.resolve("retyped"), "file");
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    try (TreeIndex.Writer writer = new TreeIndex.Writer(index)) {
      new TreeArchiver(n -> {}).archive(source, new ByteArrayOutputStream(), writer);
    }
    Files.writeString(source.resolve("changed.txt"), "after!");
    Files.delete(source.resolve("gone.txt"));
    Files.writeString(source.resolve("dir/extra.txt"), "extra");
    Files.delete(source.resolve("retyped"));
    Files.createDirectory(source.resolve("retyped"));

    List<String> differences = diff(source, index);

    assertThat(differences)
        .containsExactly(
            "changed.txt: changed (6 bytes, sha256 "
                + dev.lockstep.core.io.Sha256.of("after!".getBytes())
                + "; the backup has 6 bytes, sha256 "
                + dev.lockstep.core.io.Sha256.of("before".getBytes())
                + ")",
            "dir/extra.txt: not in the backup",
            "gone.txt: missing",
            "retyped: is a folder, the backup has a file");
  }

  @Test
  void extract_entryLeavingTheFolder_isRefused() throws Exception {
    byte[] tar = tar(new TarArchiveEntry("../escape.txt"));

    assertThatThrownBy(() -> new TreeExtractor(target).extract(new ByteArrayInputStream(tar)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("../escape.txt");
  }

  @Test
  void extract_entryUnderAnExtractedSymbolicLink_isRefused() throws Exception {
    TarArchiveEntry link = new TarArchiveEntry("out", TarConstants.LF_SYMLINK);
    link.setLinkName(source.toString());
    byte[] tar = tar(link, new TarArchiveEntry("out/planted.txt"));

    assertThatThrownBy(() -> new TreeExtractor(target).extract(new ByteArrayInputStream(tar)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("under the symbolic link out");
    assertThat(source.resolve("planted.txt")).doesNotExist();
  }

  private static List<String> diff(Path folder, ByteArrayOutputStream index) throws IOException {
    try (TreeIndex.Reader reader =
        new TreeIndex.Reader(new ByteArrayInputStream(index.toByteArray()))) {
      return new TreeDiff(n -> {}).compare(folder, reader);
    }
  }

  private static byte[] tar(TarArchiveEntry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      for (TarArchiveEntry entry : entries) {
        out.putArchiveEntry(entry);
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
