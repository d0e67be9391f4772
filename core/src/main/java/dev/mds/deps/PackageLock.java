package dev.mds.deps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mds.MdsException;
import dev.mds.project.YamlReader;
import dev.mds.project.YamlValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code package-lock.yml} as dbt writes it: {@code packages:} with each package resolved (a git
 * revision as its commit, a hub range as the version chosen) and its {@code name:}, and
 * {@code sha1_hash:} of the packages.yml entries, by which dbt tells whether packages.yml changed
 * since the lock was written.
 */
public final class PackageLock {

  public static final String FILE = "package-lock.yml";

  private PackageLock() {
  }

  /**
   * dbt's hash, so that a lock dbt wrote is honoured and one mds writes is dbt's: each entry as
   * dbt serialises its parsed form (the fields of its kind, unset ones as null, with the entry as
   * written under {@code unrendered}), as JSON with sorted keys and Python's json.dumps
   * separators and ASCII escapes, the lines sorted and joined by newlines, then SHA-1.
   */
  public static String sha1(List<Map<String, Object>> entries) {
    ObjectMapper json = new ObjectMapper()
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    MinimalPrettyPrinter python = new MinimalPrettyPrinter() {
      @Override
      public void writeObjectFieldValueSeparator(com.fasterxml.jackson.core.JsonGenerator g)
          throws IOException {
        g.writeRaw(": ");
      }

      @Override
      public void writeObjectEntrySeparator(com.fasterxml.jackson.core.JsonGenerator g)
          throws IOException {
        g.writeRaw(", ");
      }

      @Override
      public void writeArrayValueSeparator(com.fasterxml.jackson.core.JsonGenerator g)
          throws IOException {
        g.writeRaw(", ");
      }
    };
    try {
      List<String> lines = new ArrayList<>();
      for (Map<String, Object> entry : entries) {
        lines.add(json.writer(python).with(JsonWriteFeature.ESCAPE_NON_ASCII)
            .writeValueAsString(asDbtParsesIt(entry)));
      }
      lines.sort(null);
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fields dbt's package contract of the entry's kind has, as it serialises them. */
  private static Map<String, Object> asDbtParsesIt(Map<String, Object> entry) {
    Map<String, Object> parsed = new LinkedHashMap<>();
    if (entry.containsKey("package")) {
      parsed.put("package", entry.get("package"));
      parsed.put("version", entry.get("version"));
      parsed.put("install_prerelease", entry.getOrDefault("install_prerelease", false));
    } else if (entry.containsKey("git") || entry.containsKey("private")) {
      String kind = entry.containsKey("git") ? "git" : "private";
      parsed.put(kind, entry.get(kind));
      if (kind.equals("private")) {
        parsed.put("provider", entry.get("provider"));
      }
      parsed.put("revision", entry.get("revision"));
      parsed.put("warn-unpinned", entry.containsKey("warn-unpinned") ? entry.get("warn-unpinned")
          : entry.get("warn_unpinned"));
      parsed.put("subdirectory", entry.get("subdirectory"));
    } else if (entry.containsKey("local") || entry.containsKey("tarball")) {
      String kind = entry.containsKey("local") ? "local" : "tarball";
      parsed.put(kind, entry.get(kind));
    } else {
      return entry;
    }
    parsed.put("unrendered", entry);
    // dbt leaves name out when it is not set, so that adding the field changed no hash.
    if (entry.get("name") != null) {
      parsed.put("name", entry.get("name"));
    }
    return parsed;
  }

  /** A package-lock.yml as read back: its hash and its packages, as entries to fetch. */
  public record Read(String sha1Hash, List<PackageSources.Entry> packages) {
  }

  /** The project's package-lock.yml, if there is one. */
  public static Optional<Read> read(Path projectRoot) {
    Path file = projectRoot.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, Object> content = new YamlReader(projectRoot).readMap(file);
    Object list = content.get("packages");
    if (list != null && !(list instanceof List<?>)) {
      throw MdsException.at(FILE, "packages: must be a list; delete the file or run"
          + " mds deps --upgrade to write it again");
    }
    List<PackageSources.Entry> entries = new ArrayList<>();
    List<Object> items = YamlValues.list(list);
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?>)) {
        throw MdsException.at(FILE, "package entry " + (i + 1) + " must be a mapping");
      }
      entries.add(new PackageSources.Entry(i + 1, YamlValues.map(items.get(i)),
          FILE));
    }
    return Optional.of(new Read(YamlValues.string(
        content.get("sha1_hash")).orElse(""), entries));
  }

  /** Writes the lock beside the project file, replacing any earlier one in one move. */
  public static void write(Path projectRoot, List<Map<String, Object>> locked,
      List<Map<String, Object>> entries) {
    Map<String, Object> lock = new LinkedHashMap<>();
    // Keys in alphabetical order, as dbt's YAML dump writes them (git, name, revision, ...).
    lock.put("packages", locked.stream().map(java.util.TreeMap::new).toList());
    lock.put("sha1_hash", sha1(entries));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    // dbt indents list items under their key.
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    String text = new Yaml(options).dump(lock);
    Path file = projectRoot.resolve(FILE);
    try {
      Path temp = projectRoot.resolve("." + FILE + "." + ProcessHandle.current().pid());
      Files.writeString(temp, text);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new MdsException(FILE + ": cannot write it: " + e.getMessage(), e);
    }
  }
}
