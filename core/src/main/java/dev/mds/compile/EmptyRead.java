package dev.mds.compile;

import dev.mds.template.ThisRelation;

/**
 * What {@code ref} and {@code source} render as under {@code --empty}: the input read through a
 * subquery that returns none of its rows, so that every model binds and gets its columns and
 * types without reading data, as dbt's {@code --empty} does. Like {@link EventTimeFilter}'s
 * subquery it has no alias of its own, so the project's ({@code from {{ ref('orders') }} o})
 * can follow; its attributes, and {@code .render()}, are the plain relation's.
 */
record EmptyRead(Object relation) implements ThisRelation.RelationLike {

  @Override
  public Object attribute(String attribute) {
    return relation instanceof ThisRelation.RelationLike like ? like.attribute(attribute) : null;
  }

  @Override
  public String toString() {
    return "(select * from " + relation + " where false limit 0)";
  }
}
