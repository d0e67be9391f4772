package dev.mds.lineage;

/**
 * A relation in a FROM clause under the name the query uses for it.
 *
 * @param schema with {@code table}, the qualifier an unaliased base table also answers to
 *     ({@code main.orders.id}); both empty otherwise
 * @param inStar whether {@code *} includes its columns (not the right side of a semi or anti join)
 */
record Binding(String alias, RelationShape relation, String schema, String table,
    boolean inStar) {

  static Binding of(String alias, Shape shape) {
    return new Binding(alias, RelationShape.of(shape), "", "", true);
  }

  Shape shape() {
    return relation.get();
  }

  Binding hiddenFromStar() {
    return new Binding(alias, relation, schema, table, false);
  }
}
