package dev.mds.template.jinja;

/**
 * A value whose truth is decided when a template tests it ({@code {% if execute %}}), not when it
 * is looked up: the runtime learns that the template asked.
 */
public interface Truthy {

  boolean truth();

  /** Jinja's (Python's) truth value of any template value. */
  static boolean of(Object value) {
    return Truthiness.of(value);
  }
}
