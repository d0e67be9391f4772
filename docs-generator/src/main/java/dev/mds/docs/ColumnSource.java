package dev.mds.docs;

/** One parent column a column is computed from, linked to the page of the node that holds it. */
record ColumnSource(NodeLink node, String column) {
}
