package dev.mds.engine;

import dev.mds.project.NodeConfig;
import dev.mds.project.YamlValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a seed or file source wants its CSV read; anything absent is detected.
 *
 * @param columnTypes DuckDB types that override detection, by column name
 * @param skipErrors {@code on_error: skip}: drop rows that cannot be read and report how many
 */
public record CsvOptions(Optional<String> delimiter, Optional<String> encoding,
    Optional<String> decimalSeparator, Optional<String> thousands, Optional<String> quote,
    Optional<String> dateFormat, Map<String, String> columnTypes, boolean skipErrors) {

  public static CsvOptions from(NodeConfig config) {
    Map<String, String> types = new LinkedHashMap<>();
    YamlValues.map(config.values().get("column_types"))
        .forEach((column, type) -> types.put(column, String.valueOf(type)));
    return new CsvOptions(config.string("delimiter").or(() -> config.string("delim")),
        config.string("encoding"), config.string("decimal_separator"), config.string("thousands"),
        config.string("quote"), config.string("date_format").or(() -> config.string("dateformat")),
        types, config.string("on_error").map("skip"::equalsIgnoreCase).orElse(false));
  }

  public static CsvOptions defaults() {
    return new CsvOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Map.of(), false);
  }
}
