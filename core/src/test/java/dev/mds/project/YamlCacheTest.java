package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlCacheTest {

  @TempDir
  Path dir;

  private final String schema = """
      version: 2
      models:
        - name: orders
          description: "Orders, one row per (market, order_no)"
          config: {grain: [market, order_no], threshold: 1.5, limit: 10, big: 12345678901234}
          columns:
            - name: market
              tests: [not_null, {accepted_values: {values: [UK, DE], quote: true}}]
        - name: empty
          meta: ~
      """;

  private Map<String, Object> read(Path file) {
    YamlCache cache = YamlCache.load(dir.resolve("target"));
    Map<String, Object> content = cache.readMap(new YamlReader(dir), file);
    cache.write();
    return content;
  }

  @Test
  void aSecondReadComesFromTheCacheAndEqualsTheParse() throws Exception {
    Path file = Files.writeString(dir.resolve("schema.yml"), schema);
    Map<String, Object> parsed = YamlReader.parseMap(schema, "schema.yml");

    assertEquals(parsed, read(file));
    Path cached = dir.resolve("target").resolve(YamlCache.FILE);
    assertTrue(Files.readString(cached).contains("one row per (market, order_no)"));
    assertEquals(parsed, read(file));
  }

  @Test
  void anEditedFileIsParsedAgain() throws Exception {
    Path file = Files.writeString(dir.resolve("schema.yml"), schema);
    read(file);
    Files.writeString(file, schema.replace("[UK, DE]", "[UK, DE, IT]"));

    assertTrue(read(file).toString().contains("[UK, DE, IT]"));
  }

  @Test
  void aFileBrokenAfterCachingStillFailsWithItsLine() throws Exception {
    Path file = Files.writeString(dir.resolve("schema.yml"), schema);
    read(file);
    Files.writeString(file, "models:\n  - name: orders\n   bad: indent\n");

    MdsException error = assertThrows(MdsException.class, () -> read(file));
    assertTrue(error.getMessage().startsWith("schema.yml:3: invalid YAML"), error.getMessage());
  }

  @Test
  void contentThatJsonCannotCarryIsNotCached() throws Exception {
    Path file = Files.writeString(dir.resolve("schema.yml"),
        "models:\n  - name: blob\n    meta: {data: !!binary aGVsbG8=}\n");

    Map<String, Object> first = read(file);

    assertTrue(((Map<?, ?>) ((List<?>) first.get("models")).get(0)).toString().contains("meta"));
    assertFalse(Files.readString(dir.resolve("target").resolve(YamlCache.FILE))
        .contains("blob"));
  }

  @Test
  void aSecondReaderInTheSameRunGetsTheFirstParse() throws Exception {
    Path file = Files.writeString(dir.resolve("schema.yml"), schema);
    YamlCache cache = YamlCache.load(dir.resolve("target"));
    YamlReader reader = new YamlReader(dir);

    Map<String, Object> first = cache.readMap(reader, file);
    Map<String, Object> second = cache.readMap(reader, file);

    assertTrue(first == second, "parsed once per run");
    assertEquals(YamlReader.parseMap(schema, "schema.yml"), second);
  }

  @Test
  void onlyWhatComesBackFromJsonUnchangedIsCached() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain.yml"),
        "models:\n  - name: plain\n    meta: {n: 1, flag: true, none: ~, list: [a, 2]}\n");
    Path numbers = Files.writeString(dir.resolve("numbers.yml"),
        "models:\n  - name: numbers\n    meta: {big: 12345678901234, ratio: 0.25}\n");
    Path set = Files.writeString(dir.resolve("set.yml"),
        "models:\n  - name: set\n    meta: {markets: !!set {UK, DE}}\n");
    Path keyed = Files.writeString(dir.resolve("keyed.yml"),
        "models:\n  - name: keyed\n    meta: {1: one}\n");

    YamlCache cache = YamlCache.load(dir.resolve("target"));
    for (Path file : List.of(plain, numbers, set, keyed)) {
      cache.readMap(new YamlReader(dir), file);
    }
    cache.write();

    String cached = Files.readString(dir.resolve("target").resolve(YamlCache.FILE));
    assertTrue(cached.contains("\"plain\"") && cached.contains("\"numbers\""), cached);
    assertFalse(cached.contains("\"set\"") || cached.contains("\"keyed\""), cached);
  }
}
