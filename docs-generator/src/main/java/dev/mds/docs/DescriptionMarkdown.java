package dev.mds.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Renders descriptions written in Markdown to HTML a page can include as is. Descriptions come
 * from anyone who edits the project's YAML, so raw HTML is shown as text and a link whose scheme is
 * not http, https or mailto (javascript:, data:, vbscript:, ...) loses its link and keeps its words.
 */
final class DescriptionMarkdown {

  private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");
  private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.\\-]*):");
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  private static final Pattern IGNORED_BY_BROWSERS = Pattern.compile("[\\x00-\\x20\\x7f]");
  private static final Pattern LINE_BREAK_TAG = Pattern.compile("(?i)<br\\s*/?>");
  // One tag or comment, or a run of them and nothing else: markup without words of its own.
  private static final Pattern ONLY_TAGS =
      Pattern.compile("(?s)\\s*(?:(?:<!--.*?-->|</?[A-Za-z][^<>]*>)\\s*)+");

  /** GitHub's tables, as dbt's docs site renders them in descriptions and READMEs. */
  private static final List<org.commonmark.Extension> EXTENSIONS =
      List.of(org.commonmark.ext.gfm.tables.TablesExtension.create());

  private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
  private final HtmlRenderer html = HtmlRenderer.builder()
      .extensions(EXTENSIONS)
      .escapeHtml(true)
      .attributeProviderFactory(context -> (node, tag, attributes) -> {
        if (node instanceof Link && isExternal(attributes.get("href"))) {
          attributes.put("rel", "noopener noreferrer nofollow");
        }
      })
      .build();
  private final TextContentRenderer text = TextContentRenderer.builder().stripNewlines(true)
      .extensions(EXTENSIONS).build();

  /** The description as safe HTML; empty for a blank description. */
  String html(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    return html.render(parseSafely(markdown, false));
  }

  /**
   * A README as safe HTML. READMEs are written for GitHub, which renders their HTML: a banner
   * image or a centring {@code <p align>} would otherwise show here as a line of escaped markup.
   * Tags are dropped and the words between them kept; an HTML block with words of its own (a
   * {@code <script>}'s body, a {@code <details>} summary) is still shown as text, never run.
   */
  String readmeHtml(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    return html.render(parseSafely(markdown, true));
  }

  /** The description as one line of plain text, for search results and lists. */
  String plainText(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    return text.render(parseSafely(markdown, false)).strip();
  }

  /** Whether a link destination may stay a link: no scheme, or http, https or mailto. */
  static boolean isSafeDestination(String destination) {
    String compact = IGNORED_BY_BROWSERS.matcher(destination).replaceAll("")
        .toLowerCase(Locale.ROOT);
    Matcher scheme = SCHEME.matcher(compact);
    if (scheme.find()) {
      return SAFE_SCHEMES.contains(scheme.group(1));
    }
    // No scheme: a relative path or a fragment, unless a colon hides before the first slash.
    int colon = compact.indexOf(':');
    int slash = compact.indexOf('/');
    return colon < 0 || (slash >= 0 && slash < colon);
  }

  private static boolean isExternal(String href) {
    return href != null && (href.startsWith("http://") || href.startsWith("https://"));
  }

  private Node parseSafely(String markdown, boolean dropTags) {
    Node document = parser.parse(markdown);
    List<Node> unsafe = new ArrayList<>();
    List<Node> markup = new ArrayList<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(HtmlInline inline) {
        // <br> is how descriptions in YAML break a line: a break, not text.
        if (LINE_BREAK_TAG.matcher(inline.getLiteral()).matches()
            || dropTags && ONLY_TAGS.matcher(inline.getLiteral()).matches()) {
          markup.add(inline);
        }
      }

      @Override
      public void visit(HtmlBlock block) {
        if (dropTags && ONLY_TAGS.matcher(block.getLiteral()).matches()) {
          markup.add(block);
        }
      }

      @Override
      public void visit(Link link) {
        if (!isSafeDestination(link.getDestination())) {
          unsafe.add(link);
        }
        visitChildren(link);
      }

      @Override
      public void visit(Image image) {
        // Images would be fetched from the network or a data: URL; the alt text says enough.
        unsafe.add(image);
      }
    });
    for (Node node : markup) {
      if (LINE_BREAK_TAG.matcher(node instanceof HtmlInline inline ? inline.getLiteral() : "")
          .matches()) {
        node.insertBefore(new HardLineBreak());
      }
      node.unlink();
    }
    for (Node node : unsafe) {
      if (node instanceof Image image) {
        String alt = textOf(image);
        if (!alt.isEmpty()) {
          image.insertBefore(new Text(alt));
        }
      } else {
        Node child = node.getFirstChild();
        while (child != null) {
          Node next = child.getNext();
          node.insertBefore(child);
          child = next;
        }
      }
      node.unlink();
    }
    return document;
  }

  /** An image's alt text, the words inside its brackets; not the "(url)" text rendering adds. */
  private String textOf(Node node) {
    StringBuilder words = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        words.append(text.getLiteral());
      }
    });
    return words.toString().strip();
  }
}
