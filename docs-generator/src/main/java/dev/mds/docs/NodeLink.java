package dev.mds.docs;

/**
 * A link to one node's page: its unique id, the name people know it by, its kind (model, seed,
 * source, test, macro; colours and badges key off it) and the page relative to the site root.
 */
record NodeLink(String id, String name, String type, String page) {
}
