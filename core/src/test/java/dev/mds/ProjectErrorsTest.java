package dev.mds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectErrorsTest {

  @Test
  void noErrorsThrowNothingAndOneErrorIsThrownAsItIs() {
    ProjectErrors.throwIfAny(List.of());
    MdsException one = MdsException.at("models/a.sql:3", "bad");

    assertSame(one, assertThrows(MdsException.class, () -> ProjectErrors.throwIfAny(List.of(one))));
  }

  @Test
  void errorsAreSortedByFileThenLineNumberAndRepeatsDropped() {
    List<MdsException> errors = List.of(
        MdsException.at("models/b.sql:10", "ten"),
        MdsException.at("models/b.sql:9", "nine"),
        MdsException.at("macros/m.sql:2", "macro"),
        MdsException.at("models/a.sql", "no line"),
        MdsException.at("macros/m.sql:2", "macro"));

    ProjectErrors thrown = assertThrows(ProjectErrors.class,
        () -> ProjectErrors.throwIfAny(errors));

    assertEquals(List.of("macros/m.sql:2: macro", "models/a.sql: no line", "models/b.sql:9: nine",
        "models/b.sql:10: ten"), thrown.lines());
  }

  @Test
  void moreThanFiftyErrorsAreCounted() {
    List<MdsException> errors = new ArrayList<>();
    for (int i = 1; i <= 53; i++) {
      errors.add(MdsException.at(String.format("models/m%03d.sql:1", i), "broken"));
    }

    ProjectErrors thrown = assertThrows(ProjectErrors.class,
        () -> ProjectErrors.throwIfAny(errors));

    assertEquals(51, thrown.lines().size());
    assertEquals("models/m050.sql:1: broken", thrown.lines().get(49));
    assertEquals("... and 3 more errors", thrown.lines().get(50));
  }
}
