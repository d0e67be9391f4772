package dev.mds.cli;

import static dev.mds.cli.CliRun.mds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic tests mds ships for dbt_utils and dbt_expectations (under dev/mds/packages in the
 * jar), copied into a project's macros/ and declared by their bare names, on a model with known
 * bad rows: each fails with the number of failing rows the package reports, and passes when it
 * should.
 */
class CliPackageGenericTestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Five items: name has a null and a blank; qty is 1, 2, 3, 5, 8; price has a null; codes end
   * in a digit but ZZ, AB44 is four long; email has a null and 'bad'; day skips 2020-01-04 and
   * has a null; the [lo, hi) ranges overlap once and one is empty; x repeats 1, the last row's
   * x, y, z are null.
   */
  private static final String ITEMS = """
      select * from (values
        (1, 'a', 'apple', 1, 1.50, 'AB1', 'a@x.com', date '2020-01-01', 0, 10, 1, 2, 3),
        (2, 'a', null, 2, 2.50, 'AB2', 'b@x.com', date '2020-01-02', 10, 20, 1, 1, 3),
        (3, 'b', ' ', 3, 3.50, 'XY3', 'bad', date '2020-01-03', 15, 30, 4, 5, 6),
        (4, 'b', 'pear', 5, null, 'AB44', null, date '2020-01-05', 30, 30, 7, 8, 9),
        (5, 'c', 'fig', 8, 9.00, 'ZZ', 'c@x.com', null, 40, 50, null, null, null)
      ) t(id, grp, name, qty, price, code, email, day, lo, hi, x, y, z)
      """;

  @TempDir
  Path dir;

  private final List<String> yaml = new ArrayList<>();
  private final Map<String, String> expected = new TreeMap<>();

  /** Declares test {@code name} on model items: {@code test: {name: ..., args}}, and its result. */
  private void on(String name, String test, String args, String result) {
    yaml.add("      - " + test + ": {name: " + name + (args.isEmpty() ? "" : ", " + args) + "}");
    expected.put(name, result);
  }

  private void fails(String name, String test, String args, int count) {
    on(name, test, args, "fail " + count);
  }

  private void passes(String name, String test, String args) {
    on(name, test, args, "pass 0");
  }

  @Test
  void dbtUtilsTestsCountTheFailingRowsAsDbtUtilsDoes() throws Exception {
    fails("nnp_fail", "not_null_proportion", "column_name: name, at_least: 0.9, group_by_columns: [grp]", 1);
    passes("nnp_pass", "not_null_proportion", "column_name: name, at_least: 0.8");
    fails("not_constant_fail", "not_constant", "column_name: qty, group_by_columns: [grp]", 1);
    passes("not_constant_pass", "not_constant", "column_name: qty");
    fails("not_empty_fail", "not_empty_string", "column_name: name", 1);
    passes("not_empty_untrimmed_pass", "not_empty_string", "column_name: name, trim_whitespace: false");
    fails("at_least_one_fail", "at_least_one", "column_name: z, group_by_columns: [grp]", 1);
    passes("at_least_one_pass", "at_least_one", "column_name: z");
    fails("recency_fail", "recency", "field: day, datepart: day, interval: 1", 1);
    passes("recency_pass", "recency",
        "field: 'coalesce(day, current_date)', datepart: day, interval: 1, ignore_time_component: true");
    // equal_rowcount, fewer_rows_than and equality set their fail_calc with config() in the test
    // macro, as dbt_utils' do: the failures are the summed row differences, not the rows.
    fails("equal_rowcount_fail", "equal_rowcount", "compare_model: \"ref('items_four')\"", 1);
    fails("equal_rowcount_two_more_fail", "equal_rowcount", "compare_model: \"ref('items_more')\"", 2);
    passes("equal_rowcount_pass", "equal_rowcount", "compare_model: \"ref('items_copy')\"");
    fails("equal_rowcount_grouped_fail", "equal_rowcount",
        "compare_model: \"ref('items_more')\", group_by_columns: [grp]", 2);
    // Group c is in items only: dbt_utils' difference for it is null, which counts as none.
    passes("equal_rowcount_grouped_one_sided_pass", "equal_rowcount",
        "compare_model: \"ref('items_four')\", group_by_columns: [grp]");
    fails("fewer_rows_fail", "fewer_rows_than", "compare_model: \"ref('items_four')\"", 1);
    fails("fewer_rows_two_more_fail", "fewer_rows_than", "compare_model: \"ref('items_three')\"", 2);
    fails("fewer_rows_same_fail", "fewer_rows_than", "compare_model: \"ref('items_copy')\"", 1);
    passes("fewer_rows_pass", "fewer_rows_than", "compare_model: \"ref('items_more')\"");
    // One row in items only, plus the difference of the sides' counts (1 - 0).
    fails("equality_fail", "equality", "compare_model: \"ref('items_four')\"", 2);
    fails("equality_columns_fail", "equality",
        "compare_model: \"ref('items_four')\", compare_columns: [grp]", 2);
    passes("equality_pass", "equality", "compare_model: \"ref('items_copy')\"");
    passes("equality_excluded_pass", "equality",
        "compare_model: \"ref('items_shifted')\", exclude_columns: [qty, price]");
    passes("equality_precision_pass", "equality",
        "compare_model: \"ref('items_shifted')\", compare_columns: [id, price], precision: 1");
    fails("equality_precision_fail", "equality",
        "compare_model: \"ref('items_shifted')\", compare_columns: [id, price], precision: 3", 8);
    fails("cardinality_fail", "cardinality_equality",
        "column_name: grp, to: \"ref('items_four')\", field: grp", 1);
    passes("cardinality_pass", "cardinality_equality",
        "column_name: grp, to: \"ref('items_copy')\", field: grp");
    fails("relationships_where_fail", "relationships_where",
        "column_name: qty, to: \"ref('items_four')\", field: id", 2);
    passes("relationships_where_pass", "relationships_where",
        "column_name: qty, to: \"ref('items_four')\", field: id, from_condition: 'qty < 5'");
    passes("sequential_pass", "sequential_values", "column_name: id");
    fails("sequential_fail", "sequential_values", "column_name: qty", 2);
    fails("sequential_days_fail", "sequential_values", "column_name: day, datepart: day", 1);
    fails("ranges_fail", "mutually_exclusive_ranges",
        "lower_bound_column: lo, upper_bound_column: hi", 2);
    fails("ranges_zero_length_fail", "mutually_exclusive_ranges",
        "lower_bound_column: lo, upper_bound_column: hi, zero_length_range_allowed: true", 1);
    fails("ranges_partitioned_fail", "mutually_exclusive_ranges",
        "lower_bound_column: lo, upper_bound_column: hi, partition_by: grp", 1);
    passes("ranges_pass", "mutually_exclusive_ranges",
        "lower_bound_column: lo, upper_bound_column: hi, partition_by: grp, zero_length_range_allowed: true");
    passes("ranges_no_gaps_pass", "mutually_exclusive_ranges", "lower_bound_column: lo,"
        + " upper_bound_column: hi, partition_by: grp, zero_length_range_allowed: true, gaps: not_allowed");
    fails("ranges_gaps_required_fail", "mutually_exclusive_ranges", "lower_bound_column: lo,"
        + " upper_bound_column: hi, partition_by: grp, zero_length_range_allowed: true, gaps: required", 2);
    fails("not_accepted_fail", "not_accepted_values", "column_name: grp, values: [c, d]", 1);
    passes("not_accepted_pass", "not_accepted_values", "column_name: qty, values: [4, 6], quote: false");

    assertEquals(expected, run("dbt_utils", "dbt_utils/macros/tests"));
  }

  @Test
  void dbtExpectationsTestsCountTheFailingRowsAsDbtExpectationsDoes() throws Exception {
    fails("between_fail", "expect_column_values_to_be_between", "column_name: qty, min_value: 1, max_value: 5", 1);
    fails("between_strictly_fail", "expect_column_values_to_be_between",
        "column_name: qty, min_value: 1, max_value: 5, strictly: true", 3);
    passes("between_pass", "expect_column_values_to_be_between",
        "column_name: qty, max_value: 5, row_condition: \"grp <> 'c'\"");
    fails("between_nulls_pass_fail", "expect_column_values_to_be_between", "column_name: price, min_value: 1, max_value: 5", 1);
    fails("in_set_fail", "expect_column_values_to_be_in_set", "column_name: grp, value_set: [a, b]", 1);
    fails("in_set_null_fail", "expect_column_values_to_be_in_set",
        "column_name: name, value_set: [apple, pear, fig, ' ']", 1);
    passes("in_set_pass", "expect_column_values_to_be_in_set", "column_name: qty, value_set: [1, 2, 3, 5, 8], quote_values: false");
    fails("not_in_set_fail", "expect_column_values_to_not_be_in_set", "column_name: grp, value_set: [c, d]", 1);
    passes("not_in_set_pass", "expect_column_values_to_not_be_in_set", "column_name: grp, value_set: [d]");
    fails("not_null_fail", "expect_column_values_to_not_be_null", "column_name: name", 1);
    passes("not_null_pass", "expect_column_values_to_not_be_null", "column_name: name, row_condition: \"grp = 'b'\"");
    fails("null_fail", "expect_column_values_to_be_null", "column_name: email", 4);
    passes("null_pass", "expect_column_values_to_be_null", "column_name: email, row_condition: 'id = 4'");
    fails("unique_fail", "expect_column_values_to_be_unique", "column_name: x", 1);
    passes("unique_pass", "expect_column_values_to_be_unique", "column_name: id");
    fails("regex_fail", "expect_column_values_to_match_regex", "column_name: email, regex: '^[^@]+@[^@]+$'", 1);
    fails("regex_case_fail", "expect_column_values_to_match_regex", "column_name: code, regex: '^[a-z]'", 5);
    passes("regex_flags_pass", "expect_column_values_to_match_regex", "column_name: code, regex: '^[a-z]', flags: i");
    fails("not_regex_fail", "expect_column_values_to_not_match_regex", "column_name: code, regex: '[0-9]$'", 4);
    passes("not_regex_pass", "expect_column_values_to_not_match_regex", "column_name: code, regex: '^Q'");
    fails("like_fail", "expect_column_values_to_match_like_pattern", "column_name: code, like_pattern: 'AB%'", 2);
    passes("like_pass", "expect_column_values_to_match_like_pattern",
        "column_name: code, like_pattern: 'AB%', row_condition: \"grp = 'a'\"");
    fails("not_like_fail", "expect_column_values_to_not_match_like_pattern", "column_name: code, like_pattern: 'AB%'", 3);
    passes("of_type_pass", "expect_column_values_to_be_of_type", "column_name: id, column_type: integer");
    fails("of_type_fail", "expect_column_values_to_be_of_type", "column_name: code, column_type: integer", 1);
    passes("type_list_pass", "expect_column_values_to_be_in_type_list", "column_name: code, column_type_list: [text, varchar]");
    fails("type_list_fail", "expect_column_values_to_be_in_type_list", "column_name: price, column_type_list: [double, integer]", 1);
    fails("lengths_between_fail", "expect_column_value_lengths_to_be_between", "column_name: code, min_value: 2, max_value: 3", 1);
    passes("lengths_between_pass", "expect_column_value_lengths_to_be_between", "column_name: code, min_value: 2, max_value: 4");
    fails("lengths_equal_fail", "expect_column_value_lengths_to_equal", "column_name: code, value: 3", 2);
    passes("lengths_equal_pass", "expect_column_value_lengths_to_equal", "column_name: code, value: 3, row_condition: \"grp = 'a'\"");
    passes("increasing_pass", "expect_column_values_to_be_increasing", "column_name: day");
    fails("increasing_fail", "expect_column_values_to_be_increasing", "column_name: x, sort_column: id", 1);
    passes("increasing_not_strictly_pass", "expect_column_values_to_be_increasing",
        "column_name: x, sort_column: id, strictly: false");
    fails("increasing_step_fail", "expect_column_values_to_be_increasing", "column_name: qty, step: 1", 2);
    fails("decreasing_fail", "expect_column_values_to_be_decreasing", "column_name: hi, sort_column: id", 4);
    passes("decreasing_grouped_pass", "expect_column_values_to_be_decreasing",
        "column_name: lo, sort_column: 'id * -1', group_by: [grp], strictly: false");
    passes("exist_pass", "expect_column_to_exist", "column_name: email, column_index: 7");
    fails("exist_fail", "expect_column_to_exist", "column_name: nope", 1);
    fails("exist_index_fail", "expect_column_to_exist", "column_name: email, column_index: 1", 1);
    fails("row_count_between_fail", "expect_table_row_count_to_be_between", "min_value: 1, max_value: 4", 1);
    fails("row_count_between_grouped_fail", "expect_table_row_count_to_be_between", "max_value: 1, group_by: [grp]", 2);
    passes("row_count_between_pass", "expect_table_row_count_to_be_between", "min_value: 5, max_value: 5");
    passes("row_count_pass", "expect_table_row_count_to_equal", "value: 5");
    fails("row_count_fail", "expect_table_row_count_to_equal", "value: 4", 1);
    fails("row_count_other_fail", "expect_table_row_count_to_equal_other_table", "compare_model: \"ref('items_four')\"", 1);
    fails("row_count_other_grouped_fail", "expect_table_row_count_to_equal_other_table",
        "compare_model: \"ref('items_four')\", group_by: [grp]", 1);
    passes("row_count_other_pass", "expect_table_row_count_to_equal_other_table", "compare_model: \"ref('items_copy')\"");
    passes("row_count_other_condition_pass", "expect_table_row_count_to_equal_other_table",
        "compare_model: \"ref('items_four')\", row_condition: 'id < 5'");
    passes("column_count_pass", "expect_table_column_count_to_equal", "value: 13");
    fails("column_count_fail", "expect_table_column_count_to_equal", "value: 12", 1);
    fails("compound_fail", "expect_compound_columns_to_be_unique", "column_list: [grp, x]", 1);
    passes("compound_missing_pass", "expect_compound_columns_to_be_unique", "column_list: [y, z]");
    fails("distinct_equal_fail", "expect_column_distinct_count_to_equal", "column_name: grp, value: 2", 1);
    passes("distinct_equal_pass", "expect_column_distinct_count_to_equal", "column_name: grp, value: 3");
    fails("distinct_grouped_fail", "expect_column_distinct_count_to_equal", "column_name: qty, value: 2, group_by: [grp]", 1);
    passes("distinct_greater_pass", "expect_column_distinct_count_to_be_greater_than", "column_name: grp, value: 2");
    fails("distinct_greater_fail", "expect_column_distinct_count_to_be_greater_than", "column_name: grp, value: 3", 1);
    passes("min_pass", "expect_column_min_to_be_between", "column_name: qty, min_value: 1");
    fails("min_fail", "expect_column_min_to_be_between", "column_name: qty, min_value: 2", 1);
    fails("max_fail", "expect_column_max_to_be_between", "column_name: qty, max_value: 5", 1);
    passes("mean_pass", "expect_column_mean_to_be_between", "column_name: qty, min_value: 3, max_value: 4");
    fails("mean_fail", "expect_column_mean_to_be_between", "column_name: qty, min_value: 4", 1);
    passes("sum_pass", "expect_column_sum_to_be_between", "column_name: qty, min_value: 19, max_value: 19");
    fails("sum_strictly_fail", "expect_column_sum_to_be_between", "column_name: qty, min_value: 19, strictly: true", 1);
    fails("sum_grouped_fail", "expect_column_sum_to_be_between", "column_name: qty, max_value: 5, group_by: [grp]", 2);
    fails("recent_fail", "expect_row_values_to_have_recent_data", "column_name: day, datepart: day, interval: 1", 1);
    passes("recent_pass", "expect_row_values_to_have_recent_data",
        "column_name: 'coalesce(day, current_date)', datepart: day, interval: 1");
    fails("within_record_fail", "expect_select_column_values_to_be_unique_within_record", "column_list: [x, y, z]", 1);
    fails("within_record_ids_fail", "expect_select_column_values_to_be_unique_within_record", "column_list: [id, qty]", 3);
    fails("multicolumn_sum_fail", "expect_multicolumn_sum_to_equal", "column_list: [x, y], sum_total: z", 1);
    passes("multicolumn_sum_pass", "expect_multicolumn_sum_to_equal", "column_list: [x, y], sum_total: 29");
    fails("pair_greater_fail", "expect_column_pair_values_A_to_be_greater_than_B", "column_A: hi, column_B: lo", 1);
    passes("pair_greater_or_equal_pass", "expect_column_pair_values_A_to_be_greater_than_B",
        "column_A: hi, column_B: lo, or_equal: true");
    fails("pair_equal_fail", "expect_column_pair_values_to_be_equal", "column_A: x, column_B: y", 3);
    fails("distinct_in_set_fail", "expect_column_distinct_values_to_be_in_set", "column_name: grp, value_set: [a, b]", 1);
    passes("distinct_in_set_pass", "expect_column_distinct_values_to_be_in_set", "column_name: grp, value_set: [a, b, c, d]");
    fails("distinct_contain_fail", "expect_column_distinct_values_to_contain_set", "column_name: grp, value_set: [a, d]", 1);
    passes("distinct_contain_pass", "expect_column_distinct_values_to_contain_set", "column_name: grp, value_set: [a, b]");
    fails("distinct_equal_set_fail", "expect_column_distinct_values_to_equal_set", "column_name: grp, value_set: [a, b, d]", 2);
    passes("distinct_equal_set_pass", "expect_column_distinct_values_to_equal_set", "column_name: grp, value_set: [a, b, c]");
    passes("columns_match_pass", "expect_table_columns_to_match_set",
        "column_list: [id, grp, name, qty, price, code, email, day, lo, hi, x, y, Z]");
    fails("columns_match_fail", "expect_table_columns_to_match_set",
        "column_list: [id, grp, name, qty, price, code, email, day, lo, hi, x, y, w]", 2);
    passes("columns_contain_pass", "expect_table_columns_to_contain_set", "column_list: [id, GRP]");
    fails("columns_contain_fail", "expect_table_columns_to_contain_set", "column_list: [id, nope]", 1);
    passes("column_count_between_pass", "expect_table_column_count_to_be_between", "min_value: 13, max_value: 13");
    fails("column_count_between_fail", "expect_table_column_count_to_be_between", "max_value: 12", 1);
    fails("regex_list_fail", "expect_column_values_to_match_regex_list", "column_name: code, regex_list: ['^AB', '^XY']", 1);
    fails("regex_list_all_fail", "expect_column_values_to_match_regex_list",
        "column_name: code, regex_list: ['^AB', '4$'], match_on: all", 4);
    fails("not_regex_list_fail", "expect_column_values_to_not_match_regex_list",
        "column_name: code, regex_list: ['^AB', '^XY']", 4);
    fails("not_regex_list_all_fail", "expect_column_values_to_not_match_regex_list",
        "column_name: code, regex_list: ['^AB', '4$'], match_on: all", 1);
    fails("like_list_fail", "expect_column_values_to_match_like_pattern_list",
        "column_name: code, like_pattern_list: ['AB%', 'XY%']", 1);
    passes("median_pass", "expect_column_median_to_be_between", "column_name: qty, min_value: 3, max_value: 3");
    fails("median_fail", "expect_column_median_to_be_between", "column_name: qty, min_value: 4", 1);
    passes("stdev_pass", "expect_column_stdev_to_be_between", "column_name: qty, min_value: 2, max_value: 3");
    fails("stdev_fail", "expect_column_stdev_to_be_between", "column_name: qty, max_value: 2", 1);
    passes("unique_share_pass", "expect_column_proportion_of_unique_values_to_be_between",
        "column_name: x, min_value: 0.7, max_value: 0.8");
    fails("unique_share_fail", "expect_column_proportion_of_unique_values_to_be_between", "column_name: x, min_value: 0.8", 1);
    passes("unique_count_pass", "expect_column_unique_value_count_to_be_between", "column_name: grp, min_value: 3");
    fails("unique_count_fail", "expect_column_unique_value_count_to_be_between", "column_name: grp, max_value: 2", 1);
    // A test's where config narrows the model first; tests reading its columns still see them.
    passes("row_count_where_pass", "expect_table_row_count_to_equal", "value: 2, config: {where: \"grp = 'a'\"}");
    passes("column_count_where_pass", "expect_table_column_count_to_equal", "value: 13, config: {where: \"grp = 'a'\"}");
    fails("between_where_fail", "expect_column_values_to_be_between",
        "column_name: qty, max_value: 3, row_condition: 'id > 1', config: {where: \"grp = 'b'\"}", 1);

    assertEquals(expected, run("dbt_expectations", "dbt_expectations/macros"));
  }

  /**
   * Builds a project with model items (and its copies) whose macros/ holds the package's test
   * files from {@code dev/mds/packages/<folder>}, with the declared tests; returns each test's
   * {@code status failures} by name.
   */
  private Map<String, String> run(String packageName, String folder) throws Exception {
    TempProject project = TempProject.named(dir, "shop")
        .file("models/items.sql", ITEMS)
        // The models compared with items are made on their own: a test of items waits for all
        // tests of the models it reads, and so would be skipped if they read items.
        .file("models/items_copy.sql", ITEMS)
        .file("models/items_four.sql", "select * from (" + ITEMS + ") items where id <= 4\n")
        .file("models/items_three.sql", "select * from (" + ITEMS + ") items where id <= 3\n")
        // Two more rows of group a.
        .file("models/items_more.sql", "select * from (" + ITEMS + ") items union all select *"
            + " replace (id + 10 as id) from (" + ITEMS + ") items where grp = 'a'\n")
        // qty differs, price differs by less than 0.05 in every row.
        .file("models/items_shifted.sql",
            "select * replace (qty + 1 as qty, price + 0.04 as price) from (" + ITEMS + ") items\n")
        .file("models/schema.yml", "models:\n  - name: items\n    tests:\n"
            + String.join("\n", yaml) + "\n");
    Path from = packageFolder(folder);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        project.file("macros/" + packageName + "/" + from.relativize(file),
            Files.readString(file));
      }
    }

    CliRun run = mds("build", "--project-dir", project.dir());

    Map<String, String> results = new TreeMap<>();
    JsonNode root = JSON.readTree(project.path("target/run_results.json").toFile());
    for (JsonNode result : root.get("results")) {
      String id = result.get("unique_id").asText();
      if (id.startsWith("test.")) {
        results.put(id.substring(id.lastIndexOf('.') + 1), result.get("status").asText()
            + (result.get("failures").isNull() ? "" : " " + result.get("failures").asLong()));
      }
    }
    assertEquals(expected.values().stream().anyMatch(r -> r.startsWith("fail")) ? 1 : 0,
        run.exitCode(), run::describe);
    return results;
  }

  /** The package folder in mds's resources: on the class path, else in core's sources. */
  private static Path packageFolder(String folder) throws URISyntaxException {
    URL url = CliPackageGenericTestsTest.class.getResource("/dev/mds/packages/" + folder);
    if (url != null && "file".equals(url.getProtocol())) {
      return Path.of(url.toURI());
    }
    for (Path root : List.of(Path.of("..", "core"), Path.of("core"))) {
      Path candidate = root.resolve("src/main/resources/dev/mds/packages").resolve(folder);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new UncheckedIOException(new IOException("package folder " + folder + " not found"));
  }
}
