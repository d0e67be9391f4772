package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import dev.mds.graph.Seed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large seeds are hashed again only when their size, time or inode changed; small ones, files
 * changed just before they were hashed, and parses without partial parsing always hash.
 */
class SeedChecksumsTest {

  @TempDir
  Path dir;

  /** A CSV of about {@code bytes} bytes whose last modification was an hour ago. */
  private Path seed(String name, int bytes) throws Exception {
    StringBuilder csv = new StringBuilder("market,member_no\n");
    for (int i = 0; csv.length() < bytes; i++) {
      csv.append("UK,").append(100_000 + i).append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, csv);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
    return file;
  }

  /**
   * Rewrites the first row in place (same size, same inode) and puts the time back: a change the
   * cache cannot see, which shows whether the file was read again.
   */
  private static void changeUnseen(Path file) throws Exception {
    FileTime time = Files.getLastModifiedTime(file);
    try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
      channel.position("market,member_no\n".length());
      channel.write(java.nio.ByteBuffer.wrap("DE".getBytes(StandardCharsets.US_ASCII)));
    }
    Files.setLastModifiedTime(file, time);
  }

  private SeedChecksums reloaded(SeedChecksums checksums) {
    checksums.write();
    return SeedChecksums.load(dir.resolve("target"));
  }

  @Test
  void aLargeSeedIsHashedOnceWhileItsSizeTimeAndInodeStayTheSame() throws Exception {
    Path big = seed("big.csv", (int) SeedChecksums.ALWAYS_HASH_BELOW + 1000);
    String original = FileChecksum.ofFile(big);
    SeedChecksums first = SeedChecksums.load(dir.resolve("target"));
    assertEquals(original, first.checksum(big, "seeds/big.csv"));

    changeUnseen(big);
    SeedChecksums second = reloaded(first);

    assertNotEquals(original, FileChecksum.ofFile(big));
    assertEquals(original, second.checksum(big, "seeds/big.csv"), "taken from the cache");
  }

  @Test
  void aNewTimeOrSizeOrFileMeansHashingAgain() throws Exception {
    Path big = seed("big.csv", (int) SeedChecksums.ALWAYS_HASH_BELOW + 1000);
    SeedChecksums checksums = SeedChecksums.load(dir.resolve("target"));
    checksums.checksum(big, "seeds/big.csv");

    changeUnseen(big);
    Files.setLastModifiedTime(big, FileTime.from(Instant.now().minus(30, ChronoUnit.MINUTES)));
    checksums = reloaded(checksums);
    assertEquals(FileChecksum.ofFile(big), checksums.checksum(big, "seeds/big.csv"), "new time");

    FileTime time = Files.getLastModifiedTime(big);
    Files.writeString(big, "UK,1\n", StandardOpenOption.APPEND);
    Files.setLastModifiedTime(big, time);
    checksums = reloaded(checksums);
    assertEquals(FileChecksum.ofFile(big), checksums.checksum(big, "seeds/big.csv"), "new size");

    // A new extract moved into place: same size and time, another inode.
    Path replacement = seed("replacement.csv", 0);
    Files.write(replacement, Files.readAllBytes(big));
    changeUnseen(replacement);
    Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(big));
    Files.move(replacement, big, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    checksums = reloaded(checksums);
    assertEquals(FileChecksum.ofFile(big), checksums.checksum(big, "seeds/big.csv"),
        "another file");
  }

  @Test
  void aSeedChangedJustBeforeItWasHashedIsHashedAgainNextTime() throws Exception {
    Path big = seed("big.csv", (int) SeedChecksums.ALWAYS_HASH_BELOW + 1000);
    Files.setLastModifiedTime(big, FileTime.from(Instant.now()));
    SeedChecksums checksums = SeedChecksums.load(dir.resolve("target"));
    checksums.checksum(big, "seeds/big.csv");

    // On a file system with 2-second times, a second write in the same tick keeps the time.
    changeUnseen(big);
    checksums = reloaded(checksums);

    assertEquals(FileChecksum.ofFile(big), checksums.checksum(big, "seeds/big.csv"));
  }

  @Test
  void smallSeedsAndParsesWithoutPartialParsingAlwaysHash() throws Exception {
    Path small = seed("small.csv", 5_000);
    Path big = seed("big.csv", (int) SeedChecksums.ALWAYS_HASH_BELOW + 1000);
    SeedChecksums checksums = SeedChecksums.load(dir.resolve("target"));
    checksums.checksum(small, "seeds/small.csv");
    checksums.checksum(big, "seeds/big.csv");
    SeedChecksums none = SeedChecksums.none();
    none.checksum(big, "seeds/big.csv");

    changeUnseen(small);
    changeUnseen(big);
    checksums = reloaded(checksums);

    assertEquals(FileChecksum.ofFile(small), checksums.checksum(small, "seeds/small.csv"));
    assertEquals(FileChecksum.ofFile(big), none.checksum(big, "seeds/big.csv"));
    assertFalse(Files.readString(dir.resolve("target").resolve(SeedChecksums.FILE))
        .contains("small.csv"), "small seeds are not stored");
  }

  @Test
  void aParseTakesALargeSeedsChecksumFromTheLastParse() throws Exception {
    TempProject project = TempProject.named(dir.resolve("shop"), "shop")
        .file("models/orders.sql", "select * from {{ ref('members') }}");
    Path members = project.root().resolve("seeds/members.csv");
    Files.createDirectories(members.getParent());
    Files.move(seed("members.csv", (int) SeedChecksums.ALWAYS_HASH_BELOW + 1000), members);
    String original = FileChecksum.ofFile(members);
    assertEquals(original, seedChecksum(ProjectParser.parse(project.load(), true)));

    changeUnseen(members);

    assertEquals(original, seedChecksum(ProjectParser.parse(project.load(), true)));
    assertEquals(FileChecksum.ofFile(members),
        seedChecksum(ProjectParser.parse(project.load(), false)), "--no-partial-parse");
  }

  private static String seedChecksum(ParseResult parsed) {
    return ((Seed) parsed.manifest().nodes().get("seed.shop.members")).checksum();
  }
}
