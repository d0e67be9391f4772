package dev.mds.template.jinja;

/**
 * Jinja's {@code loop} variable for one iteration. Public accessors are what templates read:
 * {@code loop.index} (1-based), {@code loop.index0}, {@code loop.revindex}, {@code loop.first}, ...
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
}
