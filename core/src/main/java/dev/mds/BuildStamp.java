package dev.mds;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Identifies this build of mds for caches under {@code target/}: its version plus the size and
 * time of the jar (or classes folder) it runs from, so a rebuilt snapshot does not reuse what an
 * older one computed.
 */
public final class BuildStamp {

  private static final String STAMP = compute();

  private BuildStamp() {
  }

  public static String of() {
    return STAMP;
  }

  private static String compute() {
    String version = BuildStamp.class.getPackage().getImplementationVersion();
    try {
      Path code = Path.of(BuildStamp.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      return version + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
    } catch (java.net.URISyntaxException | java.io.IOException | RuntimeException e) {
      // No jar to stamp (an unusual class loader): the version alone identifies the build.
      return version + " unknown";
    }
  }
}
