package dev.mds.template;

/** A {@code {% docs name %}...{% enddocs %}} block from a Markdown file. */
public record DocsBlock(String name, String content, String file) {
}
