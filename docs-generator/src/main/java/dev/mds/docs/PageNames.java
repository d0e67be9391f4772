package dev.mds.docs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives every node and macro a page under {@code nodes/}, named after its unique id with anything
 * but letters, digits, dots, dashes and underscores replaced, so a hostile or odd name can never
 * leave the folder. Names that collide once cleaned (or differ only in case, which matters on macOS
 * and Windows disks) get a numeric suffix.
 */
final class PageNames {

  static final String FOLDER = "nodes/";

  private final Map<String, String> pages = new HashMap<>();
  private final Set<String> taken = new HashSet<>();

  /** The page of {@code uniqueId}, relative to the site root; assigned on first use. */
  String page(String uniqueId) {
    return pages.computeIfAbsent(uniqueId, this::assign);
  }

  private String assign(String uniqueId) {
    String base = uniqueId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (base.isEmpty() || base.startsWith(".")) {
      base = "_" + base;
    }
    if (base.length() > 150) {
      base = base.substring(0, 140) + "_" + Integer.toHexString(uniqueId.hashCode());
    }
    String name = base;
    for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
      name = base + "-" + i;
    }
    return FOLDER + name + ".html";
  }
}
