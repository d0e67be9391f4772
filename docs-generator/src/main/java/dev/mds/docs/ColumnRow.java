package dev.mds.docs;

import java.util.List;

/**
 * One column of a model, seed or source: warehouse type, description and the tests on it.
 *
 * @param origin its column lineage, or null where the manifest holds none (seeds, sources,
 *     manifests written without lineage)
 * @param inherited where the shown description was written, when the column has none of its own
 *     and carries its source's unchanged (passthrough or rename); null otherwise
 * @param constraints the constraints the schema YAML declares on the column, on it or on the model
 *     naming it ("not null", "primary key", ...), as a reader says them
 */
record ColumnRow(String name, String type, String descriptionHtml, List<TestRow> tests,
    ColumnOrigin origin, InheritedDescription inherited, List<String> constraints) {

  ColumnRow(String name, String type, String descriptionHtml, List<TestRow> tests,
      ColumnOrigin origin) {
    this(name, type, descriptionHtml, tests, origin, null, List.of());
  }
}
