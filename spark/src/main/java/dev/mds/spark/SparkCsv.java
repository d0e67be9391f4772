package dev.mds.spark;

import dev.mds.MdsException;
import dev.mds.engine.CsvScan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CSV files read by Spark's CSV reader into the rows and types DuckDB's {@code read_csv} gives:
 * every column is read as text with DuckDB's layout (delimiter, quote, doubled quotes as the
 * escape, encoding, quoted line breaks), then cast to DuckDB's type with DuckDB's date format
 * and decimal comma. Spark names the columns after the header (its own way: an empty name is
 * {@code _c3}, a repeated one gets its position appended); they are selected by those names and
 * given DuckDB's.
 */
final class SparkCsv {

  private SparkCsv() {
  }

  static String read(CsvScan scan, SparkDialect dialect) {
    List<String> spark = sparkNames(scan);
    StringJoiner select = new StringJoiner(",\n  ", "select\n  ", "\n");
    for (int i = 0; i < scan.columns().size(); i++) {
      CsvScan.Column column = scan.columns().get(i);
      select.add(value(column, dialect.quote(spark.get(i)), dialect) + " as "
          + dialect.quote(column.name()));
    }
    String options = options(scan, dialect);
    List<String> reads = new ArrayList<>();
    for (String file : scan.files()) {
      reads.add(select + "from csv." + dialect.quote(file) + " with (" + options + ")");
    }
    return "(" + String.join("\nunion all\n", reads) + ")";
  }

  /**
   * CSV files at a URI mds cannot inspect (object storage, {@code file:/}): Spark's reader with
   * the layout the project states and DuckDB's defaults for the rest (a header line, comma, the
   * quote doubled as its escape, UTF-8, quoted line breaks); the types Spark infers from the data
   * (one more pass over the files each time the query is planned); a malformed row fails the
   * read ({@code FAILFAST}) rather than turn into nulls, or is dropped with {@code on_error: skip}
   * / {@code ignore_errors = true}, as DuckDB does.
   */
  static String readAt(String uri, Map<String, String> layout, SparkDialect dialect) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("header", layout.getOrDefault("header", "true"));
    options.put("sep", layout.getOrDefault("delimiter", ","));
    String quote = layout.getOrDefault("quote", "\"");
    options.put("quote", quote);
    options.put("escape", layout.getOrDefault("escape", quote));
    String encoding = layout.getOrDefault("encoding", "UTF-8");
    options.put("encoding", encoding.equalsIgnoreCase("latin-1")
        || encoding.equalsIgnoreCase("latin1") ? "ISO-8859-1" : encoding);
    options.put("multiLine", "true");
    options.put("inferSchema", "true");
    options.put("mode", layout.getOrDefault("on_error", "").equalsIgnoreCase("skip")
        ? "DROPMALFORMED" : "FAILFAST");
    StringJoiner list = new StringJoiner(", ");
    options.forEach((k, v) -> list.add(dialect.string(k) + " = " + dialect.string(v)));
    return "(select * from csv." + dialect.quote(uri) + " with (" + list + "))";
  }

  /** Spark's CSV options for the layout DuckDB reads. */
  private static String options(CsvScan scan, SparkDialect dialect) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("header", String.valueOf(scan.header()));
    options.put("sep", scan.delimiter());
    options.put("quote", scan.quote());
    // DuckDB's default escape is the quote doubled ("a ""b"""); Spark's is a backslash.
    options.put("escape", scan.escape().isEmpty() ? scan.quote() : scan.escape());
    if (!scan.comment().isEmpty()) {
      options.put("comment", scan.comment());
    }
    if (!scan.encoding().equalsIgnoreCase("UTF-8")) {
      options.put("encoding", scan.encoding());
    }
    // DuckDB reads a quoted value across line breaks; Spark only with multiLine.
    options.put("multiLine", "true");
    options.put("inferSchema", "false");
    StringJoiner list = new StringJoiner(", ");
    options.forEach((k, v) -> list.add(dialect.string(k) + " = " + dialect.string(v)));
    return list.toString();
  }

  /** The names Spark gives the columns (its CSV reader's rule for headers). */
  private static List<String> sparkNames(CsvScan scan) {
    List<String> names = new ArrayList<>();
    List<CsvScan.Column> columns = scan.columns();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (CsvScan.Column column : columns) {
      if (!column.headerText().isEmpty()) {
        counts.merge(column.headerText().toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      String text = columns.get(i).headerText();
      if (!scan.header() || text.isEmpty()) {
        names.add("_c" + i);
      } else if (counts.get(text.toLowerCase(Locale.ROOT)) > 1) {
        names.add(text + i);
      } else {
        names.add(text);
      }
    }
    return names;
  }

  /** The column's text as DuckDB's reader types it. */
  private static String value(CsvScan.Column column, String text, SparkDialect dialect) {
    String duckType = column.type().strip().toUpperCase(Locale.ROOT);
    String type = dialect.columnType(duckType);
    if (type.equals("string")) {
      return text;
    }
    if (column.decimalComma()) {
      String digits = column.thousands().isEmpty() ? "trim(" + text + ")"
          : "replace(trim(" + text + "), " + dialect.string(column.thousands()) + ", '')";
      return "cast(replace(" + digits + ", ',', '.') as " + type + ")";
    }
    if (type.equals("date") || type.equals("timestamp")) {
      String format = column.format();
      if (!format.isEmpty() && !isIso(format)) {
        return (type.equals("date") ? "to_date(" : "to_timestamp(") + text + ", "
            + dialect.string(javaPattern(format)) + ")";
      }
    }
    return "cast(" + text + " as " + type + ")";
  }

  /** Formats Spark's cast reads as DuckDB does. */
  private static boolean isIso(String format) {
    return format.equals("%Y-%m-%d") || format.startsWith("%Y-%m-%d %H:%M")
        || format.startsWith("%Y-%m-%dT%H:%M");
  }

  /** A DuckDB {@code strptime} format as a Java/Spark datetime pattern. */
  static String javaPattern(String format) {
    StringBuilder pattern = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        literal.append(c);
        continue;
      }
      char spec = format.charAt(++i);
      boolean unpadded = spec == '-' && i + 1 < format.length();
      if (unpadded) {
        spec = format.charAt(++i);
      }
      String part = switch (spec) {
        case 'Y' -> "yyyy";
        case 'y' -> "yy";
        case 'm' -> unpadded ? "M" : "MM";
        case 'd' -> unpadded ? "d" : "dd";
        case 'H' -> unpadded ? "H" : "HH";
        case 'I' -> unpadded ? "h" : "hh";
        case 'M' -> unpadded ? "m" : "mm";
        case 'S' -> unpadded ? "s" : "ss";
        case 'f' -> "SSSSSS";
        case 'g' -> "SSS";
        case 'p' -> "a";
        case 'b' -> "MMM";
        case 'B' -> "MMMM";
        case 'a' -> "EEE";
        case 'A' -> "EEEE";
        case 'j' -> "DDD";
        case 'z' -> "XX";
        case '%' -> null;
        default -> throw new MdsException("date format '" + format + "' uses %" + spec
            + ", which has no Spark equivalent");
      };
      if (part == null) {
        literal.append('%');
        continue;
      }
      if (literal.length() > 0) {
        pattern.append(quoted(literal.toString()));
        literal.setLength(0);
      }
      pattern.append(part);
    }
    if (literal.length() > 0) {
      pattern.append(quoted(literal.toString()));
    }
    return pattern.toString();
  }

  /** Literal text in a Java pattern: punctuation as is, letters quoted. */
  private static String quoted(String text) {
    return text.chars().anyMatch(Character::isLetter) ? "'" + text.replace("'", "''") + "'"
        : text;
  }
}
