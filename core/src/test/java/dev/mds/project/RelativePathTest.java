package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelativePathTest {

  @TempDir
  Path root;

  private static String os(String slashed) {
    return slashed.replace('/', File.separatorChar);
  }

  @Test
  void aFileBelowTheFolderIsItsPathFromThere() {
    assertEquals(os("models/staging/stg_orders.sql"),
        RelativePath.below(root, root.resolve("models/staging/stg_orders.sql")));
    assertEquals("a.sql", RelativePath.below(root.resolve("models"),
        root.resolve("models").resolve("a.sql")));
  }

  @Test
  void dotsAndHiddenFoldersAreResolvedAsPathsWould() {
    assertEquals(os("models/a.sql"),
        RelativePath.below(root, root.resolve("models/x/../a.sql")));
    assertEquals(os("models/a.sql"), RelativePath.below(root, root.resolve("models/./a.sql")));
    assertEquals(os(".hidden/a.sql"), RelativePath.below(root, root.resolve(".hidden/a.sql")));
    assertEquals(os("models/a.sql"),
        RelativePath.below(root.resolve("models/../"), root.resolve("models/a.sql")));
  }

  @Test
  void theFolderItselfAndFilesOutsideItAreNotBelowIt() {
    assertNull(RelativePath.below(root, root));
    assertNull(RelativePath.below(root.resolve("models"), root.resolve("seeds/a.csv")));
    // A sibling whose name starts with the folder's is not inside it.
    assertNull(RelativePath.below(root.resolve("models"), root.resolve("models_old/a.sql")));
    assertNull(RelativePath.below(root.resolve("models"), root.resolve("models/../a.sql")));
  }

  @Test
  void aRelativeFileIsTakenFromTheWorkingFolder() {
    Path here = Path.of("").toAbsolutePath();
    assertEquals(os("models/a.sql"), RelativePath.below(here, Path.of("models/a.sql")));
  }
}
