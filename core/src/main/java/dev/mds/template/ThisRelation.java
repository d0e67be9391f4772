package dev.mds.template;

/**
 * The {@code this} global: renders as the current node's relation. Attribute access
 * ({@code this.schema}, {@code this.identifier}, {@code this.name}) is forwarded to it.
 */
public final class ThisRelation {

  Object current() {
    return ActiveNode.get().thisRelation();
  }

  public Object getSchema() {
    return attribute("schema");
  }

  public Object getIdentifier() {
    return attribute("identifier");
  }

  public Object getName() {
    return attribute("identifier");
  }

  public Object getDatabase() {
    return attribute("database");
  }

  private Object attribute(String name) {
    Object relation = current();
    if (relation instanceof RelationLike r) {
      return r.attribute(name);
    }
    return relation;
  }

  @Override
  public String toString() {
    return String.valueOf(current());
  }

  /** A relation whose parts templates can read. */
  public interface RelationLike {
    Object attribute(String name);
  }
}
