package dev.mds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started without Spark's --add-opens flags (plain `java -jar mds.jar`) gets one line saying
 * what to do, naming the profile, instead of Spark's access error from deep inside its storage.
 */
class SparkWithoutJdkFlagsTest {

  @Test
  void inProcessSparkWithoutTheFlagsIsOneLineNamingTheProfile(@TempDir Path project)
      throws Exception {
    Files.writeString(project.resolve("dbt_project.yml"), "name: shop\nprofile: shop\n");
    Files.writeString(project.resolve("profiles.yml"), """
        shop:
          target: spark
          outputs:
            spark:
              type: spark
              method: session
              master: "local[1]"
              schema: shop
        """);
    Files.createDirectories(project.resolve("seeds"));
    Files.writeString(project.resolve("seeds/markets.csv"), "market\nDE\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        "-Dslf4j.internal.verbosity=ERROR", "dev.mds.cli.Mds", "seed", "--project-dir",
        project.toString()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "mds did not finish");
    assertEquals(2, child.exitValue(), err);
    assertTrue(err.contains("profiles.yml: profile 'shop' target 'spark'"), err);
    assertTrue(err.contains("--add-opens"), err);
    assertFalse(err.contains("\tat "), "no stack trace without --debug: " + err);
  }
}
