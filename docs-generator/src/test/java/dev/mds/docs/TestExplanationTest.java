package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failing rows of dbt's generic tests, as run_results.json stores them, put into words. */
class TestExplanationTest {

  private static JsonNode test(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void notNullCountsTheRowsWithoutAValue() throws Exception {
    JsonNode test = test("""
        {"column_name": "member_no", "test_metadata": {"name": "not_null"}}""");
    FailingRows rows = new FailingRows(3, List.of("member_no", "tier"),
        List.of(List.of("NULL", "gold")));
    assertEquals(List.of("3 rows have no member_no (it is NULL), which is not allowed."),
        TestExplanation.of(test, rows));
  }

  @Test
  void uniqueNamesEachRepeatedValueAndHowOften() throws Exception {
    JsonNode test = test("""
        {"column_name": "order_no", "test_metadata": {"name": "unique"}}""");
    FailingRows rows = new FailingRows(3, List.of("unique_field", "n_records"),
        List.of(List.of("17", "2"), List.of("A-9", "3")));
    assertEquals(List.of("2 rows share order_no = 17, which should identify one row.",
        "3 rows share order_no = 'A-9', which should identify one row.", "… and 1 more."),
        TestExplanation.of(test, rows));
  }

  @Test
  void relationshipsListsTheValuesWithoutAMatch() throws Exception {
    JsonNode test = test("""
        {"column_name": "member_no", "test_metadata": {"name": "relationships",
         "kwargs": {"to": "ref('dim_members')", "field": "member_no"}}}""");
    FailingRows rows = new FailingRows(2, List.of("from_field"),
        List.of(List.of("7"), List.of("9")));
    assertEquals(List.of("2 rows have a member_no with no match in dim_members.member_no: 7, 9."),
        TestExplanation.of(test, rows));
  }

  @Test
  void aSingularTestGetsItsCountAndTheRowsBelow() throws Exception {
    FailingRows rows = new FailingRows(1, List.of("a"), List.of(List.of("x")));
    assertEquals(List.of("1 row breaks this test; here they are below."),
        TestExplanation.of(test("{}"), rows));
    assertEquals(List.of(), TestExplanation.of(test("{}"), null));
  }
}
