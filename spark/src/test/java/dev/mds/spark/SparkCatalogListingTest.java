package dev.mds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mds.engine.RelationCatalog;
import dev.mds.engine.RelationTypes;
import dev.mds.graph.Quoting;
import dev.mds.graph.Relation;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * What a run on Spark skips to stay close to raw Spark (bench/README.md): the catalog is looked
 * up relation by relation rather than listed, built tables are not counted, and the session is
 * started ahead of the run.
 */
class SparkCatalogListingTest {

  private static Relation relation(String schema, String name) {
    return new Relation(SparkEngine.CATALOG, schema, name, false, Quoting.BACKTICKS);
  }

  @Test
  void theRunsCatalogLooksUpEachRelationOnceWithoutListing() {
    SparkSession spark = SharedSpark.session();
    spark.sql("create database if not exists lookups");
    spark.sql("create or replace table lookups.orders using delta as select 1 as id");
    spark.sql("create or replace view lookups.orders_v as select * from lookups.orders");
    spark.sql("create or replace temp view lookups_scratch as select 2 as id");
    SparkWarehouse warehouse = new SparkWarehouse(null, spark);
    assertFalse(warehouse.listsRelations());
    assertFalse(warehouse.countsBuiltRows());
    RelationCatalog catalog = new RelationCatalog(warehouse);

    assertEquals(Optional.of(RelationTypes.TABLE), catalog.type(relation("lookups", "orders")));
    assertEquals(Optional.of(RelationTypes.VIEW), catalog.type(relation("lookups", "orders_v")));
    assertEquals(Optional.empty(), catalog.type(relation("lookups", "lookups_scratch")));
    assertEquals(Optional.empty(), catalog.type(relation("lookups", "missing")));
    assertEquals(Optional.empty(), catalog.type(relation("no_such_schema", "orders")));

    // Answers are kept: a relation created behind the run's back is not seen (as with a listing)
    // until the catalog stops answering (SQL mds did not write ran).
    spark.sql("create or replace table lookups.missing using delta as select 3 as id");
    assertEquals(Optional.empty(), catalog.type(relation("lookups", "missing")));
    catalog.stop();
    assertEquals(Optional.of(RelationTypes.TABLE), catalog.type(relation("lookups", "missing")));
  }

  @Test
  void aWarmedUpSessionIsTheOneTheRunOpens() {
    SparkProfile profile = new SparkProfile(SparkProfile.SESSION, "local[2]", Optional.empty(),
        SharedSpark.settings(), SharedSpark.state());
    SparkSession shared = SharedSpark.session();
    SparkSessions.warmUp(profile);
    assertSame(shared, SparkSessions.open(profile));
    // Taken once: a second open starts (here: finds) the session itself.
    assertSame(shared, SparkSessions.open(profile));
  }
}
