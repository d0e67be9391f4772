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
 * dbt's model versions: {@code versions:} in schema YAML, files {@code <name>_v<v>.sql} (or
 * {@code defined_in}), relations {@code <name>_v<v>}, {@code ref('m', v=1)} naming a version and
 * {@code ref('m')} the latest, columns per version with include/exclude, and the
 * {@code version:} selector.
 */
class CliModelVersionsTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_customers.csv", "id,name,country\n1,Ann,UK\n2,Bo,DE\n3,Cy,IT\n")
        // Version 1 lives in a file of another name (defined_in); version 2 in the default one.
        .file("models/dim_customers.sql",
            "select id as customer_id, name from {{ ref('raw_customers') }}\n")
        .file("models/dim_customers_v2.sql", """
            select id as customer_id, name, country from {{ ref('raw_customers') }}
            """)
        .file("models/dim_customers_v3.sql", """
            select id as customer_id, upper(name) as name, country
            from {{ ref('raw_customers') }}
            """)
        .file("models/customers_latest.sql",
            "select * from {{ ref('dim_customers') }}\n")
        .file("models/customers_old.sql",
            "select * from {{ ref('dim_customers', v=1) }}\n")
        .file("models/customers_pinned.sql",
            "select * from {{ ref('dim_customers', version=3) }}\n")
        .file("models/schema.yml", """
            models:
              - name: dim_customers
                description: One row per customer.
                latest_version: 2
                columns:
                  - name: customer_id
                    data_tests: [unique, not_null]
                  - name: name
                  - name: country
                versions:
                  - v: 1
                    defined_in: dim_customers
                    columns:
                      - include: all
                        exclude: [country]
                  - v: 2
                  - v: 3
                    description: Names in capitals (prerelease).
            """);
  }

  @Test
  void versionsBuildAsTheirOwnRelationsAndRefsResolveToTheLatestOrTheNamedVersion()
      throws Exception {
    TempProject project = project();
    mds("seed", "--project-dir", project.dir()).assertOk();
    CliRun run = mds("build", "--project-dir", project.dir());
    run.assertOk();
    Path db = project.path("shop.duckdb");
    List<String> relations = DuckDbFile.relations(db);
    for (String name : List.of("dim_customers_v1", "dim_customers_v2", "dim_customers_v3")) {
      assertTrue(relations.contains("main." + name + ":VIEW"), relations::toString);
    }
    // No relation named after the bare model: dbt creates none by default.
    assertTrue(relations.stream().noneMatch(r -> r.startsWith("main.dim_customers:")),
        relations::toString);
    // ref('dim_customers') is the latest version (2), not the newest file (3).
    assertEquals(List.of("1|Ann|UK", "2|Bo|DE", "3|Cy|IT"),
        DuckDbFile.rows(db, "select * from main.customers_latest order by 1"));
    assertEquals(List.of("1|Ann", "2|Bo", "3|Cy"),
        DuckDbFile.rows(db, "select * from main.customers_old order by 1"));
    assertEquals(List.of("1|ANN|UK", "2|BO|DE", "3|CY|IT"),
        DuckDbFile.rows(db, "select * from main.customers_pinned order by 1"));
    // The model's column tests ran on every version.
    assertTrue(run.out().contains("unique_dim_customers_v1_customer_id")
        || run.out().contains("dim_customers_v1"), run::describe);

    JsonNode manifest = new ObjectMapper().readTree(
        Files.readString(project.path("target/manifest.json")));
    JsonNode v1 = manifest.at("/nodes/model.shop.dim_customers.v1");
    assertEquals("dim_customers", v1.at("/name").asText(), v1::toString);
    assertEquals(1, v1.at("/version").asInt());
    assertEquals(2, v1.at("/latest_version").asInt());
    assertEquals("dim_customers_v1", v1.at("/alias").asText());
    assertEquals("models/dim_customers.sql", v1.at("/original_file_path").asText());
    // include: all, exclude: [country]
    assertEquals(List.of("customer_id", "name"), fieldNames(v1.at("/columns")));
    JsonNode v3 = manifest.at("/nodes/model.shop.dim_customers.v3");
    assertEquals("Names in capitals (prerelease).", v3.at("/description").asText());
    assertEquals(List.of("customer_id", "name", "country"), fieldNames(v3.at("/columns")));
    assertEquals(List.of("model.shop.dim_customers.v2"), strings(
        manifest.at("/nodes/model.shop.customers_latest/depends_on/nodes")));
    assertEquals(List.of("model.shop.dim_customers.v1"), strings(
        manifest.at("/nodes/model.shop.customers_old/depends_on/nodes")));
  }

  @Test
  void versionSelectorsPickLatestPrereleaseOldAndUnversionedModels() {
    TempProject project = project();
    assertEquals(List.of("shop.dim_customers.v2"), ls(project, "version:latest"));
    assertEquals(List.of("shop.dim_customers.v3"), ls(project, "version:prerelease"));
    assertEquals(List.of("shop.dim_customers.v1"), ls(project, "version:old"));
    assertEquals(List.of("shop.customers_latest", "shop.customers_old", "shop.customers_pinned"),
        ls(project, "version:none").stream().sorted().toList());
    assertEquals(List.of("shop.dim_customers.v1", "shop.dim_customers.v2",
        "shop.dim_customers.v3"), ls(project, "dim_customers").stream().sorted().toList());
    assertEquals(List.of("shop.dim_customers.v3"), ls(project, "dim_customers.v3"));
  }

  @Test
  void theLatestVersionMayLiveInTheFileNamedAfterTheModel() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/orders_v1.sql", "select 1 as id, 'old' as shape\n")
        .file("models/orders.sql", "select 1 as id, 'new' as shape, 10 as amount\n")
        .file("models/report.sql", "select shape from {{ ref('orders') }}\n")
        .file("models/schema.yml", """
            models:
              - name: orders
                versions:
                  - v: 1
                  - v: 2
            """);
    mds("build", "--project-dir", project.dir()).assertOk();
    Path db = project.path("shop.duckdb");
    assertEquals(List.of("new"), DuckDbFile.rows(db, "select shape from main.orders_v2"));
    assertEquals(List.of("old"), DuckDbFile.rows(db, "select shape from main.orders_v1"));
    assertEquals(List.of("new"), DuckDbFile.rows(db, "select shape from main.report"));
  }

  @Test
  void aLatestVersionThatIsNotAVersionIsOneLineNamingTheFile() {
    TempProject project = project();
    project.file("models/customers_old.sql", "select 1 as x\n");
    project.file("models/schema.yml", """
        models:
          - name: dim_customers
            latest_version: 4
            versions:
              - v: 1
                defined_in: dim_customers
              - v: 2
              - v: 3
        """);
    mds("ls", "--project-dir", project.dir()).assertProjectError("models/schema.yml",
        "latest_version 4", "dim_customers");
  }

  @Test
  void aRefToAVersionThatDoesNotExistIsOneLineNamingTheReferringFile() {
    TempProject project = project();
    project.file("models/customers_old.sql",
        "select * from {{ ref('dim_customers', v=7) }}\n");
    mds("ls", "--project-dir", project.dir()).assertProjectError("models/customers_old.sql",
        "dim_customers_v7");
  }

  private List<String> ls(TempProject project, String selector) {
    CliRun run = mds("ls", "--project-dir", project.dir(), "-s", selector, "--resource-type",
        "model");
    run.assertOk();
    return run.out().lines().map(String::strip).filter(l -> l.startsWith("shop.")).toList();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
