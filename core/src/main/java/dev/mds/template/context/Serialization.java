package dev.mds.template.context;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * dbt's {@code fromjson}, {@code tojson}, {@code fromyaml} and {@code toyaml}: Python's
 * {@code json.loads/dumps} and {@code yaml.safe_load/safe_dump}, done by Jackson and SnakeYAML.
 */
final class Serialization {

  private static final ObjectMapper READER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final ObjectMapper WRITER = JsonMapper.builder().build();

  private Serialization() {
  }

  /** {@code json.loads(text)}, or {@code fallback} when the text is not JSON. */
  static Object fromJson(Object text, Object fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return READER.readValue(text.toString(), Object.class);
    } catch (IOException e) {
      return fallback;
    }
  }

  /** {@code json.dumps(value, sort_keys=...)}: one line, ", " and ": ", non-ASCII escaped. */
  static Object toJson(Object value, boolean sortKeys, Object fallback) {
    try {
      return WRITER.writer(new PythonSeparators())
          .with(new dev.mds.template.jinja.PythonJsonEscapes(false))
          .writeValueAsString(plain(value, sortKeys));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return fallback;
    }
  }

  /** {@code yaml.safe_load(text)}, or {@code fallback} when the text is not YAML. */
  static Object fromYaml(Object text, Object fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return new Yaml(new PythonDates(new LoaderOptions())).load(text.toString());
    } catch (YAMLException e) {
      return fallback;
    }
  }

  /** {@code yaml.safe_dump(value, sort_keys=...)}: block style, as PyYAML writes it. */
  static Object toYaml(Object value, boolean sortKeys, Object fallback) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(80);
    try {
      return new Yaml(new Representer(options), options).dump(plain(value, sortKeys));
    } catch (YAMLException e) {
      return fallback;
    }
  }

  /**
   * The value with template types turned into the ones JSON and YAML know: safe text into text,
   * sets into lists, dates into their text; maps sorted when asked.
   */
  private static Object plain(Object value, boolean sortKeys) {
    if (value instanceof SafeString || value instanceof PyObject) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = sortKeys ? new TreeMap<>() : new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v, sortKeys)));
      return copy;
    }
    if (value instanceof Iterable<?> items) {
      List<Object> copy = new ArrayList<>();
      items.forEach(item -> copy.add(plain(item, sortKeys)));
      return copy;
    }
    return value;
  }

  /** Python's default separators on one line: {@code {"a": 1, "b": [1, 2]}}. */
  private static final class PythonSeparators extends MinimalPrettyPrinter {

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(", ");
    }
  }

  /**
   * YAML dates become date and datetime objects, as PyYAML makes them (they print as written); a
   * form java.time does not read stays text.
   */
  private static final class PythonDates extends SafeConstructor {
    PythonDates(LoaderOptions options) {
      super(options);
      ConstructYamlStr text = new ConstructYamlStr();
      yamlConstructors.put(Tag.TIMESTAMP, new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String value = (String) text.construct(node);
          try {
            PyDateTime time = DateTimeModule.fromIso(value);
            return value.length() <= 10 ? new PyDate(time.local().toLocalDate()) : time;
          } catch (IllegalArgumentException e) {
            return value;
          }
        }
      });
    }
  }
}
