package dev.mds.lineage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.mds.BuildStamp;
import dev.mds.CacheFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each model's column lineage as the last analysis left it ({@code target/lineage_cache.json}),
 * under a key over what the result was made from: the model's compiled SQL, relation, grain and
 * config, and, for every relation its SQL consulted, what that relation offered (a parent
 * model's output columns, not its SQL; a seed's or source's own digest; how a name looked up
 * resolved). A model whose key is the same is not parsed or walked again; a parent whose SQL
 * changed without changing its columns leaves its children's entries valid. Models that read
 * files directly are never stored. Entries are tied to the mds build that wrote them.
 */
final class LineageCache {

  static final String FILE = "lineage_cache.json";
  private static final int FORMAT = 1;

  /**
   * One model's stored result.
   *
   * @param depends the tokens its analysis recorded (see {@link Relations})
   */
  record Entry(String key, List<String> depends, ModelLineage lineage,
      List<LineageWarning> warnings) {
  }

  private final Path file;
  private final Map<String, Entry> previous;
  private final Map<String, Entry> current;
  private boolean changed;

  private LineageCache(Path file, Map<String, Entry> previous) {
    this.file = file;
    this.previous = previous;
    this.current = new TreeMap<>(previous);
  }

  /** The cache under {@code targetDir}; empty when missing, unreadable or from another build. */
  static LineageCache load(Path targetDir) {
    Path file = targetDir.resolve(FILE);
    return new LineageCache(file, CacheFile.entries(file, FORMAT, BuildStamp.of(),
        LineageCache::entry));
  }

  Optional<Entry> previous(String modelId) {
    return Optional.ofNullable(previous.get(modelId));
  }

  void put(String modelId, Entry entry) {
    if (!entry.equals(current.put(modelId, entry))) {
      changed = true;
    }
  }

  void forget(String modelId) {
    if (current.remove(modelId) != null) {
      changed = true;
    }
  }

  void retain(java.util.Set<String> modelIds) {
    if (current.keySet().retainAll(modelIds)) {
      changed = true;
    }
  }

  /**
   * Writes the cache when it changed; failing to is not an error (it only saves time). Not while
   * a secret is set: expressions and warnings hold compiled SQL, which may hold its value, and
   * nothing under target/ may (the artifacts are scrubbed; a cache would have to be too).
   */
  void write() {
    if (!changed || dev.mds.Secrets.any()) {
      return;
    }
    Map<String, JsonSerializable> entries = new LinkedHashMap<>();
    current.forEach((id, entry) -> entries.put(id, json(entry)));
    CacheFile.writeEntries(file, FORMAT, BuildStamp.of(), entries);
  }

  /**
   * An entry as it is written: through the generator directly, not as maps and lists of objects
   * whose serializers Jackson looks up value by value (the cache of a first 5,000-model
   * {@code docs generate} is ~5,000 entries and ~30,000 columns).
   */
  private static JsonSerializable json(Entry entry) {
    return new JsonSerializable.Base() {
      @Override
      public void serialize(JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeStartObject();
        out.writeStringField("model", entry.lineage().model());
        out.writeStringField("key", entry.key());
        strings(out, "depends", entry.depends());
        out.writeBooleanField("known", entry.lineage().columnsKnown());
        strings(out, "unknown", entry.lineage().unknown());
        out.writeArrayFieldStart("columns");
        for (ColumnLineage column : entry.lineage().columns()) {
          out.writeStartArray();
          out.writeString(column.column());
          out.writeBoolean(column.complete());
          out.writeString(column.kind().name());
          out.writeString(column.expression());
          out.writeBoolean(column.sameMeaning());
          out.writeStartArray();
          for (ColumnRef source : column.sources()) {
            out.writeString(source.node());
            out.writeString(source.column());
          }
          out.writeEndArray();
          out.writeEndArray();
        }
        out.writeEndArray();
        out.writeArrayFieldStart("warnings");
        for (LineageWarning warning : entry.warnings()) {
          out.writeStartArray();
          out.writeString(warning.kind().name());
          out.writeString(warning.location());
          out.writeString(warning.message());
          out.writeEndArray();
        }
        out.writeEndArray();
        out.writeEndObject();
      }

      @Override
      public void serializeWithType(JsonGenerator out, SerializerProvider provider,
          TypeSerializer types) throws IOException {
        serialize(out, provider);
      }
    };
  }

  private static void strings(JsonGenerator out, String field, List<String> values)
      throws IOException {
    out.writeArrayFieldStart(field);
    for (String value : values) {
      out.writeString(value);
    }
    out.writeEndArray();
  }

  /** An entry from its JSON, or null when anything is missing (the whole file is then ignored). */
  private static Entry entry(JsonNode json) {
    String model = json.path("model").textValue();
    String key = json.path("key").textValue();
    List<String> depends = CacheFile.strings(json.path("depends"));
    List<String> unknown = CacheFile.strings(json.path("unknown"));
    if (model == null || key == null || depends == null || unknown == null
        || !json.path("known").isBoolean() || !json.path("columns").isArray()
        || !json.path("warnings").isArray()) {
      return null;
    }
    try {
      List<ColumnLineage> columns = new ArrayList<>();
      for (JsonNode column : json.path("columns")) {
        List<String> flat = CacheFile.strings(column.path(5));
        if (flat == null || flat.size() % 2 != 0 || !column.path(0).isTextual()) {
          return null;
        }
        List<ColumnRef> sources = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += 2) {
          sources.add(new ColumnRef(flat.get(i), flat.get(i + 1)));
        }
        columns.add(new ColumnLineage(model, column.path(0).textValue(), sources,
            column.path(1).booleanValue(), ColumnLineage.Kind.valueOf(column.path(2).textValue()),
            column.path(3).textValue(), column.path(4).booleanValue()));
      }
      List<LineageWarning> warnings = new ArrayList<>();
      for (JsonNode warning : json.path("warnings")) {
        warnings.add(new LineageWarning(model,
            LineageWarning.Kind.valueOf(warning.path(0).textValue()),
            warning.path(1).textValue(), warning.path(2).textValue()));
      }
      return new Entry(key, depends, new ModelLineage(model, columns,
          json.path("known").booleanValue(), unknown), warnings);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
