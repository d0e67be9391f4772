package dev.mds.graph;

/**
 * How an engine's SQL quotes an identifier: DuckDB (and the SQL standard) with double quotes,
 * Spark with backticks. A {@link Relation} carries the quoting of the target it was made for, so
 * every place that writes a relation into SQL ({@code "schema"."name"} or {@code `schema`.`name`})
 * follows the target's dialect without knowing it.
 */
public enum Quoting {
  DOUBLE_QUOTES('"'),
  BACKTICKS('`');

  private final char mark;

  Quoting(char mark) {
    this.mark = mark;
  }

  /** The quote character. */
  public char mark() {
    return mark;
  }

  /** {@code identifier} wrapped in the quote character, inner quote characters doubled. */
  public String quote(String identifier) {
    String doubled = String.valueOf(mark) + mark;
    return mark + identifier.replace(String.valueOf(mark), doubled) + mark;
  }
}
