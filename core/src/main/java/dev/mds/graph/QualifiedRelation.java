package dev.mds.graph;

/** A relation in another attached database: {@code "catalog"."schema"."identifier"}. */
public record QualifiedRelation(String catalog, Relation relation) {

  @Override
  public String toString() {
    return Relation.quote(catalog) + "." + relation;
  }
}
