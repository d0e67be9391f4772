package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import dev.mds.graph.Manifest;
import dev.mds.graph.Model;
import dev.mds.graph.Seed;
import dev.mds.graph.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectParserTest {

  @TempDir
  Path dir;

  private TempProject shop() {
    return TempProject.named(dir, "shop")
        .file("seeds/raw_orders.csv", "id,customer_id,amount\n1,1,10\n")
        .file("models/staging/stg_orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("models/staging/stg_customers.sql", "select * from {{ source('erp', 'customers') }}\n")
        .file("models/staging/sources.yml", """
            sources:
              - name: erp
                tables:
                  - name: customers
            """)
        .file("models/marts/fct_orders.sql", """
            select o.*, c.name
            from {{ ref('stg_orders') }} o
            join {{ ref('stg_customers') }} c on c.id = o.customer_id
            """);
  }

  private static Model model(Manifest manifest, String name) {
    return (Model) manifest.node("model.shop." + name).orElseThrow();
  }

  @Test
  void parsesModelsSeedsAndSourcesWithTheirDependencies() {
    Manifest manifest = ProjectParser.parse(shop().load()).manifest();

    assertEquals(3, manifest.nodesOf(Model.class).size());
    assertEquals(1, manifest.nodesOf(Seed.class).size());
    assertEquals(1, manifest.nodesOf(Source.class).size());
    assertEquals(List.of("model.shop.stg_orders", "model.shop.stg_customers"),
        model(manifest, "fct_orders").dependsOn());
    assertEquals(List.of("seed.shop.raw_orders"), model(manifest, "stg_orders").dependsOn());
    assertEquals(List.of("source.shop.erp.customers"), model(manifest, "stg_customers").dependsOn());
    assertEquals(List.of("shop", "marts", "fct_orders"), model(manifest, "fct_orders").fqn());
    assertEquals("models/marts/fct_orders.sql", model(manifest, "fct_orders").file());
    assertEquals(3, model(manifest, "fct_orders").refs().get(1).line());
  }

  @Test
  void anUnknownRefSuggestsTheClosestNameAndNamesFileAndLine() {
    TempProject project = shop().file("models/marts/report.sql",
        "select *\nfrom {{ ref('fct_order') }}\n");

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().startsWith("models/marts/report.sql:2: "), e.getMessage());
    assertTrue(e.getMessage().contains("ref('fct_order')"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'fct_orders'?"), e.getMessage());
  }

  @Test
  void anUnknownRefWithNothingCloseGivesNoSuggestion() {
    TempProject project = shop().file("models/report.sql", "select * from {{ ref('zzzzzzzz') }}");

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().contains("no model or seed is named 'zzzzzzzz'"), e.getMessage());
    assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
  }

  @Test
  void anUndeclaredSourceIsAnErrorWithASuggestion() {
    TempProject project = shop().file("models/report.sql",
        "select * from {{ source('erp', 'customer') }}");

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().startsWith("models/report.sql:1: "), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'erp.customers'?"), e.getMessage());
  }

  @Test
  void aModelDisabledInItsFileIsLeftOutAndRefsToItSayItIsDisabled() {
    TempProject project = shop()
        .file("models/old.sql", "{{ config(enabled=false) }}\nselect 1")
        .file("models/uses_old.sql", "select * from {{ ref('old') }}");

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().startsWith("models/uses_old.sql:1: "), e.getMessage());
    assertTrue(e.getMessage().contains("disabled"), e.getMessage());
  }

  @Test
  void disabledModelsAreNotInTheManifest() {
    TempProject project = shop()
        .file("models/old.sql", "{{ config(enabled=false) }}\nselect 1")
        .file("models/legacy/older.sql", "select 1")
        .file("models/by_yaml.sql", "select 1")
        .file("models/props.yml", "models:\n  - name: by_yaml\n    config:\n      enabled: false\n")
        .file("mds_project.yml", "name: shop\nmodels:\n  shop:\n    legacy:\n      +enabled: false\n");

    Manifest manifest = ProjectParser.parse(project.load()).manifest();

    assertTrue(manifest.node("model.shop.fct_orders").isPresent());
    assertFalse(manifest.node("model.shop.old").isPresent());
    assertFalse(manifest.node("model.shop.older").isPresent());
    assertFalse(manifest.node("model.shop.by_yaml").isPresent());
  }

  @Test
  void aDisabledModelDoesNotClashWithAnEnabledOneOfTheSameName() {
    TempProject project = shop()
        .file("models/v1/orders.sql", "{{ config(enabled=false) }}select 1")
        .file("models/v2/orders.sql", "select 2");

    Manifest manifest = ProjectParser.parse(project.load()).manifest();

    assertEquals("models/v2/orders.sql", model(manifest, "orders").file());
  }

  @Test
  void twoModelsWithTheSameNameInDifferentFoldersAreAnError() {
    TempProject project = shop().file("models/finance/stg_orders.sql", "select 1");

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().contains("models/finance/stg_orders.sql"), e.getMessage());
    assertTrue(e.getMessage().contains("models/staging/stg_orders.sql"), e.getMessage());
  }

  @Test
  void aModelNamedLikeASeedIsAnError() {
    TempProject project = shop().file("models/raw_orders.sql", "select 1");

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().contains("seeds/raw_orders.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("models/raw_orders.sql"), e.getMessage());
  }

  @Test
  void inFileConfigBeatsSchemaYamlWhichBeatsFolderConfig() {
    TempProject project = shop()
        .file("mds_project.yml", """
            name: shop
            models:
              shop:
                marts:
                  +materialized: table
                  +schema: folder
                  +alias: from_folder
                  +tags: [folder]
            """)
        .file("models/marts/props.yml", """
            models:
              - name: fct_orders
                description: Orders with customer names.
                config:
                  schema: yaml
                  tags: [yaml]
            """)
        .file("models/marts/fct_orders.sql",
            "{{ config(materialized='incremental', tags=['file']) }}\nselect 1");

    Model fct = model(ProjectParser.parse(project.load()).manifest(), "fct_orders");

    assertEquals("incremental", fct.materialized());
    assertEquals("main_yaml", fct.relation().schema());
    assertEquals("from_folder", fct.relation().identifier());
    assertEquals(List.of("folder", "yaml", "file"), fct.tags());
    assertEquals("Orders with customer names.", fct.description());
  }

  @Test
  void schemaEntriesForMissingModelsAndColumnsAreNotFatal() {
    TempProject project = shop().file("models/props.yml", """
        models:
          - name: model_that_was_deleted
            columns: [{name: id, tests: [unique]}]
          - name: fct_orders
            columns:
              - name: column_that_was_renamed
                description: Still documented.
        """);

    Manifest manifest = ProjectParser.parse(project.load()).manifest();

    assertFalse(manifest.node("model.shop.model_that_was_deleted").isPresent());
    assertEquals("column_that_was_renamed", model(manifest, "fct_orders").columns().get(0).name());
  }

  @Test
  void descriptionsRenderDocBlocks() {
    TempProject project = shop()
        .file("models/docs.md", "{% docs orders %}Every order.{% enddocs %}")
        .file("models/props.yml", """
            models:
              - name: fct_orders
                description: "{{ doc('orders') }}"
                columns:
                  - name: id
                    description: "Key of {{ doc('orders') }}"
            """);

    Model fct = model(ProjectParser.parse(project.load()).manifest(), "fct_orders");

    assertEquals("Every order.", fct.description());
    assertEquals("Key of Every order.", fct.columns().get(0).description());
  }

  @Test
  void anErrorInADescriptionNamesTheYamlFileNotTheText() {
    TempProject project = shop().file("models/props.yml", """
        models:
          - name: fct_orders
            description: "{{ doc('no_such_block') }}"
        """);

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().startsWith("models/props.yml: "), e.getMessage());
    assertTrue(e.getMessage().contains("no_such_block"), e.getMessage());
  }

  @Test
  void aSyntaxErrorInASourceDescriptionNamesTheYamlFile() {
    TempProject project = shop().file("models/staging/sources.yml", """
        sources:
          - name: erp
            description: "{{ unclosed"
            tables:
              - name: customers
        """);

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().startsWith("models/staging/sources.yml: template error"),
        e.getMessage());
  }

  @Test
  void aModelFileThatIsNotUtf8IsAnErrorSayingSo() throws Exception {
    TempProject project = shop();
    Files.write(project.path("models/latin1.sql"),
        "select '\u00e9t\u00e9'".getBytes(StandardCharsets.ISO_8859_1));

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().startsWith("models/latin1.sql: "), e.getMessage());
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }

  @Test
  void aCycleBetweenModelFilesIsAnError() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/a.sql", "select * from {{ ref('b') }}")
        .file("models/b.sql", "select * from {{ ref('a') }}");

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().contains("a -> b -> a"), e.getMessage());
  }

  @Test
  void refWithAnotherPackageNameIsAnError() {
    TempProject project = shop().file("models/report.sql",
        "select * from {{ ref('dbt_utils', 'fct_orders') }}");

    MdsException e = assertThrows(MdsException.class, () -> ProjectParser.parse(project.load()));

    assertTrue(e.getMessage().startsWith("models/report.sql:1: "), e.getMessage());
  }

  @Test
  void refWithTheProjectsOwnNameIsAllowed() {
    TempProject project = shop().file("models/report.sql",
        "select * from {{ ref('shop', 'fct_orders') }}");

    Manifest manifest = ProjectParser.parse(project.load()).manifest();

    assertEquals(List.of("model.shop.fct_orders"), model(manifest, "report").dependsOn());
  }
}
