package dev.mds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-node files are written when new or changed and left alone when they hold the text. */
class TextFilesTest {

  @TempDir
  Path dir;

  @Test
  void writesNewAndChangedFilesAndLeavesUnchangedOnesAlone() throws Exception {
    Path file = dir.resolve("m1.sql");
    TextFiles.writeIfChanged(file, "select 'é' as a");
    assertEquals("select 'é' as a", Files.readString(file));
    FileTime old = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(file, old);

    TextFiles.writeIfChanged(file, "select 'é' as a");
    assertEquals(old, Files.getLastModifiedTime(file));

    TextFiles.writeIfChanged(file, "select 'è' as a");
    assertEquals("select 'è' as a", Files.readString(file));
    TextFiles.writeIfChanged(file, "select 1");
    assertEquals("select 1", Files.readString(file));
  }
}
