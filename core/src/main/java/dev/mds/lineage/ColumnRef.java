package dev.mds.lineage;

/**
 * One column of one node, e.g. {@code model.retail.stg_orders} / {@code amount_local}.
 *
 * @param node the node's unique id
 * @param column the column's name as the node spells it
 */
public record ColumnRef(String node, String column) implements Comparable<ColumnRef> {

  @Override
  public int compareTo(ColumnRef other) {
    int byNode = node.compareTo(other.node);
    return byNode != 0 ? byNode : column.compareToIgnoreCase(other.column);
  }

  /** Whether this is {@code other}, ignoring the case of the column name as SQL does. */
  public boolean sameAs(ColumnRef other) {
    return node.equals(other.node) && column.equalsIgnoreCase(other.column);
  }
}
