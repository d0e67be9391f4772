package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NativeValueTest {

  @Test
  void textThatReadsAsAPythonLiteralBecomesThatValue() {
    assertEquals(false, NativeValue.of("False"));
    assertEquals(false, NativeValue.of(" false "));
    assertEquals(true, NativeValue.of("True"));
    assertNull(NativeValue.of("None"));
    assertEquals(42, NativeValue.of("42"));
    assertEquals(-1.5, NativeValue.of("-1.5"));
    assertEquals(List.of("a", "b"), NativeValue.of("['a', 'b']"));
    assertEquals(Map.of("k", 1), NativeValue.of("{'k': 1}"));
  }

  @Test
  void otherTextStaysText() {
    assertEquals("2024-01-01", NativeValue.of("2024-01-01"));
    assertEquals("01234", NativeValue.of("01234"));
    assertEquals("analytics", NativeValue.of("analytics"));
    assertEquals("[not yaml", NativeValue.of("[not yaml"));
    assertEquals("id > 3", NativeValue.of("id > 3"));
  }

  @Test
  void onlyAValueThatIsOneExpressionKeepsItsType() {
    assertEquals(Optional.of("{% do out.append( var('x') ) %}"),
        NativeValue.appendTemplate("{{ var('x') }}", "out"));
    assertEquals(Optional.empty(), NativeValue.appendTemplate("a {{ var('x') }}", "out"));
    assertEquals(Optional.empty(), NativeValue.appendTemplate("{{ a }}{{ b }}", "out"));
  }
}
