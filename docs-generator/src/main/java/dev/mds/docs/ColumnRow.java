package dev.mds.docs;

import java.util.List;

/**
 * One column of a model, seed or source: warehouse type, description and the tests on it.
 *
 * @param origin its column lineage, or null where the manifest holds none (seeds, sources,
 *     manifests written without lineage)
 */
record ColumnRow(String name, String type, String descriptionHtml, List<TestRow> tests,
    ColumnOrigin origin) {
}
