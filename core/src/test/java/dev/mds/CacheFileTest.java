package dev.mds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache files read back as the mapper would read them, and only when they hold for now. */
class CacheFileTest {

  @TempDir
  Path dir;

  private static final String VALUES = """
      {"small": 7, "long": 12345678901234, "huge": 123456789012345678901234567890,
       "ratio": 2.5, "flag": false, "none": null, "text": "a",
       "list": [1, "b", [true]], "map": {"z": 1, "a": 2}}""";

  @Test
  void plainValuesHaveTheTypesOfTheMappersUntypedReading() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Object> expected = mapper.readValue(VALUES, LinkedHashMap.class);

    Map<String, Object> plain = CacheFile.plainMap(mapper.readTree(VALUES), false);

    assertEquals(expected, plain);
    assertEquals(Integer.class, plain.get("small").getClass());
    assertEquals(Long.class, plain.get("long").getClass());
    assertEquals(BigInteger.class, plain.get("huge").getClass());
    assertEquals(List.of("z", "a"), List.copyOf(((Map<?, ?>) plain.get("map")).keySet()));
  }

  @Test
  void withLongIntsEveryWholeNumberIsALong() throws Exception {
    String values = VALUES.replace("\"huge\": 123456789012345678901234567890,", "");
    ObjectMapper mapper = new ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);
    Map<String, Object> plain = CacheFile.plainMap(new ObjectMapper().readTree(values), true);

    assertEquals(mapper.readValue(values, LinkedHashMap.class), plain);
    assertEquals(Long.class, plain.get("small").getClass());
    assertEquals(Long.class, ((List<?>) plain.get("list")).get(0).getClass());
  }

  @Test
  void entriesHoldOnlyForTheirFormatAndStampAndWhenEveryOneIsComplete() {
    Path file = dir.resolve("cache.json");
    CacheFile.writeEntries(file, 3, "build-1", Map.of("a", Map.of("v", "x"), "b",
        Map.of("v", "y")));

    assertEquals(Map.of("a", "x", "b", "y"), CacheFile.entries(file, 3, "build-1",
        node -> node.path("v").textValue()));
    assertTrue(CacheFile.entries(file, 4, "build-1", node -> "?").isEmpty(), "other format");
    assertTrue(CacheFile.entries(file, 3, "build-2", node -> "?").isEmpty(), "other stamp");
    assertTrue(CacheFile.entries(file, 3, "build-1",
        node -> node.path("v").textValue().equals("y") ? null : "ok").isEmpty(), "incomplete");
  }

  @Test
  void aDamagedOrMissingFileIsNoCache() throws Exception {
    Path file = Files.writeString(dir.resolve("cache.json"), "{\"format\": 3, \"stamp\": \"b\", ");

    assertTrue(CacheFile.entries(file, 3, "b", node -> "x").isEmpty());
    assertTrue(CacheFile.tree(dir.resolve("missing.json")).isEmpty());
    assertNull(CacheFile.plainMap(new ObjectMapper().readTree("[1]"), false));
  }
}
