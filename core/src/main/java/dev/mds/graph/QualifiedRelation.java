package dev.mds.graph;

/**
 * A relation of another attached database under the same schema and name (production, for
 * {@code --defer}): {@code "catalog"."schema"."identifier"}.
 */
public record QualifiedRelation(String catalog, Relation relation)
    implements dev.mds.template.ThisRelation.RelationLike {

  @Override
  public Object attribute(String name) {
    return name.equals("database") ? catalog : relation.attribute(name);
  }

  @Override
  public String toString() {
    return relation.in(catalog).toString();
  }
}
