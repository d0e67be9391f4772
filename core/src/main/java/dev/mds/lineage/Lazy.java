package dev.mds.lineage;

import java.util.function.Supplier;

/**
 * A value worked out the first time it is asked for. A parent's columns cost a whole analysis of
 * the parent, and a join check usually never needs them.
 */
final class Lazy<T> implements Supplier<T> {

  private Supplier<T> compute;
  private T value;

  private Lazy(Supplier<T> compute) {
    this.compute = compute;
  }

  static <T> Lazy<T> of(Supplier<T> compute) {
    return new Lazy<>(compute);
  }

  static <T> Lazy<T> known(T value) {
    Lazy<T> lazy = new Lazy<>(null);
    lazy.value = value;
    return lazy;
  }

  @Override
  public T get() {
    if (compute != null) {
      value = compute.get();
      compute = null;
    }
    return value;
  }
}
