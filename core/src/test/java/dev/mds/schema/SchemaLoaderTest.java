package dev.mds.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import dev.mds.TempProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLoaderTest {

  @TempDir
  Path dir;

  private SchemaSpecs load(String file, String yaml) {
    return new SchemaLoader(TempProject.named(dir, "shop").file(file, yaml).load()).load();
  }

  @Test
  void readsModelsWithDescriptionsColumnsAndTests() {
    SchemaSpecs specs = load("models/staging/schema.yml", """
        version: 2
        models:
          - name: stg_orders
            description: One row per order.
            config:
              materialized: table
            meta:
              owner: sales
            tests:
              - unique:
                  columns: [market, order_no]
            columns:
              - name: order_id
                description: The order's key.
                data_type: integer
                tests: [unique, not_null]
              - name: status
                tests:
                  - accepted_values:
                      values: ['placed', 'shipped']
        """);

    NodeProperties orders = specs.model("stg_orders").orElseThrow();

    assertEquals("One row per order.", orders.description());
    assertEquals("models/staging/schema.yml", orders.file());
    assertEquals(Map.of("materialized", "table"), orders.config());
    assertEquals(Map.of("owner", "sales"), orders.meta());
    assertEquals(1, orders.tests().size());
    assertEquals("unique", orders.tests().get(0).testName());
    assertEquals(Map.of("columns", List.of("market", "order_no")), orders.tests().get(0).arguments());
    assertEquals(Optional.empty(), orders.tests().get(0).columnName());

    ColumnSpec id = orders.columns().get(0);
    assertEquals("order_id", id.name());
    assertEquals("The order's key.", id.description());
    assertEquals(Optional.of("integer"), id.dataType());
    assertEquals(List.of("unique", "not_null"), id.tests().stream().map(TestSpec::testName).toList());
    assertEquals(Optional.of("order_id"), id.tests().get(0).columnName());

    TestSpec accepted = orders.columns().get(1).tests().get(0);
    assertEquals("accepted_values", accepted.testName());
    assertEquals(Map.of("values", List.of("placed", "shipped")), accepted.arguments());
  }

  @Test
  void dataTestsKeyIsReadLikeTests() {
    SchemaSpecs specs = load("models/schema.yml", """
        models:
          - name: orders
            data_tests:
              - not_null:
                  column_name: id
            columns:
              - name: id
                data_tests: [unique]
        """);

    NodeProperties orders = specs.model("orders").orElseThrow();

    assertEquals("not_null", orders.tests().get(0).testName());
    assertEquals("unique", orders.columns().get(0).tests().get(0).testName());
  }

  @Test
  void testConfigKeysAreSplitFromArguments() {
    SchemaSpecs specs = load("models/schema.yml", """
        models:
          - name: orders
            columns:
              - name: customer_id
                tests:
                  - relationships:
                      to: ref('customers')
                      field: id
                      severity: warn
                      where: "status <> 'test'"
                      config:
                        error_if: ">10"
        """);

    TestSpec test = specs.model("orders").orElseThrow().columns().get(0).tests().get(0);

    assertEquals("relationships", test.testName());
    assertEquals(Map.of("to", "ref('customers')", "field", "id"), test.arguments());
    assertEquals(Map.of("severity", "warn", "where", "status <> 'test'", "error_if", ">10"),
        test.config());
  }

  @Test
  void argumentsKeyHoldsTheTestsArguments() {
    SchemaSpecs specs = load("models/schema.yml", """
        models:
          - name: orders
            columns:
              - name: status
                tests:
                  - accepted_values:
                      name: status_is_known
                      arguments:
                        values: [placed, shipped]
                        quote: false
                      config:
                        severity: error
        """);

    TestSpec test = specs.model("orders").orElseThrow().columns().get(0).tests().get(0);

    assertEquals(Map.of("values", List.of("placed", "shipped"), "quote", false), test.arguments());
    assertEquals(Map.of("severity", "error"), test.config());
    assertEquals(Optional.of("status_is_known"), test.customName());
  }

  @Test
  void testNameFormWithOtherKeysIsRead() {
    SchemaSpecs specs = load("models/schema.yml", """
        models:
          - name: orders
            tests:
              - test_name: expression_is_true
                expression: "amount >= 0"
                severity: warn
        """);

    TestSpec test = specs.model("orders").orElseThrow().tests().get(0);

    assertEquals("expression_is_true", test.testName());
    assertEquals(Map.of("expression", "amount >= 0"), test.arguments());
    assertEquals(Map.of("severity", "warn"), test.config());
  }

  @Test
  void readsSourcesWithTablesAndIdentifiers() {
    SchemaSpecs specs = load("models/sources.yml", """
        sources:
          - name: erp
            description: The ERP export.
            tables:
              - name: orders
                identifier: ORDERS_V2
                columns:
                  - name: id
                    tests: [unique]
              - name: customers
          - name: crm
            schema: crm_raw
            tables:
              - name: contacts
        """);

    SourceSpec erp = specs.sources().get(0);
    SourceSpec crm = specs.sources().get(1);

    assertEquals("erp", erp.name());
    assertEquals("erp", erp.schema());
    assertEquals("The ERP export.", erp.description());
    assertEquals(List.of("orders", "customers"), erp.tables().stream().map(SourceTableSpec::name).toList());
    assertEquals("ORDERS_V2", erp.tables().get(0).identifier());
    assertEquals("customers", erp.tables().get(1).identifier());
    assertEquals("unique", erp.tables().get(0).columns().get(0).tests().get(0).testName());
    assertEquals("crm_raw", crm.schema());
  }

  @Test
  void readsSeedsAndYamlFilesUnderSeedPaths() {
    SchemaSpecs specs = load("seeds/properties.yaml", """
        seeds:
          - name: countries
            description: ISO countries.
            config:
              column_types: {code: varchar}
        """);

    NodeProperties countries = specs.seed("countries").orElseThrow();

    assertEquals("ISO countries.", countries.description());
    assertEquals(Map.of("column_types", Map.of("code", "varchar")), countries.config());
  }

  @Test
  void entriesForModelsAndColumnsThatDoNotExistAreKept() {
    SchemaSpecs specs = load("models/schema.yml", """
        models:
          - name: no_such_model
            columns:
              - name: no_such_column
                tests: [not_null]
        """);

    assertEquals("no_such_column",
        specs.model("no_such_model").orElseThrow().columns().get(0).name());
  }

  @Test
  void aModelDescribedTwiceIsAnErrorNamingBothFiles() {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/a.yml", "models:\n  - name: orders\n")
        .file("models/b.yml", "models:\n  - name: orders\n    description: again\n");

    MdsException e = assertThrows(MdsException.class,
        () -> new SchemaLoader(project.load()).load());

    assertTrue(e.getMessage().startsWith("models/b.yml: "), e.getMessage());
    assertTrue(e.getMessage().contains("models/a.yml"), e.getMessage());
    assertTrue(e.getMessage().contains("'orders'"), e.getMessage());
  }

  @Test
  void aSourceTableDeclaredTwiceIsAnError() {
    MdsException e = assertThrows(MdsException.class, () -> load("models/sources.yml", """
        sources:
          - name: erp
            tables: [{name: orders}]
          - name: erp
            tables: [{name: orders}]
        """));

    assertTrue(e.getMessage().contains("erp.orders"), e.getMessage());
  }

  @Test
  void anEntryWithoutANameIsAnErrorNamingTheFile() {
    MdsException e = assertThrows(MdsException.class, () -> load("models/schema.yml", """
        models:
          - description: forgot the name
        """));

    assertTrue(e.getMessage().startsWith("models/schema.yml: "), e.getMessage());
  }

  @Test
  void invalidYamlNamesFileAndLine() {
    MdsException e = assertThrows(MdsException.class, () -> load("models/schema.yml", """
        models:
          - name: orders
            description: "unterminated
          - name: customers
        """));

    assertEquals("models/schema.yml:3: invalid YAML: found unexpected end of stream"
        + " (while scanning a quoted scalar)", e.getMessage());
  }

  @Test
  void duplicateKeysInOneMappingAreAnError() {
    MdsException e = assertThrows(MdsException.class, () -> load("models/schema.yml", """
        models:
          - name: orders
            description: one
            description: two
        """));

    assertTrue(e.getMessage().startsWith("models/schema.yml:4: "), e.getMessage());
  }
}
