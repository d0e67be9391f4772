package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipe table in a model's description and in the README reaches the site as a table. */
class CliDocsMarkdownTablesTest {

  @TempDir
  Path dir;

  @Test
  void pipeTablesInADescriptionAndTheReadmeAreTables() throws Exception {
    TempProject project = TempProject.named(dir.resolve("shop"), "shop")
        .file("README.md", "# Shop\n\n| market | currency |\n| --- | --- |\n| DE | EUR |\n")
        .file("models/tiers.sql", "select 'gold' as loyalty_tier\n")
        .file("models/schema.yml", """
            version: 2
            models:
              - name: tiers
                description: |
                  Tiers by yearly spend:

                  | tier | meaning |
                  | --- | --- |
                  | gold | over 1,000 EUR a year |
            """);

    mds("docs", "generate", "--empty-catalog", "--project-dir", project.dir()).assertOk();

    String page = project.read("target/docs/nodes/model.shop.tiers.html");
    assertTrue(page.contains("<td>over 1,000 EUR a year</td>"), page);
    assertFalse(page.contains("| --- |"), page);
    String index = project.read("target/docs/index.html");
    assertTrue(index.contains("<td>EUR</td>"), index);
  }
}
