package dev.lockstep.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledServicesTest {
  private static final String PROGRAM =
      """
      // a single-file program, named as the sample's are: lower case, a public class inside
      public class Hello {
        public static void main(String[] args) {
          String from = System.getProperty("sample.source") == null ? "source" : "classes";
          System.out.println("hello " + String.join(" ", args) + " from " + from);
        }
      }
      class Helper {}
      """;

  @TempDir Path dir;

  @Test
  void launcher_compiledFile_runsItsClassesWithTheSameArguments() throws Exception {
    Path program = write("hello.java", PROGRAM);
    CompiledServices.shared().compileAll(dir, dir);

    String out = run("-XX:TieredStopAtLevel=1", "-cp", dir.toString(), program.toString(), "a b");

    assertThat(out).isEqualTo("hello a b from classes");
  }

  @Test
  void launcher_withoutAClassPath_stillRunsTheClasses() throws Exception {
    Path program = write("hello.java", PROGRAM.replace("hello \"", "hi \""));
    CompiledServices.shared().compileAll(dir, dir);

    assertThat(run(program.toString(), "x")).isEqualTo("hi x from classes");
  }

  @Test
  void launcher_fileChangedAfterCompiling_runsTheSourceAsGiven() throws Exception {
    Path program = write("hello.java", PROGRAM);
    CompiledServices.shared().compileAll(dir, dir);
    Files.writeString(program, PROGRAM.replace("hello ", "changed "));

    assertThat(run("-cp", dir.toString(), program.toString(), "z"))
        .isEqualTo("changed z from source");
  }

  @Test
  void compileAll_sourceThatDoesNotCompile_isLeftToTheSourceLauncher() throws Exception {
    Path broken = write("broken.java", "public class Broken { void f() { return 1; } }");
    Path fine = write("fine.java", PROGRAM.replace("hello ", "fine "));

    CompiledServices.shared().compileAll(dir, dir);

    assertThat(CompiledServices.shared().isCompiled(broken)).isFalse();
    assertThat(CompiledServices.shared().isCompiled(fine)).isTrue();
    assertThat(run(broken.toString())).contains("error");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static String run(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(CompiledServices.shared().launcher().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }
}
