package dev.mds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes the per-node files of {@code target/} (compiled and run SQL). A build rewrites a thousand
 * or more of them, mostly with what they already hold; truncating and rewriting a file costs far
 * more than reading it back (on ext4 the truncate also forces the old blocks out), so a file that
 * already holds the text is left alone. One instance per run or compile remembers the folders it
 * has made, so each is created once rather than stat-ing every parent for every file, and writes
 * straight into a folder it created (a first compile), where there is nothing to compare with.
 *
 * <p>A run writes {@link #inBackground}: on a thread of its own, in order, so that a worker goes
 * from one node's statements to the next without waiting for the disk.
 */
public final class TextFiles {

  /** Each folder written to, and whether this writer created it (so every file in it is new). */
  private final Map<Path, Boolean> folders = new ConcurrentHashMap<>();
  private final ExecutorService queue;
  private final Queue<String> unwritten = new ConcurrentLinkedQueue<>();

  /** Writes at once; {@link #write} throws what fails. */
  public TextFiles() {
    this.queue = null;
  }

  private TextFiles(ExecutorService queue) {
    this.queue = queue;
  }

  /**
   * Writes on a thread of its own: {@link #write} returns at once and never throws, and
   * {@link #finish} waits for every file and names those that could not be written.
   */
  public static TextFiles inBackground() {
    return new TextFiles(Background.queue("files"));
  }

  /**
   * Waits until every file handed to a background writer is written; returns the ones that could
   * not be (path and reason). Empty for a writer that writes at once.
   */
  public List<String> finish() {
    if (queue != null) {
      Background.drain(queue);
    }
    return List.copyOf(unwritten);
  }

  /**
   * Throws, naming the first file and how many others, when {@code unwritten} (what
   * {@link #finish} returned) is not empty.
   */
  public static void requireWritten(List<String> unwritten) {
    if (!unwritten.isEmpty()) {
      throw new MdsException("Cannot write " + unwritten.get(0) + (unwritten.size() > 1
          ? " and " + (unwritten.size() - 1) + " other files" : ""));
    }
  }

  /**
   * Writes {@code text} to {@code file} like {@link #writeIfChanged}, creating its folder the first
   * time (a second writer to the same new folder waits until it exists); in the background for a
   * writer made {@link #inBackground}.
   */
  public void write(Path file, String text) throws IOException {
    if (queue == null) {
      writeNow(file, text);
      return;
    }
    try {
      queue.execute(() -> {
        try {
          writeNow(file, text);
        } catch (IOException | RuntimeException e) {
          unwritten.add(file + " (" + e.getMessage() + ")");
        }
      });
    } catch (RejectedExecutionException finished) {
      // After finish(): nothing waits for the queue any more, so write at once.
      writeNow(file, text);
    }
  }

  private void writeNow(Path file, String unscrubbed) throws IOException {
    String text = Secrets.scrub(unscrubbed);
    boolean newFolder;
    try {
      newFolder = folders.computeIfAbsent(file.getParent(), folder -> {
        try {
          boolean existed = Files.isDirectory(folder);
          Files.createDirectories(folder);
          return !existed;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (newFolder) {
      // Nothing to compare with: no failed open (and exception) per file of a first compile.
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } else {
      writeIfChanged(file, text);
    }
  }

  /** Writes {@code text} (UTF-8) to {@code file} unless the file holds exactly that already. */
  static void writeIfChanged(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      // No separate size check: reading a small file costs about what a stat does.
      if (Arrays.equals(Files.readAllBytes(file), bytes)) {
        return;
      }
    } catch (NoSuchFileException e) {
      // A new file: write it.
    }
    Files.write(file, bytes);
  }
}
