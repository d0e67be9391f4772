package dev.mds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON files under {@code target/} that let a run reuse the last one's work. Reading one
 * never fails (a missing or damaged cache is no cache); writing goes through a temporary file, so
 * a reader never sees half of one.
 */
public final class CacheFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CacheFile() {
  }

  /**
   * The layout most caches share: a format number, the stamp their entries hold for (the mds
   * build, or a digest of every input the entries depend on), and the entries by name.
   */
  record Entries<E>(int format, String stamp, Map<String, E> entries) {
  }

  /**
   * The file's content bound to {@code type} by {@code mapper}, or empty when it is missing or
   * cannot be read as that type.
   */
  public static <T> Optional<T> read(Path file, Class<T> type, ObjectMapper mapper) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(mapper.readValue(file.toFile(), type));
    } catch (IOException | RuntimeException damaged) {
      return Optional.empty();
    }
  }

  /**
   * The entries of an {@link Entries} file written in {@code format} under {@code stamp}, each
   * made by {@code entry} from its JSON; none when the file is missing, damaged or from other
   * inputs, or when {@code entry} returns null for any of them (an incomplete entry).
   *
   * <p>Read as a tree, not bound to records: binding sets up the mapper's deserializers for each
   * record type, ~70 ms of a cold start, more than reading a 500 KB cache takes.
   */
  public static <E> Map<String, E> entries(Path file, int format, String stamp,
      Function<JsonNode, E> entry) {
    Optional<JsonNode> root = tree(file);
    if (root.isEmpty() || root.get().path("format").asInt(-1) != format
        || !stamp.equals(root.get().path("stamp").textValue())
        || !root.get().path("entries").isObject()) {
      return Map.of();
    }
    Map<String, E> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : root.get().get("entries").properties()) {
      E value = field.getValue().isObject() ? entry.apply(field.getValue()) : null;
      if (value == null) {
        return Map.of();
      }
      entries.put(field.getKey(), value);
    }
    return entries;
  }

  /** Reads a small tree, so the mapper's first real read starts with its parts set up. */
  public static void warmUp() {
    try {
      plain(JSON.readTree("{\"format\":1,\"stamp\":\"s\",\"entries\":{\"e\":[1,2.5,true]}}"),
          true);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The file as a JSON tree, or empty when it is missing or not JSON. */
  static Optional<JsonNode> tree(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readTree(file.toFile()));
    } catch (IOException | RuntimeException damaged) {
      return Optional.empty();
    }
  }

  /**
   * A JSON value as the mapper's untyped reading gives it: maps (in order), lists, strings,
   * Integer or Long (or Long for every whole number with {@code longInts}, like
   * {@code USE_LONG_FOR_INTS}), BigInteger, Double, Boolean and null. A missing node is null.
   */
  public static Object plain(JsonNode node, boolean longInts) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        map.put(field.getKey(), plain(field.getValue(), longInts));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(plain(item, longInts)));
      return list;
    }
    if (node.isInt() && !longInts) {
      return node.intValue();
    }
    if (node.isInt()) {
      return (long) node.intValue();
    }
    if (node.isLong()) {
      return node.longValue();
    }
    if (node.isBigInteger()) {
      return node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.textValue();
  }

  /** {@link #plain} of a JSON object, or null when {@code node} is not one. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> plainMap(JsonNode node, boolean longInts) {
    return node != null && node.isObject() ? (Map<String, Object>) plain(node, longInts) : null;
  }

  /** A list of strings, or null when {@code node} is not an array of strings only. */
  public static List<String> strings(JsonNode node) {
    if (!node.isArray()) {
      return null;
    }
    List<String> strings = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        return null;
      }
      strings.add(item.textValue());
    }
    return strings;
  }

  /** Writes {@code entries} as an {@link Entries} file, quietly ({@link #writeQuietly}). */
  public static <E> void writeEntries(Path file, int format, String stamp,
      Map<String, E> entries) {
    writeQuietly(file, new Entries<>(format, stamp, entries));
  }

  /** Replaces the file with {@code value} as JSON, atomically. */
  public static void write(Path file, Object value) throws IOException {
    Files.createDirectories(file.getParent());
    // Not createTempFile: its owner-only permissions would stick to the file after the move.
    Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".tmp");
    try {
      JSON.writeValue(temp.toFile(), value);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** {@link #write}, for a cache whose loss only costs time: a failure is ignored. */
  public static void writeQuietly(Path file, Object value) {
    try {
      write(file, value);
    } catch (IOException | RuntimeException e) {
      // The next run recomputes what this file would have saved.
    }
  }
}
