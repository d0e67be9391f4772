package dev.mds.engine;

import dev.mds.MdsException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What DuckDB's {@code read_csv} reads from a set of CSV files, spelled out so that an engine
 * without DuckDB's reader (Spark) can read the same files into the same rows: the layout
 * (delimiter, quote, escape, header, encoding) and per column DuckDB's name, the header text it
 * comes from, DuckDB's type and how the text turns into it (date format, decimal comma). The
 * answers come from a private in-memory DuckDB asked about the very call DuckDB would run.
 *
 * @param files the files (or one glob) the engine reads, absolute
 * @param encoding the files' character set as Java names it ({@code UTF-8}, {@code windows-1252})
 */
public record CsvScan(List<String> files, String encoding, String delimiter, String quote,
    String escape, boolean header, String comment, List<Column> columns) {

  /**
   * One column as DuckDB's reader returns it.
   *
   * @param headerText the header's text for the column, as written (empty without a header)
   * @param type DuckDB's type ({@code BIGINT}, {@code DATE}, {@code DECIMAL(18,2)}, ...)
   * @param format DuckDB's {@code strptime} format for a DATE or TIMESTAMP column, empty for ISO
   * @param thousands the thousands separator a decimal-comma number holds, empty for none
   * @param decimalComma whether numbers are written {@code 1234,5}
   */
  public record Column(String name, String headerText, String type, String format,
      boolean decimalComma, String thousands) {
  }

  /**
   * Asks DuckDB what {@code read_csv(inspected, options)} reads.
   *
   * @param files what the engine reads (the originals: {@code inspected} may be a UTF-8 copy)
   * @param inspected a SQL literal (or list of literals) DuckDB can read: the same files
   * @param options the call's options after its files, as DuckDB SQL ({@code header = true, ...})
   * @param location names the reader in errors
   */
  public static CsvScan inspect(List<String> files, String inspected, String encoding,
      String options, String location) {
    String with = options.isBlank() ? "" : ", " + options;
    try (Connection duck = DuckDb.connect("jdbc:duckdb:")) {
      String delimiter;
      String quote;
      String escape;
      boolean header;
      String comment;
      String dateFormat;
      String timestampFormat;
      long skip;
      String sniff = "select Delimiter, Quote, Escape, HasHeader, DateFormat, TimestampFormat,"
          + " SkipRows, Comment from sniff_csv(" + first(inspected);
      ResultSet sniffed;
      Statement sniffing = duck.createStatement();
      try {
        sniffed = sniffing.executeQuery(sniff + with + ")");
      } catch (SQLException notForTheSniffer) {
        // sniff_csv takes only the options about the layout (not columns, union_by_name, ...).
        StringJoiner layout = new StringJoiner(", ");
        for (String option : CsvCalls.arguments(options)) {
          String name = option.strip().split("\\s*(=|:=)", 2)[0].toLowerCase(Locale.ROOT);
          if (SNIFFED.contains(name)) {
            layout.add(option.strip());
          }
        }
        sniffing.close();
        sniffing = duck.createStatement();
        sniffed = sniffing.executeQuery(sniff + (layout.length() == 0 ? "" : ", " + layout)
            + ")");
      }
      try (Statement done = sniffing; ResultSet rs = sniffed) {
        rs.next();
        delimiter = orEmpty(rs.getString(1));
        quote = orEmpty(rs.getString(2));
        escape = orEmpty(rs.getString(3));
        header = rs.getBoolean(4);
        dateFormat = orEmpty(rs.getString(5));
        timestampFormat = orEmpty(rs.getString(6));
        skip = rs.getLong(7);
        comment = orEmpty(rs.getString(8));
      }
      if (skip > 0) {
        throw new MdsException(location + ": read_csv skips " + skip + " line(s) before the"
            + " header (skip), which Spark's CSV reader cannot; remove them from the file");
      }
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      try (Statement st = duck.createStatement();
          ResultSet rs = st.executeQuery("describe select * from read_csv(" + inspected + with
              + ")")) {
        while (rs.next()) {
          names.add(rs.getString("column_name"));
          types.add(rs.getString("column_type"));
        }
      }
      List<String> headerTexts = new ArrayList<>();
      if (header) {
        String layout = "header = false, all_varchar = true, delim = "
            + SqlLiteral.string(delimiter) + ", quote = " + SqlLiteral.string(quote)
            + ", escape = " + SqlLiteral.string(escape)
            + (comment.isEmpty() ? "" : ", comment = " + SqlLiteral.string(comment))
            + option(options, "encoding").map(e -> ", encoding = " + e).orElse("");
        try (Statement st = duck.createStatement();
            ResultSet rs = st.executeQuery("select * from read_csv(" + first(inspected) + ", "
                + layout + ") limit 1")) {
          if (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              headerTexts.add(orEmpty(rs.getString(i)));
            }
          }
        }
      }
      Optional<String> decimal = option(options, "decimal_separator").map(CsvScan::unquote);
      boolean decimalComma = decimal.filter(","::equals).isPresent();
      String thousands = option(options, "thousands").map(CsvScan::unquote).orElse("");
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String type = types.get(i).toUpperCase(Locale.ROOT);
        String format = type.equals("DATE") ? dateFormat
            : type.startsWith("TIMESTAMP") ? timestampFormat : "";
        columns.add(new Column(names.get(i), i < headerTexts.size() ? headerTexts.get(i) : "",
            types.get(i), format, decimalComma && isNumber(type), thousands));
      }
      return new CsvScan(List.copyOf(files), encoding, delimiter, quote, escape, header,
          comment, List.copyOf(columns));
    } catch (SQLException e) {
      throw new MdsException(location + ": cannot read CSV: " + DuckDbError.summary(e.getMessage()),
          e);
    }
  }

  /** The read_csv options sniff_csv takes. */
  private static final java.util.Set<String> SNIFFED = java.util.Set.of("delim", "sep",
      "delimiter", "quote", "escape", "header", "dateformat", "date_format", "timestampformat",
      "timestamp_format", "comment", "encoding", "skip", "decimal_separator", "new_line",
      "compression");

  private static boolean isNumber(String type) {
    return type.equals("DOUBLE") || type.equals("FLOAT") || type.equals("REAL")
        || type.startsWith("DECIMAL") || type.startsWith("NUMERIC");
  }

  /** The first file of a list literal: the sniffer reads one file. */
  private static String first(String inspected) {
    String text = inspected.strip();
    if (!text.startsWith("[")) {
      return text;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'((?:[^']|'')*)'")
        .matcher(text);
    return m.find() ? m.group() : text;
  }

  /**
   * The value of option {@code name} in mds's own option text ({@code name = value, ...}, values
   * without commas outside quotes), as written.
   */
  private static Optional<String> option(String options, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(?:^|,)\\s*" + name
        + "\\s*(?:=|:=)\\s*('(?:[^']|'')*'|[^,]+)").matcher(options);
    return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
  }

  private static String unquote(String literal) {
    return literal.startsWith("'") && literal.endsWith("'") && literal.length() >= 2
        ? literal.substring(1, literal.length() - 1).replace("''", "'") : literal;
  }

  private static String orEmpty(String value) {
    return value == null || value.equals("(empty)") ? "" : value;
  }
}
