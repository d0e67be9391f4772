package dev.mds.docs;

/** A block of SQL shown on a page, already highlighted and escaped. */
record CodeBlock(String id, String label, String html) {
}
