package dev.mds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.compile.FileChecksum;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large file's fact is read again only when its size, time or inode changed; small files,
 * files changed just before they were read, and no cache at all mean reading every time.
 */
class FileFactsTest {

  @TempDir
  Path dir;

  private final AtomicInteger reads = new AtomicInteger();

  /** The fact these tests keep: the file's checksum, counting the reads; saved at once. */
  private String checksum(FileFacts facts, Path file) throws Exception {
    String checksum = facts.of(file, f -> {
      reads.incrementAndGet();
      return FileChecksum.ofFile(f);
    });
    facts.save();
    return checksum;
  }

  private FileFacts cache() {
    return FileFacts.in(dir.resolve("target").resolve("facts.json"));
  }

  /** A CSV of about {@code bytes} bytes whose last modification was an hour ago. */
  private Path csv(String name, long bytes) throws Exception {
    StringBuilder csv = new StringBuilder("market,member_no\n");
    for (int i = 0; csv.length() < bytes; i++) {
      csv.append("UK,").append(100_000 + i).append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, csv);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
    return file;
  }

  private Path large(String name) throws Exception {
    return csv(name, FileFacts.ALWAYS_READ_BELOW + 1000);
  }

  /**
   * Rewrites the first row in place (same size, same inode) and puts the time back: a change the
   * cache cannot see, which shows whether the file was read again.
   */
  static void changeUnseen(Path file) throws Exception {
    FileTime time = Files.getLastModifiedTime(file);
    try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
      channel.position("market,member_no\n".length());
      channel.write(ByteBuffer.wrap("DE".getBytes(StandardCharsets.US_ASCII)));
    }
    Files.setLastModifiedTime(file, time);
  }

  @Test
  void aLargeFilesFactIsReadOnceWhileItsSizeTimeAndInodeStayTheSame() throws Exception {
    Path big = large("big.csv");
    String original = checksum(cache(), big);
    assertEquals(FileChecksum.ofFile(big), original);

    changeUnseen(big);

    assertEquals(original, checksum(cache(), big), "kept in the cache file");
    assertEquals(1, reads.get());
    assertTrue(Files.readString(dir.resolve("target/facts.json")).contains("big.csv"));
  }

  @Test
  void aNewTimeOrSizeOrFileMeansReadingAgain() throws Exception {
    Path big = large("big.csv");
    checksum(cache(), big);

    changeUnseen(big);
    Files.setLastModifiedTime(big, FileTime.from(Instant.now().minus(30, ChronoUnit.MINUTES)));
    assertEquals(FileChecksum.ofFile(big), checksum(cache(), big), "new time");

    FileTime time = Files.getLastModifiedTime(big);
    Files.writeString(big, "UK,1\n", StandardOpenOption.APPEND);
    Files.setLastModifiedTime(big, time);
    assertEquals(FileChecksum.ofFile(big), checksum(cache(), big), "new size");

    // A new extract moved into place: same size and time, another inode.
    Path replacement = dir.resolve("replacement.csv");
    Files.write(replacement, Files.readAllBytes(big));
    changeUnseen(replacement);
    Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(big));
    Files.move(replacement, big, StandardCopyOption.REPLACE_EXISTING);
    assertEquals(FileChecksum.ofFile(big), checksum(cache(), big), "another file");
    assertEquals(4, reads.get());
  }

  @Test
  void aFileChangedJustBeforeItWasReadIsReadAgainNextTime() throws Exception {
    Path big = large("big.csv");
    Files.setLastModifiedTime(big, FileTime.from(Instant.now()));
    checksum(cache(), big);

    // On a file system with 2-second times, a second write in the same tick keeps the time.
    changeUnseen(big);

    assertEquals(FileChecksum.ofFile(big), checksum(cache(), big));
  }

  @Test
  void smallFilesAndNoCacheMeanReadingEveryTime() throws Exception {
    Path small = csv("small.csv", 5_000);
    Path big = large("big.csv");
    checksum(cache(), small);
    checksum(FileFacts.none(), big);

    changeUnseen(small);
    changeUnseen(big);

    assertEquals(FileChecksum.ofFile(small), checksum(cache(), small));
    assertEquals(FileChecksum.ofFile(big), checksum(FileFacts.none(), big));
    assertFalse(Files.exists(dir.resolve("target/facts.json")), "nothing worth keeping");
  }

  @Test
  void aFileThatIsGoneLosesItsEntry() throws Exception {
    Path first = large("first.csv");
    Path second = large("second.csv");
    checksum(cache(), first);
    Files.delete(first);

    checksum(cache(), second);

    String kept = Files.readString(dir.resolve("target/facts.json"));
    assertTrue(kept.contains("second.csv"), kept);
    assertFalse(kept.contains("first.csv"), kept);
  }

  @Test
  void factsAreWrittenOnlyWhenSaved() throws Exception {
    Path big = large("big.csv");
    FileFacts facts = cache();
    facts.of(big, FileChecksum::ofFile);

    assertFalse(Files.exists(dir.resolve("target/facts.json")));
    facts.save();
    assertTrue(Files.readString(dir.resolve("target/facts.json")).contains("big.csv"));
  }
}
