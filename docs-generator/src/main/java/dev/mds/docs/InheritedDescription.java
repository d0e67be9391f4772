package dev.mds.docs;

/**
 * A column description shown on a column that has none of its own, carried down from where it
 * was written because the column holds that column's values unchanged (passed through or renamed),
 * as dbt Explorer does.
 *
 * @param from the node whose YAML describes the column
 * @param column the column's name there
 */
record InheritedDescription(NodeLink from, String column) {
}
