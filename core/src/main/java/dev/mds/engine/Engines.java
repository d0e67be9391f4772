package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.project.Target;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The engine registry: a profile's {@code type:} to its {@link EngineProvider}. DuckDB is built in
 * and answered without any look-up, so DuckDB-only runs load nothing more than before. Any other
 * type is looked up with {@link ServiceLoader} on the class path (an engine module on the test
 * class path, or a build that bundles one), then in the engine's plugin folder, whose jars are
 * loaded by a class loader of their own (see {@link #pluginFolders}): an engine's dependencies
 * (Spark's ~320 MB) never sit on the class path of a DuckDB install.
 *
 * <p>Providers are kept per type for the life of the process: a plugin's class loader, once made,
 * is what every later use must share (two copies of Spark in one JVM do not work).
 */
public final class Engines {

  /** The built-in engine's type, which a target without a profile gets. */
  public static final String DUCKDB = "duckdb";

  /** Folders or jars (separated as the class path is) to load engine jars from, before the others. */
  static final String PATH_VARIABLE = "MDS_ENGINE_PATH";

  private static final Map<String, EngineProvider> PROVIDERS = new ConcurrentHashMap<>();

  private Engines() {
  }

  /** The provider of {@code target}'s type, or a one-line error on how to install it. */
  public static EngineProvider provider(Target target) {
    String type = target.type().toLowerCase(Locale.ROOT);
    if (type.equals(DUCKDB)) {
      return DuckDbEngine.INSTANCE;
    }
    return PROVIDERS.computeIfAbsent(type, t -> find(t).orElseThrow(() -> notInstalled(target)));
  }

  /** Opens {@code target}'s engine. */
  public static Warehouse open(Target target, EngineOptions options) {
    return provider(target).open(target, options);
  }

  /**
   * Lets a run's engine start in the background while the project parses
   * ({@link EngineProvider#warmUp}); nothing for DuckDB, nor when the engine is not installed
   * (opening it says so).
   */
  public static void warmUp(Target target) {
    if (isDuckDb(target)) {
      return;
    }
    try {
      provider(target).warmUp(target);
    } catch (RuntimeException notInstalled) {
      // Reported, with what to install, when the run opens the target.
    }
  }

  /** The dialect of {@code target}'s engine (no connection is opened). */
  public static Dialect dialect(Target target) {
    return provider(target).dialect();
  }

  /** Whether {@code target} runs on the built-in DuckDB engine. */
  public static boolean isDuckDb(Target target) {
    return target.type().equalsIgnoreCase(DUCKDB);
  }

  private static Optional<EngineProvider> find(String type) {
    Optional<EngineProvider> onClassPath = find(type, Engines.class.getClassLoader());
    if (onClassPath.isPresent()) {
      return onClassPath;
    }
    // MDS_ENGINE_PATH's entries together, else the first folder with jars: an engine named there
    // beside an installed one must not put two copies of it on one class loader.
    String enginePath = System.getenv(PATH_VARIABLE);
    List<Path> folders = pluginFolders(type, enginePath, codeLocation());
    int named = pluginFolders(type, enginePath, null).size();
    List<URL> jars = new ArrayList<>();
    for (int i = 0; i < folders.size() && (jars.isEmpty() || i < named); i++) {
      jars.addAll(jars(folders.get(i)));
    }
    if (jars.isEmpty()) {
      return Optional.empty();
    }
    URLClassLoader loader = new EngineClassLoader("mds-engine-" + type, jars.toArray(URL[]::new),
        Engines.class.getClassLoader());
    Optional<EngineProvider> provider = find(type, loader);
    if (provider.isPresent()) {
      // Spark (and libraries like it) load classes through the thread's context class loader;
      // threads started from here on (the scheduler's workers) inherit it.
      Thread.currentThread().setContextClassLoader(loader);
    }
    return provider;
  }

  private static Optional<EngineProvider> find(String type, ClassLoader loader) {
    for (EngineProvider provider : ServiceLoader.load(EngineProvider.class, loader)) {
      if (provider.type().equalsIgnoreCase(type)) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }

  /**
   * Where the jars of engine {@code type} are looked for, in order: each entry of
   * {@code MDS_ENGINE_PATH}; {@code engines/<type>/} beside mds's core jar (an installed
   * archive: {@code <install>/lib/engines/spark/}); and, in a source checkout,
   * {@code <type>/target/engine/} in the repository (the engine module's build puts its jar and
   * dependencies there), found by walking up from the core jar or classes folder.
   *
   * @param codeLocation the core jar or classes folder; null when unknown
   */
  static List<Path> pluginFolders(String type, String enginePath, Path codeLocation) {
    List<Path> folders = new ArrayList<>();
    if (enginePath != null && !enginePath.isBlank()) {
      for (String entry : enginePath.split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          folders.add(Path.of(entry.strip()));
        }
      }
    }
    if (codeLocation != null) {
      Path dir = Files.isDirectory(codeLocation) ? codeLocation : codeLocation.getParent();
      if (dir != null) {
        folders.add(dir.resolve("engines").resolve(type));
        Path up = dir;
        for (int i = 0; i < 4 && up != null; i++) {
          folders.add(up.resolve(type).resolve("target").resolve("engine"));
          up = up.getParent();
        }
      }
    }
    return folders;
  }

  /** The jars in {@code folder}, or {@code folder} itself when it is a jar. */
  private static List<URL> jars(Path folder) {
    List<URL> urls = new ArrayList<>();
    try {
      if (Files.isRegularFile(folder) && folder.toString().endsWith(".jar")) {
        urls.add(folder.toUri().toURL());
      } else if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
            urls.add(jar.toUri().toURL());
          }
        }
      }
    } catch (IOException e) {
      // An unreadable folder holds no engine for us; the error names what to install.
    }
    return urls;
  }

  private static Path codeLocation() {
    try {
      java.security.CodeSource source = Engines.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static MdsException notInstalled(Target target) {
    String type = target.type();
    String name = type.isEmpty() ? type
        : type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1);
    return new MdsException(target.profilesFile().map(Path::toString).orElse("profiles.yml")
        + ": profile '" + target.profileName() + "' target '" + target.name() + "' has type '"
        + type + "' but the " + name + " engine is not installed (build it with `mvn -pl "
        + type + " -am package`, or unpack it into lib/engines/" + type + "/ of the mds"
        + " installation, or name its jars' folder in " + PATH_VARIABLE + ")");
  }
}
