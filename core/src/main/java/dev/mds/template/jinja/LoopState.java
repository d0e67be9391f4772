package dev.mds.template.jinja;

/**
 * Jinja's {@code loop} variable for one iteration. Public accessors are what templates read:
 * {@code loop.index} (1-based), {@code loop.index0}, {@code loop.revindex}, {@code loop.first}, ...
 * ({@code loop.cycle(...)} is LoopCycle's).
 */
record LoopState(int index0, int length, Object previtem, Object nextitem) {

  public int index() {
    return index0 + 1;
  }

  public int revindex() {
    return length - index0;
  }

  public int revindex0() {
    return length - index0 - 1;
  }

  public boolean first() {
    return index0 == 0;
  }

  public boolean last() {
    return index0 == length - 1;
  }

  /** Loops do not recurse here ({@code for ... recursive} is refused), so every loop is depth 1. */
  public int depth() {
    return 1;
  }

  public int depth0() {
    return 0;
  }
}
