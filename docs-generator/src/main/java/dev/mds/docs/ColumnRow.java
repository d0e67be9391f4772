package dev.mds.docs;

import java.util.List;

/** One column of a model, seed or source: warehouse type, description and the tests on it. */
record ColumnRow(String name, String type, String descriptionHtml, List<TestRow> tests) {
}
