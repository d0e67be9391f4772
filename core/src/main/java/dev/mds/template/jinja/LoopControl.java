package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;

/**
 * Thrown by {@code {% break %}} and {@code {% continue %}} (Jinja's loopcontrols extension, which
 * dbt enables) and caught by the enclosing for loop. One instance per tag, without a stack trace,
 * so a break costs no more than a return; reaching the top, it reads as a template error.
 */
final class LoopControl extends PebbleException {

  private final boolean breaks;

  LoopControl(boolean breaks, int lineNumber, String filename) {
    super(null, "{% " + (breaks ? "break" : "continue") + " %} outside a for loop", lineNumber,
        filename);
    this.breaks = breaks;
  }

  boolean breaks() {
    return breaks;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
