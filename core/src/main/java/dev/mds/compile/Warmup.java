package dev.mds.compile;

import dev.mds.Background;
import dev.mds.CacheFile;
import dev.mds.Digest;
import dev.mds.project.YamlReader;
import dev.mds.template.TemplateEngine;
import java.util.concurrent.CompletableFuture;

/**
 * The first use of the libraries every project command needs (Jackson's binding of
 * {@code partial_parse.json}, SnakeYAML, Pebble, SHA-256), made on another core while the command
 * line is still being built: in a fresh JVM each costs tens of milliseconds of class loading and
 * set-up, most of it interpreted, that would otherwise sit on the parse's path.
 */
public final class Warmup {

  private Warmup() {
  }

  /**
   * Starts the warm-up. The caller joins it before doing anything else with these libraries, so
   * two threads never initialise the same classes at once.
   */
  public static CompletableFuture<Void> start() {
    return Background.start("warm-up", () -> {
      run();
      return null;
    });
  }

  static void run() {
    ParseCache.warmUp();
    CacheFile.warmUp();
    YamlReader.parseMap("models:\n  - name: a\n    columns: [{name: b, tests: [unique]}]\n",
        "warm-up");
    TemplateEngine.warmUp();
    Digest.of("warm-up");
  }
}
