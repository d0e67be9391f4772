package dev.mds.template.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItertoolsModuleTest {

  @TempDir
  Path dir;

  private String render(String sql) {
    return new ContextProject(dir).render(sql);
  }

  /** Each result printed as its items joined by '' inside, '/' between. */
  private static String rows(String expression) {
    return "{% for row in " + expression + " %}{{ row | join('') }}{{ '/' if not loop.last }}"
        + "{% endfor %}";
  }

  @Test
  void combinatorics() {
    assertEquals("ac/ad/bc/bd|ab/ac/bc|ab/ba|aa/ab/bb",
        render("{% set it = modules.itertools %}" + rows("it.product(['a', 'b'], ['c', 'd'])")
            + "|" + rows("it.combinations(['a', 'b', 'c'], 2)") + "|"
            + rows("it.permutations(['a', 'b'])") + "|"
            + rows("it.combinations_with_replacement(['a', 'b'], 2)")));
  }

  @Test
  void chainSliceAccumulateAndFriends() {
    assertEquals("1,2,3|2,3|1,3,6|a,c|xx|1a,2-",
        render("{% set it = modules.itertools %}{{ it.chain([1], [2, 3]) | join(',') }}|"
            + "{{ it.islice([1, 2, 3, 4], 1, 3) | join(',') }}|"
            + "{{ it.accumulate([1, 2, 3]) | join(',') }}|"
            + "{{ it.compress(['a', 'b', 'c'], [1, 0, 1]) | join(',') }}|"
            + "{{ it.repeat('x', 2) | join('') }}|"
            + "{% for a, b in it.zip_longest([1, 2], ['a']) %}{{ a }}{{ b or '-' }}"
            + "{{ ',' if not loop.last }}{% endfor %}"));
  }
}
