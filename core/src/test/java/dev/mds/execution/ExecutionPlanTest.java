package dev.mds.execution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.TempProject;
import dev.mds.compile.ProjectParser;
import dev.mds.graph.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The waits a build adds beyond the DAG, on a parsed project. */
class ExecutionPlanTest {

  @TempDir
  Path dir;

  private static final String MODEL = "model.shop.";

  private Manifest manifest() {
    TempProject project = TempProject.named(dir, "shop")
        .file("seeds/orders.csv", "id,market\n1,UK\n")
        .file("data/extract.csv", "id\n1\n")
        .file("models/orders_export.sql", """
            {{ config(materialized='external', location='out/orders.parquet') }}
            select * from {{ ref('orders') }}
            """)
        .file("models/by_market_export.sql", """
            {{ config(materialized='external', location='out/by_market.parquet',
                      partition_by=['market']) }}
            select * from {{ ref('orders') }}
            """)
        .file("models/elsewhere_export.sql", """
            {{ config(materialized='external', location='archive/orders.parquet') }}
            select * from {{ ref('orders') }}
            """)
        .file("models/sources.yml", """
            sources:
              - name: files
                tables:
                  - name: flat
                    config: {location: 'out/*', format: parquet}
                  - name: nested
                    config: {location: 'out/by_market.parquet/*/*.parquet'}
                  - name: one
                    config: {location: 'out/orders.parquet'}
                  - name: extract
                    config: {location: 'data/*.csv'}
            """)
        .file("models/flat_copy.sql", "select * from {{ source('files', 'flat') }}\n")
        .file("models/nested_copy.sql", "select * from {{ source('files', 'nested') }}\n")
        .file("models/one_copy.sql", "select * from {{ source('files', 'one') }}\n")
        .file("models/extract_copy.sql", "select * from {{ source('files', 'extract') }}\n")
        // An export that reads the folder it writes into, and a model built from that export.
        .file("models/reexport.sql", """
            {{ config(materialized='external', location='out/again.parquet') }}
            select * from {{ source('files', 'flat') }}
            """);
    return ProjectParser.parse(project.load()).manifest();
  }

  private ExecutionPlan plan(Manifest manifest) {
    List<String> order = new ArrayList<>(manifest.graph().topologicalOrder());
    return new ExecutionPlan(manifest, order, true, dir.resolve("shop"), Optional.empty());
  }

  @Test
  void aReaderOfAFileSourceWaitsForTheExportsOfTheRunItCouldRead() {
    Manifest manifest = manifest();
    ExecutionPlan plan = plan(manifest);
    var flat = plan.parents(MODEL + "flat_copy");
    assertTrue(flat.contains(MODEL + "orders_export"), flat.toString());
    assertTrue(flat.contains(MODEL + "by_market_export"), flat.toString());
    assertFalse(flat.contains(MODEL + "elsewhere_export"), flat.toString());
    assertTrue(plan.parents(MODEL + "nested_copy").contains(MODEL + "by_market_export"));
    assertFalse(plan.parents(MODEL + "nested_copy").contains(MODEL + "orders_export"));
    assertTrue(plan.parents(MODEL + "one_copy").contains(MODEL + "orders_export"),
        plan.parents(MODEL + "one_copy") + " " + manifest.graph().parents(MODEL + "one_copy"));
    assertFalse(plan.parents(MODEL + "one_copy").contains(MODEL + "by_market_export"));
    assertTrue(plan.parents(MODEL + "extract_copy").stream().noneMatch(p -> p.endsWith("export")));
  }

  @Test
  void anExportThatReadsItsOwnFolderIsNeverWaitedForSoNoWaitCanCloseACircle() {
    Manifest manifest = manifest();
    ExecutionPlan plan = plan(manifest);
    var reexport = plan.parents(MODEL + "reexport");
    assertTrue(reexport.contains(MODEL + "orders_export"), reexport.toString());
    assertFalse(plan.parents(MODEL + "flat_copy").contains(MODEL + "reexport"));
  }

  @Test
  void withoutTheProjectFolderNothingIsAdded() {
    Manifest manifest = manifest();
    ExecutionPlan plan = new ExecutionPlan(manifest,
        new ArrayList<>(manifest.graph().topologicalOrder()), true, null, Optional.empty());
    assertFalse(plan.parents(MODEL + "flat_copy").contains(MODEL + "orders_export"));
  }
}
