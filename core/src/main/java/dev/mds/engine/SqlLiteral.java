package dev.mds.engine;

import dev.mds.MdsException;

/** SQL string literals for values mds puts into statements (paths, options). */
public final class SqlLiteral {

  private SqlLiteral() {
  }

  /** {@code it's} becomes {@code 'it''s'}. */
  public static String string(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new MdsException("A NUL character cannot appear in a SQL literal");
    }
    return "'" + value.replace("'", "''") + "'";
  }
}
