package dev.mds;

import java.io.PrintStream;

/**
 * Wall-clock phase timings for performance work: with the environment variable
 * {@code MDS_TIMINGS=1}, each {@link #lap} prints the milliseconds since the previous lap (or since
 * the JVM started) to standard error. Off, a lap costs one branch.
 *
 * <p>Its clock is the one mutable static state besides the render context (DESIGN.md): a
 * diagnostic that commands in different packages report to without passing a timer around.
 */
public final class Timings {

  private static final boolean ON = "1".equals(System.getenv("MDS_TIMINGS"));
  private static final PrintStream OUT = System.err;
  private static long last = ON ? jvmStart() : 0;
  private static long lastCpu;

  private Timings() {
  }

  /** Prints how long the phase that ends now took, when timings are on. */
  public static synchronized void lap(String phase) {
    if (!ON) {
      return;
    }
    long now = System.currentTimeMillis();
    // The process's CPU time (all threads, JIT and collector included) beside the wall time: on
    // two cores a phase can be short on the clock and still dear.
    long cpu = cpuMillis();
    OUT.printf("[timings] %-34s %5d ms (at %d ms; CPU %d ms)%n", phase, now - last,
        now - jvmStart(), cpu - lastCpu);
    last = now;
    lastCpu = cpu;
  }

  /** Whether timings are on (to skip gathering what only {@link #note} would print). */
  public static boolean on() {
    return ON;
  }

  /** Prints a line of detail about the phase under way, when timings are on. */
  public static synchronized void note(String detail) {
    if (ON) {
      OUT.println("[timings]   " + detail);
    }
  }

  private static long cpuMillis() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() / 1_000_000 : 0;
  }

  private static long jvmStart() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
  }
}
