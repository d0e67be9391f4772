package dev.mds.project;

import dev.mds.graph.Relation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The warehouse a run writes to: a profile output ({@code type: duckdb}) or the embedded default.
 *
 * @param settings DuckDB settings applied when the database opens (memory_limit, threads, ...)
 * @param attachments the profile's {@code attach:} list, attached when the database opens
 * @param extensions the profile's {@code extensions:}, each LOADed when the database opens
 * @param externalRoot the profile's {@code external_root}: where {@code materialized: external}
 *     models without a {@code location} are written (empty: mds's {@code exports/})
 * @param ignoredKeys keys of the output that mds accepts from dbt-duckdb but does not act on
 *     ({@code plugins}, {@code secrets}, ...), for {@code mds debug}
 * @param profilesFile the profiles.yml the target came from; empty for the embedded default
 * @param serving the read-only copy readers open while builds write the file (see {@link Serving})
 */
public record Target(String profileName, String name, String type, Path databasePath,
    String schema, int threads, Map<String, String> settings, List<Attachment> attachments,
    List<String> extensions, Optional<Path> externalRoot, List<String> ignoredKeys,
    Optional<Path> profilesFile, Serving serving) {

  /**
   * Catalogs DuckDB always has ({@code system}, {@code temp}) and the one {@code --defer} attaches
   * production under ({@code prod}): a schema of the same name makes two-part names ambiguous.
   */
  static final Set<String> BUILT_IN_CATALOGS = Set.of("system", "temp", "prod");

  public Target {
    settings = Map.copyOf(settings);
    attachments = List.copyOf(attachments);
    extensions = List.copyOf(extensions);
    ignoredKeys = List.copyOf(ignoredKeys);
  }

  /** A target with the default serving copy, published only on request. */
  public Target(String profileName, String name, String type, Path databasePath,
      String schema, int threads, Map<String, String> settings, List<Attachment> attachments,
      List<String> extensions, Optional<Path> externalRoot, List<String> ignoredKeys,
      Optional<Path> profilesFile) {
    this(profileName, name, type, databasePath, schema, threads, settings, attachments,
        extensions, externalRoot, ignoredKeys, profilesFile, Serving.defaultFor(databasePath));
  }

  /** The same target with another serving copy ({@code --publish}). */
  public Target withServing(Serving other) {
    return new Target(profileName, name, type, databasePath, schema, threads, settings,
        attachments, extensions, externalRoot, ignoredKeys, profilesFile, other);
  }

  public Target(String profileName, String name, String type, Path databasePath, String schema,
      int threads, Map<String, String> settings) {
    this(profileName, name, type, databasePath, schema, threads, settings, List.of(), List.of(),
        Optional.empty(), List.of(), Optional.empty());
  }

  /**
   * The catalog DuckDB names the target's own file after (dbt-duckdb's {@code target.database}):
   * the file name without its extension, or {@code memory} for {@code :memory:}.
   */
  public String database() {
    return catalogOf(databasePath);
  }

  static String catalogOf(Path path) {
    String file = path.getFileName().toString();
    if (file.equals(":memory:")) {
      return "memory";
    }
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  /** The catalogs a model may build into: the target's own, then each attachment's alias. */
  public List<String> catalogs() {
    List<String> names = new ArrayList<>();
    names.add(database());
    attachments.forEach(a -> names.add(a.alias()));
    return names;
  }

  /** The attachment of catalog {@code name} (DuckDB compares catalog names ignoring case). */
  public Optional<Attachment> attachment(String name) {
    return attachments.stream().filter(a -> a.alias().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The relation {@code schema.identifier} in {@code database} (empty: the target's own), named
   * the way it must be written in SQL; see {@link Relation} for the rule.
   */
  public Relation relation(Optional<String> database, String schema, String identifier) {
    String catalog = database.filter(d -> !d.isBlank()).orElse(database());
    boolean own = catalog.equalsIgnoreCase(database());
    if (own && !collides(schema)) {
      return new Relation(database(), schema, identifier, false);
    }
    // One spelling per catalog, so that relations compare equal whoever wrote the name.
    String spelled = own ? database() : attachment(catalog).map(Attachment::alias).orElse(catalog);
    return new Relation(spelled, schema, identifier);
  }

  /** Whether a two-part name starting with {@code schema} could also mean a catalog. */
  private boolean collides(String schema) {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(catalogs());
    names.addAll(BUILT_IN_CATALOGS);
    return names.contains(schema.toLowerCase(Locale.ROOT));
  }
}
