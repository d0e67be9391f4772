package dev.mds.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a main class from the test classpath, with its output collected line by
 * line so a test can wait for a line. Close it in a finally block: it is destroyed forcibly.
 */
final class JavaProcess implements AutoCloseable {

  final Process process;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch ended = new CountDownLatch(1);

  private JavaProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException e) {
        // The process was destroyed while we read: the lines so far are all there is.
      } finally {
        ended.countDown();
      }
    }, "java-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code java -cp <test classpath> mainClass args...} in {@code dir}. */
  static JavaProcess start(Path dir, Class<?> mainClass, String... args) throws IOException {
    return start(dir, List.of(), mainClass, args);
  }

  /** The same with JVM options such as {@code -Xmx256m} before the class name. */
  static JavaProcess start(Path dir, List<String> jvmOptions, Class<?> mainClass, String... args)
      throws IOException {
    return start(dir, jvmOptions, java.util.Map.of(), mainClass, args);
  }

  /** The same with extra environment variables. */
  static JavaProcess start(Path dir, List<String> jvmOptions, java.util.Map<String, String> env,
      Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dslf4j.internal.verbosity=ERROR");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    return new JavaProcess(process);
  }

  /** Waits for a line containing {@code text}; fails with the output so far if none comes. */
  void awaitLine(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (lines) {
      while (lines.stream().noneMatch(l -> l.contains(text))) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || (ended.getCount() == 0 && !process.isAlive())) {
          throw new AssertionError("no line containing '" + text + "' within " + seconds
              + "s; output:\n" + output());
        }
        lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
      }
    }
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does. */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid()))
        .redirectErrorStream(true).start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -INT failed");
    }
  }

  /** Ends the process: SIGTERM first, so DuckDB's extracted native library is deleted on exit. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    ended.await(5, TimeUnit.SECONDS);
  }
}
