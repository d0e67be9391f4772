package dev.mds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times a whole {@code mds} command the way a user runs it: one warm-up run (which also fills
 * mds's caches under {@code target/}), then RUNS timed runs through {@code /usr/bin/time}, each
 * a fresh process. Prints the median, the fastest and slowest wall time, the largest peak RSS and
 * the machine's load average before and after (a second busy process skews every figure).
 *
 * <p>Usage: {@code CommandTiming RUNS MDS_LAUNCHER ARGS...}, e.g.
 * {@code CommandTiming 5 ./mds compile --project-dir /tmp/p10k}.
 */
public final class CommandTiming {

  private CommandTiming() {
  }

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    List<String> command = List.of(Arrays.copyOfRange(args, 1, args.length));
    String loadBefore = load();
    run(command);
    double[] seconds = new double[runs];
    long peakKb = 0;
    for (int i = 0; i < runs; i++) {
      double[] measured = run(command);
      seconds[i] = measured[0];
      peakKb = Math.max(peakKb, (long) measured[1]);
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s: median %.2f s (%.2f–%.2f s over %d runs), peak RSS %d MB;"
        + " load average %s -> %s%n", String.join(" ", command.subList(1, command.size())),
        sorted[runs / 2], sorted[0], sorted[runs - 1], runs, peakKb / 1024, loadBefore, load());
  }

  /** Wall seconds and peak RSS in KB of one run. */
  private static double[] run(List<String> command) throws IOException, InterruptedException {
    Path report = Files.createTempFile("mds-timing", ".txt");
    try {
      List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-o", report.toString(),
          "-f", "%e %M"));
      timed.addAll(command);
      Process process = new ProcessBuilder(timed)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      int code = process.waitFor();
      if (code != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + code);
      }
      String[] fields = Files.readString(report).trim().split("\\s+");
      return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])};
    } finally {
      Files.deleteIfExists(report);
    }
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }
}
