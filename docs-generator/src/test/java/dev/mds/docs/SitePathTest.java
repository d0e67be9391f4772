package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitePathTest {

  @TempDir
  Path dir;
  Path site;
  SitePath paths;

  @BeforeEach
  void site() throws Exception {
    site = dir.resolve("docs");
    Files.createDirectories(site.resolve("nodes"));
    Files.writeString(site.resolve("index.html"), "index");
    Files.writeString(site.resolve("nodes/model.a.b.html"), "page");
    Files.writeString(site.resolve(".mds-docs-site"), "marker");
    Files.writeString(dir.resolve("secret.txt"), "secret");
    paths = SitePath.of(site);
  }

  @Test
  void servesFilesInsideTheSite() {
    assertEquals(Optional.of(site.resolve("index.html")), paths.resolve("/"));
    assertEquals(Optional.of(site.resolve("index.html")), paths.resolve("/index.html"));
    assertEquals(Optional.of(site.resolve("nodes/model.a.b.html")),
        paths.resolve("/nodes/model.a.b.html"));
    assertEquals(Optional.of(site.resolve("nodes/model.a.b.html")),
        paths.resolve("/nodes/model%2Ea%2Eb.html"));
  }

  @Test
  void refusesEveryWayOutOfTheSite() {
    for (String attempt : List.of("/../secret.txt", "/nodes/../../secret.txt",
        "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt", "/.%2e/secret.txt",
        "/%252e%252e/secret.txt", "/%c0%ae%c0%ae/secret.txt", "/nodes/%00.html",
        "/C:/Windows/win.ini", "/.mds-docs-site", "relative.html", "/%zz", "/%",
        "/" + dir.resolve("secret.txt"))) {
      assertEquals(Optional.empty(), paths.resolve(attempt), attempt);
    }
  }

  @Test
  void refusesSymlinksThatLeadOut() throws Exception {
    try {
      Files.createSymbolicLink(site.resolve("out.txt"), dir.resolve("secret.txt"));
    } catch (UnsupportedOperationException | java.io.IOException e) {
      return;
    }
    assertTrue(paths.resolve("/out.txt").isEmpty());
  }
}
