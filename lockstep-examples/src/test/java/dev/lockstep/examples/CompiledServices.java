package dev.lockstep.examples;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The sample product's services, compiled once per test JVM instead of at every start.
 *
 * <p>The sample's config runs a service as {@code ${JAVA} [options] -cp <driver> <file>.java
 * [args]}: Java's source launcher, which compiles the file each time it starts (about 1.5 s of CPU,
 * three times what starting the compiled classes costs). The crash and fault tests start services
 * hundreds of times on two cores, so tests point {@code JAVA} at {@link #launcher()}: a script that
 * looks the file up by its sha256 among the sources compiled here and runs their classes, in the
 * same process ({@code exec}, so the pid Lockstep tracks is the service's). A file compiled under
 * another content, or any other command, it runs exactly as given; so does the demo, which never
 * uses it ({@code DemoIT} runs the source launcher through the jar).
 */
public final class CompiledServices {
  private static CompiledServices shared;

  private final Path root;
  private final Path classes;
  private final Path launcher;

  private CompiledServices(Path root) throws IOException {
    this.root = root;
    this.classes = Files.createDirectories(root.resolve("classes"));
    this.launcher = root.resolve("java");
    Files.writeString(launcher, script(javaHome().resolve("bin").resolve("java"), classes));
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
  }

  /** The one of this JVM, in a temporary folder deleted when the JVM exits. */
  public static synchronized CompiledServices shared() {
    if (shared == null) {
      try {
        // Not "lockstep-…": DemoIT checks that the demo leaves no such folder, and a test running
        // beside it may create this one meanwhile.
        shared = new CompiledServices(Files.createTempDirectory("sample-services-classes-"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot set up the compiled services", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::delete));
    }
    return shared;
  }

  /** What a sample deployment's environment needs to start its services through the launcher. */
  public Map<String, String> environment() {
    return Map.of("JAVA", launcher.toString());
  }

  public Path launcher() {
    return launcher;
  }

  /**
   * Compiles every {@code *.java} under {@code folder} not compiled yet, against {@code classPath};
   * a source that does not compile is left to the source launcher, which will say why.
   */
  public synchronized void compileAll(Path folder, Path classPath) {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(folder)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the sources under " + folder, e);
    }
    for (Path source : sources) {
      byte[] content = read(source);
      Path target = classes.resolve(Sha256.of(content));
      if (!Files.isDirectory(target)) {
        compile(source, new String(content, StandardCharsets.UTF_8), classPath, target);
      }
    }
  }

  /** Whether the launcher would run {@code source} from classes compiled here. */
  public boolean isCompiled(Path source) {
    return Files.isRegularFile(classes.resolve(Sha256.of(read(source))).resolve("main-class"));
  }

  /**
   * Compiles into a fresh folder and moves it into place complete, with the name of the class the
   * source launcher would run: the first top-level class of the file.
   */
  private void compile(Path source, String content, Path classPath, Path target) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      return; // a JRE without javac: every service keeps the source launcher
    }
    try {
      Path building = Files.createTempDirectory(classes, ".building-");
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files =
          compiler.getStandardFileManager(diagnostics, null, null)) {
        JavacTask task =
            (JavacTask)
                compiler.getTask(
                    null,
                    files,
                    diagnostics,
                    List.of(
                        "-proc:none",
                        "-nowarn",
                        "-classpath",
                        classPath.toString(),
                        "-d",
                        building.toString()),
                    null,
                    List.of(new SingleFile(source, content)));
        Optional<String> main = firstTopLevelClass(task.parse());
        boolean compiled = main.isPresent() && task.generate().iterator().hasNext();
        if (compiled
            && diagnostics.getDiagnostics().stream().noneMatch(CompiledServices::isError)) {
          Files.writeString(building.resolve("main-class"), main.get());
          Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
          return;
        }
      }
      deleteTree(building);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compile " + source, e);
    }
  }

  private static boolean isError(javax.tools.Diagnostic<? extends JavaFileObject> diagnostic) {
    return diagnostic.getKind() == javax.tools.Diagnostic.Kind.ERROR;
  }

  private static Optional<String> firstTopLevelClass(
      Iterable<? extends CompilationUnitTree> units) {
    for (CompilationUnitTree unit : units) {
      for (Tree type : unit.getTypeDecls()) {
        if (type instanceof ClassTree declared) {
          return Optional.of(declared.getSimpleName().toString());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The source as the launcher reads it: any file name, so that {@code api.java} may hold the
   * public class {@code Api}.
   */
  private static final class SingleFile extends SimpleJavaFileObject {
    private final String content;

    SingleFile(Path source, String content) {
      super(URI.create("file://" + source.toAbsolutePath()), Kind.SOURCE);
      this.content = content;
    }

    @Override
    public boolean isNameCompatible(String simpleName, Kind kind) {
      return kind == Kind.SOURCE;
    }

    @Override
    public NestingKind getNestingKind() {
      return null;
    }

    @Override
    public Modifier getAccessLevel() {
      return null;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return content;
    }
  }

  /**
   * {@code java [options] <file>.java [args]} becomes {@code java [options] -cp <classes> -D…
   * <MainClass> [args]} when {@code classes/<sha256 of file>} holds its classes; anything else runs
   * as given. POSIX sh: the services' environment is Lockstep's, and sh is all it can count on.
   */
  private static String script(Path java, Path classes) {
    return """
        #!/bin/sh
        # Written by the tests (CompiledServices): runs a single-file Java program from classes
        # compiled ahead for a file with the same sha256, instead of compiling it at every start.
        java='%s'
        classes='%s'
        n=0; at=0; cp_at=0; source=; after=
        for arg do
          n=$((n + 1))
          if [ "$after" = cp ]; then cp_at=$n; after=; continue; fi
          case $arg in
            -cp|-classpath|--class-path) after=cp ;;
            --module-path|-p|--add-modules|--upgrade-module-path|--limit-modules) exec "$java" "$@" ;;
            -*) ;;
            *) at=$n; source=$arg; break ;;
          esac
        done
        case $source in *.java) ;; *) exec "$java" "$@" ;; esac
        sha=$(sha256sum < "$source" 2>/dev/null | cut -c1-64)
        [ -n "$sha" ] && [ -f "$classes/$sha/main-class" ] || exec "$java" "$@"
        main=$(cat "$classes/$sha/main-class")
        i=0
        for arg do
          shift
          i=$((i + 1))
          if [ $i -eq $cp_at ]; then
            set -- "$@" "$arg:$classes/$sha"
          elif [ $i -eq $at ] && [ $cp_at -eq 0 ]; then
            set -- "$@" -cp "$classes/$sha" "-Dsample.source=$arg" "$main"
          elif [ $i -eq $at ]; then
            set -- "$@" "-Dsample.source=$arg" "$main"
          else
            set -- "$@" "$arg"
          fi
        done
        exec "$java" "$@"
        """
        .formatted(java, classes);
  }

  private static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  private static byte[] read(Path source) {
    try {
      return Files.readAllBytes(source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private void delete() {
    deleteTree(root);
  }

  private static void deleteTree(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is not worth failing for.
    }
  }
}
