package dev.mds.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the cold path of a command, as a pull-request gate meets it: every run gets a fresh copy of
 * the project with no {@code target/} (no partial-parse cache, no compiled files), made before the
 * clock starts. One warm-up run (the jar and the class-data archive into the page cache), then RUNS
 * timed runs through {@code /usr/bin/time}. Prints the median wall time (and range), the median CPU
 * time (user + system: on a shared machine the steadier measure), the largest peak RSS, and the load
 * average before and after.
 *
 * <p>Copies are made in a new folder each run and deleted only after every run: creating files right
 * where thousands were just deleted is several times slower on some file systems (bench/README.md).
 *
 * <p>Usage: {@code ColdCompile [--no-warm-up] RUNS PROJECT_DIR MDS_LAUNCHER ARGS...}, where
 * {@code {}} in ARGS stands for the fresh copy, e.g.
 * {@code ColdCompile 5 /tmp/p10k ./mds compile --project-dir {}} ({@code --no-warm-up} for the
 * 50,000-model project, where one run is long enough to warm the page cache itself).
 */
public final class ColdCompile {

  private ColdCompile() {
  }

  public static void main(String[] args) throws Exception {
    boolean warmUp = !args[0].equals("--no-warm-up");
    if (!warmUp) {
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    int runs = Integer.parseInt(args[0]);
    Path project = Path.of(args[1]);
    List<String> command = List.of(Arrays.copyOfRange(args, 2, args.length));
    Path scratch = Files.createTempDirectory("mds-cold");
    try {
      String loadBefore = load();
      if (warmUp) {
        run(command, copy(project, scratch.resolve("warm-up")));
      }
      double[] wall = new double[runs];
      double[] cpu = new double[runs];
      long peakKb = 0;
      for (int i = 0; i < runs; i++) {
        Path copy = copy(project, scratch.resolve("run" + i));
        double[] measured = run(command, copy);
        wall[i] = measured[0];
        cpu[i] = measured[1] + measured[2];
        peakKb = Math.max(peakKb, (long) measured[3]);
      }
      double[] sortedWall = wall.clone();
      Arrays.sort(sortedWall);
      double[] sortedCpu = cpu.clone();
      Arrays.sort(sortedCpu);
      System.out.printf(Locale.ROOT, "cold %s (%s): wall median %.2f s (%.2f–%.2f s over %d runs),"
          + " CPU median %.2f s (%.2f–%.2f), peak RSS %d MB; load average %s -> %s%n",
          String.join(" ", command.subList(1, command.size())), project.getFileName(),
          sortedWall[runs / 2], sortedWall[0], sortedWall[runs - 1], runs, sortedCpu[runs / 2],
          sortedCpu[0], sortedCpu[runs - 1], peakKb / 1024, loadBefore, load());
    } finally {
      delete(scratch);
    }
  }

  /** A copy of the project without its {@code target/}, flushed to disk before the clock starts. */
  private static Path copy(Path project, Path to) throws IOException, InterruptedException {
    Files.walkFileTree(project, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        Path relative = project.relativize(dir);
        if (relative.toString().equals("target") || relative.toString().equals("logs")) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(relative.toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(project.relativize(file).toString()),
            StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
    new ProcessBuilder("sync").inheritIO().start().waitFor();
    return to;
  }

  /** Wall seconds, user seconds, system seconds and peak RSS in KB of one run. */
  private static double[] run(List<String> command, Path copy)
      throws IOException, InterruptedException {
    Path report = Files.createTempFile("mds-timing", ".txt");
    try {
      List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-o", report.toString(),
          "-f", "%e %U %S %M"));
      for (String arg : command) {
        timed.add(arg.replace("{}", copy.toString()));
      }
      Process process = new ProcessBuilder(timed)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      int code = process.waitFor();
      if (code != 0) {
        throw new IllegalStateException(String.join(" ", timed) + " exited " + code);
      }
      String[] fields = Files.readString(report).trim().split("\\s+");
      double[] values = new double[4];
      for (int i = 0; i < 4; i++) {
        values[i] = Double.parseDouble(fields[i]);
      }
      return values;
    } finally {
      Files.deleteIfExists(report);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }
}
