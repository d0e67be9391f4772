package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NavTreeTest {

  @Test
  void namesSortTheWayPeopleCount() {
    List<String> names = new ArrayList<>(List.of("m10", "m2", "M1", "m100", "m02b", "m02a",
        "stg_orders", "stg_Customers", "m1"));

    names.sort(NavTree::naturally);

    assertEquals(List.of("M1", "m1", "m2", "m02a", "m02b", "m10", "m100", "stg_Customers",
        "stg_orders"), names);
  }

  @Test
  void testsUnderTheNodeTheyTestReadAsTheColumnAndWhatTheyCheck(@TempDir Path dir)
      throws IOException {
    Path target = dir.resolve("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("manifest.json"), """
        {"metadata": {"project_name": "shop"}, "sources": {}, "nodes": {
          "model.shop.risk": {"unique_id": "model.shop.risk", "resource_type": "model",
            "name": "risk", "columns": {}, "depends_on": {"nodes": []}},
          "test.shop.dbt_expectations_expect_column_0c3fa6365678c16deebdb482e1b97378": {
            "unique_id": "test.shop.dbt_expectations_expect_column_0c3fa6365678c16deebdb482e1b97378",
            "resource_type": "test",
            "name": "dbt_expectations_expect_column_0c3fa6365678c16deebdb482e1b97378",
            "attached_node": "model.shop.risk", "column_name": "claim_count",
            "test_metadata": {"name": "expect_column_values_to_be_between"},
            "depends_on": {"nodes": ["model.shop.risk"]}},
          "test.shop.not_null_risk_email": {"unique_id": "test.shop.not_null_risk_email",
            "resource_type": "test", "name": "not_null_risk_email",
            "attached_node": "model.shop.risk", "column_name": "email",
            "test_metadata": {"name": "not_null"}, "depends_on": {"nodes": ["model.shop.risk"]}},
          "test.shop.assert_no_overlap": {"unique_id": "test.shop.assert_no_overlap",
            "resource_type": "test", "name": "assert_no_overlap",
            "depends_on": {"nodes": ["model.shop.risk"]}}
        }}
        """);
    DocsSite.generate(target, null, target.resolve("docs"));
    String nav = Files.readString(target.resolve("docs/data/nav.js"));

    // Shown by column and check, sorted so; the name (and its hash) stays for the tooltip.
    assertTrue(nav.contains("\"n\":\"dbt_expectations_expect_column_0c3fa6365678c16deebdb482e1b97378\","
        + "\"p\":\"nodes/test.shop.dbt_expectations_expect_column_0c3fa6365678c16deebdb482e1b97378"
        + ".html\",\"t\":\"test\",\"l\":\"claim_count \\u00B7 expect_column_values_to_be_between\"}"),
        nav);
    assertTrue(nav.indexOf("claim_count \\u00B7") < nav.indexOf("email \\u00B7 not_null"), nav);
    // A singular test keeps its own name.
    assertTrue(nav.contains("{\"n\":\"assert_no_overlap\",\"p\":\"nodes/test.shop.assert_no_overlap"
        + ".html\",\"t\":\"test\"}"), nav);
  }
}
