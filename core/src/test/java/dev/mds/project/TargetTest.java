package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mds.graph.Relation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a target names relations: two parts unless the catalog must be written. */
class TargetTest {

  private static Target target(String file, String schema, Attachment... attachments) {
    return new Target("p", "dev", "duckdb", Path.of("/data/" + file), schema, 1, Map.of(),
        List.of(attachments), List.of(), Optional.empty(), List.of(), Optional.empty());
  }

  @Test
  void theTargetsOwnDatabaseIsWrittenInTwoParts() {
    Target target = target("shop.duckdb", "main");

    assertEquals("\"main\".\"orders\"",
        target.relation(Optional.empty(), "main", "orders").toString());
    assertEquals(new Relation("main", "orders"),
        target.relation(Optional.of("SHOP"), "main", "orders"));
    assertEquals("shop", target.database());
    assertEquals("shop", target.relation(Optional.empty(), "main", "orders").database());
  }

  @Test
  void aSchemaNamedLikeACatalogIsWrittenInThreeParts() {
    Target target = target("dbt.duckdb", "dbt",
        new Attachment(Path.of("/data/lake.duckdb"), "lake", false));

    assertEquals("\"dbt\".\"dbt\".\"orders\"",
        target.relation(Optional.empty(), "dbt", "orders").toString());
    assertEquals("\"dbt\".\"lake\".\"orders\"",
        target.relation(Optional.empty(), "lake", "orders").toString());
    assertEquals("\"dbt\".\"temp\".\"x\"",
        target.relation(Optional.empty(), "temp", "x").toString());
    assertEquals("\"dbt\".\"prod\".\"x\"",
        target.relation(Optional.empty(), "prod", "x").toString());
  }

  @Test
  void anotherCatalogIsWrittenInThreePartsSpelledAsTheProfileSpellsIt() {
    Target target = target(":memory:", "main",
        new Attachment(Path.of("/data/lake.duckdb"), "Lake", false));

    Relation relation = target.relation(Optional.of("lake"), "main", "orders");
    assertEquals("\"Lake\".\"main\".\"orders\"", relation.toString());
    assertEquals(relation, target.relation(Optional.of("LAKE"), "main", "orders"));
    assertEquals("memory", target.database());
    assertEquals(List.of("memory", "Lake"), target.catalogs());
  }
}
