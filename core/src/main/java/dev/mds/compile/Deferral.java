package dev.mds.compile;

import java.util.Set;

/**
 * {@code --defer}: refs to nodes outside {@code selected} read the production database, attached
 * read-only under {@code catalog}, instead of the one being built.
 */
public record Deferral(String catalog, Set<String> selected) {

  /** The name the production database is attached under. */
  public static final String CATALOG = "prod";
}
