package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mds.MdsException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** dbt's {@code query-comment:}: a text, a mapping, or nothing. */
class QueryCommentTest {

  private static QueryComment read(Object value) {
    Map<String, Object> raw = new HashMap<>();
    raw.put("name", "shop");
    raw.put("query-comment", value);
    return QueryComment.of(ProjectLoader.parseConfig(raw, "dbt_project.yml"), "dbt_project.yml");
  }

  @Test
  void aTextGoesBeforeTheStatementAndAMappingMayAppendIt() {
    QueryComment text = read("run by {{ target.name }}");
    assertEquals(Optional.of("run by {{ target.name }}"), text.template());
    assertEquals("/* run by dev */\nselect 1", text.applyTo("select 1", "run by dev"));

    QueryComment appended = read(Map.of("comment", "c", "append", true));
    assertEquals("select 1\n/* c */", appended.applyTo("select 1", "c"));
  }

  @Test
  void nullOrNoCommentMeansNoneAndAListIsAnError() {
    assertEquals(QueryComment.none(), read(null));
    assertEquals(Optional.empty(), read(Map.of("append", true)).template());
    MdsException e = assertThrows(MdsException.class, () -> read(List.of("a")));
    assertEquals(true, e.getMessage().startsWith("dbt_project.yml: query-comment must be"),
        e.getMessage());
  }

  @Test
  void aCommentCannotEndItselfEarly() {
    assertEquals("/* a * / b */\nselect 1", read("x").applyTo("select 1", "a */ b"));
  }
}
