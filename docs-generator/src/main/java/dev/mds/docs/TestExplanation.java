package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a failed data test found, in the words of the rule it checks: "4 rows have loyalty_tier =
 * 'gold', which is not allowed", from the failing rows stored in run_results.json. Tests it has
 * no words for get one sentence with the count; the page shows their rows as a table.
 */
final class TestExplanation {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private TestExplanation() {
  }

  static List<String> of(JsonNode test, FailingRows failing) {
    if (failing == null || failing.count() == 0) {
      return List.of();
    }
    String kind = test.path("test_metadata").path("name").asText("");
    JsonNode kwargs = test.path("test_metadata").path("kwargs");
    String column = test.path("column_name").asText(kwargs.path("column_name").asText(""));
    List<String> sentences = new ArrayList<>();
    switch (kind) {
      case "not_null" -> sentences.add(rows(failing.count()) + " " + have(failing.count())
          + " no " + column + " (it is NULL), which is not allowed.");
      case "accepted_values" -> {
        String allowed = ProjectDocs.flat(kwargs.path("values"));
        for (List<String> row : failing.rows()) {
          long n = count(failing, row);
          sentences.add(rows(n) + " " + have(n) + " " + column + " = "
              + value(row.get(valueColumn(failing, column))) + ", which is not allowed"
              + (allowed.isEmpty() ? "." : " (allowed: " + allowed + ")."));
        }
      }
      case "unique", "unique_combination_of_columns" -> {
        for (List<String> row : failing.rows()) {
          long n = count(failing, row);
          sentences.add(rows(n) + " share " + keyOf(failing, row, column)
              + ", which should identify one row.");
        }
      }
      case "relationships" -> {
        String to = kwargs.path("to").asText("").replaceAll("^(ref|source)\\((.*)\\)$", "$2")
            .replace("'", "").replace("\"", "");
        String field = kwargs.path("field").asText("");
        List<String> values = new ArrayList<>();
        int at = valueColumn(failing, column);
        for (List<String> row : failing.rows()) {
          if (!values.contains(value(row.get(at)))) {
            values.add(value(row.get(at)));
          }
        }
        sentences.add(rows(failing.count()) + " " + have(failing.count()) + " a " + column
            + " with no match in " + to + (field.isEmpty() ? "" : "." + field) + ": "
            + String.join(", ", values) + (failing.count() > failing.rows().size() ? ", …" : "")
            + ".");
      }
      default -> sentences.add(rows(failing.count()) + " "
          + (failing.count() == 1 ? "breaks" : "break") + " this test"
          + (failing.rows().isEmpty() ? "." : "; " + (failing.rows().size() < failing.count()
              ? "the first " + failing.rows().size() + " are" : "here they are") + " below."));
    }
    // One sentence per value shown: say how many values were left out.
    boolean perValue = kind.equals("accepted_values") || kind.startsWith("unique");
    if (perValue && failing.rows().size() < failing.count()) {
      sentences.add("… and " + (failing.count() - failing.rows().size()) + " more.");
    }
    return List.copyOf(sentences);
  }

  /** The column holding the tested value: dbt's value_field, the column itself, or the first. */
  private static int valueColumn(FailingRows failing, String column) {
    for (String name : List.of("value_field", column)) {
      int at = failing.column(name);
      if (at >= 0) {
        return at;
      }
    }
    return 0;
  }

  private static long count(FailingRows failing, List<String> row) {
    int at = failing.column("n_records");
    if (at < 0) {
      return 1;
    }
    try {
      return Long.parseLong(row.get(at));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String keyOf(FailingRows failing, List<String> row, String column) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < failing.columns().size(); i++) {
      String name = failing.columns().get(i);
      if (!name.equalsIgnoreCase("n_records")) {
        // dbt's own unique test names its column unique_field.
        parts.add((name.equalsIgnoreCase("unique_field") && !column.isEmpty() ? column : name)
            + " = "
            + value(row.get(i)));
      }
    }
    return String.join(", ", parts);
  }

  private static String value(String text) {
    if (text.equals("NULL")) {
      return "NULL";
    }
    return NUMBER.matcher(text).matches() ? text : "'" + text + "'";
  }

  private static String rows(long n) {
    return n == 1 ? "1 row" : String.format(java.util.Locale.ROOT, "%,d rows", n);
  }

  private static String have(long n) {
    return n == 1 ? "has" : "have";
  }
}
