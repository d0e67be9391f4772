package dev.mds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
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

  @Test
  void aBackgroundWriterWritesInOrderAndNamesWhatItCouldNotWrite() throws Exception {
    Files.writeString(dir.resolve("blocked"), "a file where a folder would go");
    TextFiles files = TextFiles.inBackground();

    files.write(dir.resolve("run/a.sql"), "select 1");
    files.write(dir.resolve("run/a.sql"), "select 2");
    files.write(dir.resolve("blocked/b.sql"), "select 3");
    List<String> unwritten = files.finish();

    assertEquals("select 2", Files.readString(dir.resolve("run/a.sql")));
    assertEquals(1, unwritten.size(), unwritten::toString);
    assertTrue(unwritten.get(0).startsWith(dir.resolve("blocked/b.sql").toString()),
        unwritten::toString);

    files.write(dir.resolve("run/late.sql"), "select 4");
    assertEquals("select 4", Files.readString(dir.resolve("run/late.sql")));
  }

  @Test
  void aFolderItCreatedTakesItsFilesAsTheyAreAndLaterWritesStillReplaceThem() throws Exception {
    TextFiles files = new TextFiles();
    Path file = dir.resolve("compiled/models/m1.sql");

    files.write(file, "select 1");
    files.write(file, "select 2");
    files.write(dir.resolve("compiled/models/m2.sql"), "select 3");

    assertEquals("select 2", Files.readString(file));
    assertEquals("select 3", Files.readString(dir.resolve("compiled/models/m2.sql")));
    FileTime old = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(file, old);
    new TextFiles().write(file, "select 2");
    assertEquals(old, Files.getLastModifiedTime(file), "an existing folder's unchanged file");
  }
}
