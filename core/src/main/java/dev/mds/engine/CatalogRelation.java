package dev.mds.engine;

import dev.mds.graph.Relation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the warehouse holds for one relation: {@code BASE TABLE} or {@code VIEW}, its columns in
 * order, and for tables the exact row count.
 */
public record CatalogRelation(Relation relation, String database, String type,
    List<CatalogColumn> columns, OptionalLong rowCount, Optional<String> comment) {

  public CatalogRelation {
    columns = List.copyOf(columns);
  }
}
