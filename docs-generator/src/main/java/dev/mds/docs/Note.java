package dev.mds.docs;

/** A titled piece of rendered Markdown, such as the description of a table's source. */
record Note(String title, String html) {
}
