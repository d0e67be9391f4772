package dev.mds.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mds.MdsException;
import dev.mds.TempProject;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.SelectionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branch project compared with the manifest production wrote: what is new, and which kind of
 * change each modified node has.
 */
class StateComparisonTest {

  @TempDir
  Path dir;

  private Path state;

  private static TempProject project(Path folder) {
    return TempProject.named(folder, "shop")
        .file("mds_project.yml", """
            name: shop
            models:
              shop:
                +materialized: view
            """)
        .file("seeds/raw_orders.csv", "id,amount_cents\n1,1000\n2,250\n")
        .file("macros/money.sql", """
            {% macro cents_to_units(column) -%}
            round({{ column }} / 100.0, 2)
            {%- endmacro %}

            {% macro shout(text) -%}
            upper({{ text }})
            {%- endmacro %}
            """)
        .file("macros/amounts.sql", """
            {% macro order_amount() -%}
            {{ cents_to_units('amount_cents') }}
            {%- endmacro %}
            """)
        .file("models/stg_orders.sql", "select * from {{ ref('raw_orders') }}\n")
        .file("models/order_totals.sql",
            "select id, {{ order_amount() }} as amount from {{ ref('stg_orders') }}\n")
        .file("models/labels.sql", "select {{ shout(\"'x'\") }} as label\n")
        .file("models/schema.yml", """
            models:
              - name: stg_orders
                description: One row per order.
                columns:
                  - name: id
                    description: The order number.
                    tests: [unique]
            """);
  }

  /** Production writes its manifest (and the state folder is its target/). */
  @BeforeEach
  void writeProductionManifest() {
    TempProject prod = project(dir.resolve("prod"));
    ManifestWriter.write(ProjectParser.parse(prod.load()), Map.of(), "1.0");
    state = prod.path("target");
  }

  private TempProject branch() {
    return project(dir.resolve("branch"));
  }

  private SelectionState compare(TempProject branch) {
    return StateComparison.compare(ProjectParser.parse(branch.load()), state, "2.0");
  }

  @Test
  void sameProjectInAnotherFolderAndVersionHasNoChanges() {
    SelectionState compared = compare(branch());

    assertEquals(Set.of(), compared.newNodes());
    assertEquals(Map.of(), compared.modified());
    assertEquals(Map.of(), compared.previousResults());
  }

  @Test
  void sqlEditIsABodyChange() {
    TempProject branch = branch().file("models/stg_orders.sql",
        "select * from {{ ref('raw_orders') }} where id > 0\n");

    assertEquals(Map.of("model.shop.stg_orders", Set.of("body")), compare(branch).modified());
  }

  @Test
  void inFileConfigEditIsABodyAndConfigChange() {
    TempProject branch = branch().file("models/stg_orders.sql",
        "{{ config(materialized='table') }}\nselect * from {{ ref('raw_orders') }}\n");

    assertEquals(Map.of("model.shop.stg_orders", Set.of("body", "configs")),
        compare(branch).modified());
  }

  @Test
  void columnDescriptionEditIsADescriptionChange() {
    TempProject branch = branch().file("models/schema.yml", """
        models:
          - name: stg_orders
            description: One row per order.
            columns:
              - name: id
                description: The order number, per market.
                tests: [unique]
        """);

    assertEquals(Map.of("model.shop.stg_orders", Set.of("descriptions")),
        compare(branch).modified());
  }

  @Test
  void macroEditFlagsTheNodesThatCallItThroughAnotherMacroButNotItsNeighboursUsers() {
    TempProject branch = branch().file("macros/money.sql", """
        {% macro cents_to_units(column) -%}
        round({{ column }} / 100.0, 4)
        {%- endmacro %}

        {% macro shout(text) -%}
        upper({{ text }})
        {%- endmacro %}
        """);

    assertEquals(Map.of("model.shop.order_totals", Set.of("macros")), compare(branch).modified());
  }

  @Test
  void movingAMacroWithinItsFileChangesNothing() {
    TempProject branch = branch().file("macros/money.sql", """
        {% macro shout(text) -%}
        upper({{ text }})
        {%- endmacro %}


        {% macro cents_to_units(column) -%}
        round({{ column }} / 100.0, 2)
        {%- endmacro %}
        """);

    assertEquals(Map.of(), compare(branch).modified());
  }

  @Test
  void manifestRecordsTheMacrosANodeUsesDirectlyAndIndirectly() throws IOException {
    JsonNode manifest = ManifestWriter.JSON.readTree(state.resolve("manifest.json").toFile());

    assertEquals("[\"macro.shop.cents_to_units\",\"macro.shop.order_amount\"]",
        manifest.at("/nodes/model.shop.order_totals/depends_on/macros").toString());
    assertEquals("[\"macro.shop.shout\"]",
        manifest.at("/nodes/model.shop.labels/depends_on/macros").toString());
    assertNotEquals(manifest.at("/macros/macro.shop.cents_to_units/checksum/checksum"),
        manifest.at("/macros/macro.shop.shout/checksum/checksum"));
  }

  @Test
  void seedContentsAreTheSeedsBodyAndLineEndingsDoNotCount() throws IOException {
    TempProject changed = branch().file("seeds/raw_orders.csv", "id,amount_cents\n1,1000\n2,251\n");
    assertEquals(Map.of("seed.shop.raw_orders", Set.of("body")), compare(changed).modified());

    TempProject crlf = project(dir.resolve("crlf"));
    try (Stream<Path> files = Files.walk(crlf.root())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));
      }
    }
    SelectionState compared = compare(crlf);
    assertEquals(Map.of(), compared.modified());
    assertEquals(Set.of(), compared.newNodes());
  }

  @Test
  void newModelAndNewTestAreNewAndRemovedNodesAreIgnored() {
    TempProject branch = branch()
        .file("models/big_orders.sql", "select * from {{ ref('stg_orders') }}\n")
        .file("models/schema.yml", """
            models:
              - name: stg_orders
                description: One row per order.
                columns:
                  - name: id
                    description: The order number.
                    tests: [unique, not_null]
            """);
    branch.path("models/labels.sql").toFile().delete();

    SelectionState compared = compare(branch);

    assertEquals(Set.of("model.shop.big_orders", "test.shop.not_null_stg_orders_id"),
        compared.newNodes());
    assertEquals(Map.of(), compared.modified());
  }

  @Test
  void previousResultsComeFromTheStatesRunResults() throws IOException {
    Files.writeString(state.resolve("run_results.json"), """
        {"results": [
          {"unique_id": "model.shop.stg_orders", "status": "error"},
          {"unique_id": "model.shop.order_totals", "status": "skipped"}
        ]}
        """);

    assertEquals(Map.of("model.shop.stg_orders", "error", "model.shop.order_totals", "skipped"),
        compare(branch()).previousResults());
  }

  @Test
  void stateFolderWithoutAManifestIsAnErrorSayingWhatToCopy() {
    MdsException e = assertThrows(MdsException.class, () -> StateComparison.compare(
        ProjectParser.parse(branch().load()), dir.resolve("empty"), "2.0"));

    assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
  }
}
