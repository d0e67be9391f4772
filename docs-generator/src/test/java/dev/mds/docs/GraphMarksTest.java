package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What counts as a model's code having changed since it was built. */
class GraphMarksTest {

  @Test
  void theInvocationsIdAndTimeDoNotMakeAModelStale() {
    assertFalse(GraphMarks.changed(
        "select 1 as id, '2026-12-04 15:56:51.864751+00:00' as loaded_at,"
            + " '3b68cc38-3934-4df2-be15-0f3b6110ed83' as batch\n",
        "select 1 as id, '2026-12-04 15:57:03.120004+00:00' as loaded_at,"
            + " 'a4c338ed-997c-46a7-8495-c8bf0a0415e1' as batch"));
    assertFalse(GraphMarks.changed("where loaded_at < '2026-12-04T15:56:51Z'",
        "where loaded_at < '2026-12-05T08:00:00Z'"));
  }

  @Test
  void anEditIsStillAChangeWhereverItIs() {
    assertTrue(GraphMarks.changed("select 1 as id, '2026-12-04 15:56:51+00:00' as loaded_at",
        "select 2 as id, '2026-12-04 15:57:03+00:00' as loaded_at"));
    assertTrue(GraphMarks.changed("select * from orders where day >= '2024-01-01'",
        "select * from orders where day >= '2024-02-01'"));
    assertFalse(GraphMarks.changed("select 1\n", "  select 1"));
  }
}
