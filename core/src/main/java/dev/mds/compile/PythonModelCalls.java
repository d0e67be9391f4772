package dev.mds.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.MdsException;
import dev.mds.graph.RefCall;
import dev.mds.graph.SourceCall;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Python model calls on {@code dbt}: its {@code dbt.ref()} and {@code dbt.source()} calls
 * (its parents) and {@code dbt.config()} values, found without running the user's code. With
 * {@code python3} on the PATH, Python's own parser reads every file in one process; without it, a
 * conservative scan takes only calls whose arguments are string literals.
 *
 * @param error what is wrong with the file (invalid Python, a non-literal argument), if anything
 * @param line the line of the error
 */
record PythonModelCalls(List<RefCall> refs, List<SourceCall> sources, Map<String, Object> config,
    Optional<String> error, int line) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CALL = Pattern.compile(
      "\\bdbt\\.(ref|source)\\(\\s*(['\"])([^'\"\\\\]+)\\2\\s*(?:,\\s*(['\"])([^'\"\\\\]+)\\4\\s*)?"
          + "[,)]");
  private static final Pattern CONFIG = Pattern.compile("\\bdbt\\.config\\(([^()]*)\\)");
  private static final Pattern CONFIG_VALUE = Pattern.compile(
      "(\\w+)\\s*=\\s*(?:(['\"])([^'\"]*)\\2|(True|False|-?\\d+))");

  /** The calls of each of {@code files}. */
  static Map<Path, PythonModelCalls> of(Project project, List<Path> files) {
    if (files.isEmpty()) {
      return Map.of();
    }
    Optional<Map<Path, PythonModelCalls>> parsed = withPython(project, files);
    if (parsed.isPresent()) {
      return parsed.get();
    }
    Map<Path, PythonModelCalls> scanned = new HashMap<>();
    for (Path file : files) {
      scanned.put(file, scan(project.display(file), ProjectFiles.read(project, file)));
    }
    return scanned;
  }

  /** Python's {@code ast}, or empty when there is no {@code python3} to run it. */
  private static Optional<Map<Path, PythonModelCalls>> withPython(Project project,
      List<Path> files) {
    List<String> command = new ArrayList<>(List.of("python3", "-c", script()));
    for (Path file : files) {
      command.add(file.toString());
    }
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException noPython) {
      return Optional.empty();
    }
    try {
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        // A python3 that cannot run the script (too old) is as good as none.
        return Optional.empty();
      }
      JsonNode root = JSON.readTree(out);
      Map<Path, PythonModelCalls> result = new HashMap<>();
      for (Path file : files) {
        result.put(file, fromJson(project.display(file), root.path(file.toString())));
      }
      return Optional.of(result);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MdsException("interrupted while reading Python models", e);
    } finally {
      process.destroy();
    }
  }

  private static String script() {
    try (InputStream in = PythonModelCalls.class.getResourceAsStream("python_model_calls.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("python_model_calls.py is missing from the mds jar", e);
    }
  }

  private static PythonModelCalls fromJson(String display, JsonNode json) {
    List<RefCall> refs = new ArrayList<>();
    for (JsonNode ref : json.path("refs")) {
      boolean packaged = ref.size() == 3;
      refs.add(new RefCall(packaged ? Optional.of(ref.get(1).asText()) : Optional.empty(),
          ref.get(packaged ? 2 : 1).asText(), display, ref.get(0).asInt()));
    }
    List<SourceCall> sources = new ArrayList<>();
    for (JsonNode source : json.path("sources")) {
      sources.add(new SourceCall(source.get(1).asText(), source.get(2).asText(), display,
          source.get(0).asInt()));
    }
    Map<String, Object> config = new LinkedHashMap<>();
    json.path("config").fields().forEachRemaining(entry ->
        config.put(entry.getKey(), JSON.convertValue(entry.getValue(), Object.class)));
    Optional<String> error = json.path("error").isTextual()
        ? Optional.of(json.path("error").asText()) : Optional.empty();
    return new PythonModelCalls(refs, sources, config, error, json.path("line").asInt());
  }

  /** Without {@code python3}: calls whose arguments are string literals, in file order. */
  static PythonModelCalls scan(String display, String code) {
    List<RefCall> refs = new ArrayList<>();
    List<SourceCall> sources = new ArrayList<>();
    Matcher call = CALL.matcher(code);
    while (call.find()) {
      int line = lineOf(code, call.start());
      if (call.group(1).equals("ref")) {
        boolean packaged = call.group(5) != null;
        refs.add(new RefCall(packaged ? Optional.of(call.group(3)) : Optional.empty(),
            packaged ? call.group(5) : call.group(3), display, line));
      } else if (call.group(5) != null) {
        sources.add(new SourceCall(call.group(3), call.group(5), display, line));
      }
    }
    Map<String, Object> config = new LinkedHashMap<>();
    Matcher configCall = CONFIG.matcher(code);
    while (configCall.find()) {
      Matcher value = CONFIG_VALUE.matcher(configCall.group(1));
      while (value.find()) {
        config.put(value.group(1), value.group(3) != null ? value.group(3)
            : dev.mds.project.NativeValue.of(value.group(4)));
      }
    }
    return new PythonModelCalls(refs, sources, config, Optional.empty(), 0);
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
