package dev.mds.template.jinja;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * Jinja's {@code tojson(indent=None)}: the text Python's {@code json.dumps(value, sort_keys=True)}
 * writes (", " and ": " separators, non-ASCII as \\u escapes), with Jinja's HTML-safe escapes of
 * {@code < > & '}, which also keep the JSON safe inside a single-quoted SQL string.
 */
final class ToJsonFilter implements Filter {

  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .addModule(new SimpleModule().addSerializer(SafeString.class, ToStringSerializer.instance))
      .build();

  @Override
  public List<String> getArgumentNames() {
    return List.of("indent");
  }

  @Override
  public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int lineNumber) {
    Object indent = args.get("indent");
    ObjectWriter writer = mapper.writer(new PythonJsonLayout(
            indent instanceof Number n ? n.intValue() : -1))
        .with(new PythonJsonEscapes());
    try {
      return writer.writeValueAsString(input);
    } catch (JsonProcessingException e) {
      throw new PebbleException(e,
          "Filter 'tojson': cannot write " + Sequence.describe(input) + " as JSON", lineNumber,
          self.getName());
    }
  }
}
