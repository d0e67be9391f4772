package dev.mds.docs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes the pages under {@code nodes/}. A small site gets one HTML file per page. A large one
 * ({@link #SHARDED_FROM} node pages or more) keeps every page's address but not its file: the
 * pages' HTML goes into a few scripts under {@code data/pages/} (about {@link #PER_SHARD} pages
 * each), and each {@code nodes/<page>.html} is a hard link to one small page that loads its shard
 * by a script tag and writes the page in while the browser parses it. Creating a file costs
 * ~0.3 ms on this project's ext4 test machine whatever its size, a hard link far less: 7,005 node
 * pages took ~2 s of kernel time as files. Links, anchors and {@code file://} work as before; what
 * is lost is reading a node page with JavaScript off (the overview, the lineage page and small
 * sites still have their HTML in the file).
 */
final class NodePages {

  /**
   * From this many node pages on, a site's pages go into shards; the system property
   * {@code mds.docs.shardedPagesFrom} moves the line (tests use 0).
   */
  static final int SHARDED_FROM = 2_000;
  static final int PER_SHARD = 50;
  static final String SHARDS = "data/pages/";
  /** The one page every node page's address links to (its links are relative to nodes/). */
  static final String SHELL = SHARDS + "shell.html";

  private NodePages() {
  }

  /**
   * Writes {@code pages} (site-relative path, e.g. {@code nodes/model.a.b.html}) with
   * {@code render} writing each page's HTML; renders on every core.
   */
  static void write(Path siteDir, List<String> pages, Render render) {
    if (pages.size() < Integer.getInteger("mds.docs.shardedPagesFrom", SHARDED_FROM)) {
      pages.parallelStream().forEach(page -> {
        try (BufferedWriter out = Files.newBufferedWriter(siteDir.resolve(page),
            StandardCharsets.UTF_8)) {
          render.page(page, out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return;
    }
    int shards = Math.max(1, (pages.size() + PER_SHARD - 1) / PER_SHARD);
    List<List<String>> byShard = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      byShard.add(new ArrayList<>());
    }
    for (String page : pages) {
      byShard.get(shard(fileName(page), shards)).add(page);
    }
    try {
      Files.createDirectories(siteDir.resolve(SHARDS));
      IntStream.range(0, shards).parallel().forEach(i ->
          writeShard(siteDir.resolve(SHARDS + i + ".js"), byShard.get(i), render));
      Path shell = siteDir.resolve(SHELL);
      Files.writeString(shell, shell(shards), StandardCharsets.UTF_8);
      for (String page : pages) {
        Path link = siteDir.resolve(page);
        try {
          Files.createLink(link, shell);
        } catch (IOException | UnsupportedOperationException e) {
          // A file system without hard links, or one inode's link limit reached: a copy.
          Files.copy(shell, link);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one page's HTML to {@code out}. */
  @FunctionalInterface
  interface Render {
    void page(String page, Writer out) throws IOException;
  }

  private static void writeShard(Path file, List<String> pages, Render render) {
    // UTF-8 as the pages are, only JSON's own escapes: a script file is never parsed as HTML, so
    // the < > & escapes of the data scripts (and the bytes they cost) are not needed here. Each
    // page is escaped as the template renders it (see JsonStringWriter).
    try (OutputStream out = Files.newOutputStream(file);
        JsonStringWriter json = new JsonStringWriter(out)) {
      for (char c : "mdsPage({".toCharArray()) {
        json.raw(c);
      }
      for (int i = 0; i < pages.size(); i++) {
        if (i > 0) {
          json.raw(',');
        }
        json.string(fileName(pages.get(i)));
        json.raw(':');
        json.startString();
        render.page(pages.get(i), json);
        json.endString();
      }
      for (char c : "});\n".toCharArray()) {
        json.raw(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fileName(String page) {
    return page.substring(page.lastIndexOf('/') + 1);
  }

  /** The shard of a page's file name; {@code pages.js} computes the same (Java's string hash). */
  static int shard(String fileName, int shards) {
    return (fileName.hashCode() & 0x7fffffff) % shards;
  }

  /** The page every node page is a link to: it asks {@code pages.js} to write the real one in. */
  private static String shell(int shards) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
        + " script-src 'self' file:; style-src 'self' file:; img-src 'self' file: data:;"
        + " base-uri 'none'; form-action 'none'\">\n"
        + "<script src=\"../assets/pages.js\" data-shards=\"" + shards + "\"></script>\n"
        + "<noscript><p>This page of the documentation needs JavaScript."
        + " <a href=\"../index.html\">Overview</a></p></noscript>\n";
  }
}
