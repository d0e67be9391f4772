package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt's groups and access: {@code groups:} with owners, a model's {@code group} and
 * {@code access} (config or property, protected by default), a ref to a private model from
 * outside its group refused, the {@code group:} and {@code access:} selectors, and the manifest's
 * {@code groups} and node fields.
 */
class CliGroupsAccessTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_payments.csv", "id,amount\n1,10\n2,25\n")
        .file("models/finance/fin_payments.sql", "select * from {{ ref('raw_payments') }}\n")
        .file("models/finance/fin_revenue.sql",
            "select sum(amount) as revenue from {{ ref('fin_payments') }}\n")
        .file("models/marts/revenue.sql", "select revenue from {{ ref('fin_revenue') }}\n")
        .file("models/groups.yml", """
            groups:
              - name: finance
                owner:
                  name: Finance team
                  email: finance@example.com
                description: Money in and out.
            models:
              - name: fin_payments
                group: finance
                access: private
              - name: fin_revenue
                config:
                  group: finance
                  access: public
            """);
  }

  @Test
  void aGroupMayRefItsPrivateModelAndTheManifestCarriesGroupsAndAccess() throws Exception {
    TempProject project = project();
    mds("seed", "--project-dir", project.dir()).assertOk();
    mds("build", "--project-dir", project.dir()).assertOk();
    assertEquals(List.of("35"), DuckDbFile.rows(project.path("shop.duckdb"),
        "select revenue from main.revenue"));
    JsonNode manifest = new ObjectMapper().readTree(
        Files.readString(project.path("target/manifest.json")));
    JsonNode group = manifest.at("/groups/group.shop.finance");
    assertEquals("finance", group.at("/name").asText(), manifest.at("/groups")::toString);
    assertEquals("Finance team", group.at("/owner/name").asText());
    assertEquals("finance@example.com", group.at("/owner/email").asText());
    assertEquals("private", manifest.at("/nodes/model.shop.fin_payments/access").asText());
    assertEquals("finance", manifest.at("/nodes/model.shop.fin_payments/group").asText());
    assertEquals("public", manifest.at("/nodes/model.shop.fin_revenue/access").asText());
    assertEquals("protected", manifest.at("/nodes/model.shop.revenue/access").asText());
    assertTrue(manifest.at("/nodes/model.shop.revenue/group").isNull());
  }

  @Test
  void aRefToAPrivateModelFromOutsideItsGroupIsRefusedNamingTheReferringFile() {
    TempProject project = project();
    project.file("models/marts/leak.sql", "select * from {{ ref('fin_payments') }}\n");
    String line = mds("build", "--project-dir", project.dir()).assertProjectError(
        "models/marts/leak.sql", "fin_payments", "private", "finance");
    assertTrue(line.contains(":1:"), line);
  }

  @Test
  void anUndeclaredGroupAndAPrivateModelWithoutAGroupAreErrors() {
    TempProject project = project();
    project.file("models/other.sql", "{{ config(group='marketing') }} select 1 as x\n");
    mds("ls", "--project-dir", project.dir()).assertProjectError("models/other.sql",
        "group 'marketing'", "not declared");
    project.file("models/other.sql", "{{ config(access='private') }} select 1 as x\n");
    mds("ls", "--project-dir", project.dir()).assertProjectError("models/other.sql",
        "private", "no group");
  }

  @Test
  void groupAndAccessSelectorsPickTheGroupsModels() {
    TempProject project = project();
    CliRun run = mds("ls", "--project-dir", project.dir(), "-s", "group:finance");
    run.assertOk();
    assertEquals(List.of("shop.finance.fin_payments", "shop.finance.fin_revenue"),
        run.out().lines().map(String::strip).filter(l -> l.startsWith("shop.")).sorted()
            .toList());
    CliRun publicOnes = mds("ls", "--project-dir", project.dir(), "-s", "access:public");
    publicOnes.assertOk();
    assertEquals(List.of("shop.finance.fin_revenue"), publicOnes.out().lines()
        .map(String::strip).filter(l -> l.startsWith("shop.")).toList());
  }
}
