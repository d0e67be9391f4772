package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second generate from the same inputs leaves the site as it is; any change rewrites it. */
class SiteInputsTest {

  @TempDir
  Path dir;

  @Test
  void aSecondGenerateWithNothingChangedWritesNothing() throws IOException {
    Path target = dir.resolve("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("manifest.json"), ColumnLineageSiteTest.MANIFEST);
    Path site = target.resolve("docs");

    assertFalse(DocsSite.generate(target, null, site).unchanged());
    long written = Files.getLastModifiedTime(site.resolve("index.html")).toMillis();
    SiteSummary second = DocsSite.generate(target, null, site);
    assertTrue(second.unchanged(), second::toString);
    assertTrue(second.pages() > 2, second::toString);
    assertTrue(Files.getLastModifiedTime(site.resolve("index.html")).toMillis() == written);

    // Only the generation time differs: still the same site.
    Files.writeString(target.resolve("manifest.json"), ColumnLineageSiteTest.MANIFEST.replace(
        "\"metadata\": {\"project_name\": \"shop\"}",
        "\"metadata\": {\"project_name\": \"shop\", \"generated_at\": \"2026-01-01T00:00:00Z\"}"));
    assertTrue(DocsSite.generate(target, null, site).unchanged());

    // A run result is new input.
    Files.writeString(target.resolve("run_results.json"), """
        {"metadata": {"generated_at": "2026-01-02T00:00:00Z"}, "results": [
          {"unique_id": "model.shop.stg_orders", "status": "success", "execution_time": 0.1,
           "timing": [], "message": "OK"}]}""");
    assertFalse(DocsSite.generate(target, null, site).unchanged());
    // A page removed by hand is written again.
    Files.delete(site.resolve("nodes/model.shop.untraced.html"));
    assertFalse(DocsSite.generate(target, null, site).unchanged());
    assertTrue(Files.isRegularFile(site.resolve("nodes/model.shop.untraced.html")));
  }

  /** The artifacts go in as checksums: one character changed, the length the same, is noticed. */
  @Test
  void oneCharacterChangedInTheManifestIsANewInput() throws IOException {
    Path target = dir.resolve("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("manifest.json"), ColumnLineageSiteTest.MANIFEST);
    String before = SiteInputs.digest(target, null);
    assertEquals(before, SiteInputs.digest(target, null));
    String changed = ColumnLineageSiteTest.MANIFEST.replace("stg_orders", "stg_ordert");
    assertEquals(ColumnLineageSiteTest.MANIFEST.length(), changed.length());
    Files.writeString(target.resolve("manifest.json"), changed);
    assertNotEquals(before, SiteInputs.digest(target, null));
  }
}
