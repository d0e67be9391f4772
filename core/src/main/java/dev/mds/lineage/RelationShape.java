package dev.mds.lineage;

import java.util.List;
import java.util.Optional;

/**
 * A relation as a query reads it: its columns, worked out when first needed, plus what is known
 * without them (a node's declared grain and its name), so that checking a join never forces an
 * analysis of the parents.
 */
final class RelationShape {

  private final Lazy<Shape> shape;
  private final Optional<List<String>> grain;
  private final String label;

  private RelationShape(Lazy<Shape> shape, Optional<List<String>> grain, String label) {
    this.shape = shape;
    this.grain = grain;
    this.label = label;
  }

  static RelationShape of(Shape shape) {
    return new RelationShape(Lazy.known(shape), Optional.of(shape.grain()), shape.label());
  }

  /** A node's columns, computed on demand; its grain is declared, so known now. */
  static RelationShape lazy(Lazy<Shape> shape, List<String> grain, String label) {
    return new RelationShape(shape, Optional.of(grain), label);
  }

  Shape get() {
    return shape.get();
  }

  List<String> grain() {
    return grain.orElseGet(() -> shape.get().grain());
  }

  String label() {
    return label;
  }

  RelationShape renamed(List<String> aliases) {
    if (aliases.isEmpty()) {
      return this;
    }
    return new RelationShape(Lazy.of(() -> shape.get().renamed(aliases)), Optional.empty(),
        label);
  }

  RelationShape labelled(String newLabel) {
    return new RelationShape(Lazy.of(() -> shape.get().labelled(newLabel)), grain, newLabel);
  }
}
