package dev.mds.project;

import dev.mds.graph.Quoting;
import dev.mds.graph.Relation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * @param output the profile's output as written (its values rendered), which an engine other than
 *     DuckDB reads its own keys from ({@code method}, {@code host}, {@code master}, ...); empty for
 *     the embedded default
 * @param quoting how the target's engine quotes identifiers (its dialect's), carried into every
 *     relation made through {@link #relation}
 * @param catalog the catalog of an engine other than DuckDB (Spark: {@code spark_catalog}, or the
 *     output's {@code catalog}); empty for DuckDB, whose catalog is named after the file
 */
public record Target(String profileName, String name, String type, Path databasePath,
    String schema, int threads, Map<String, String> settings, List<Attachment> attachments,
    List<String> extensions, Optional<Path> externalRoot, List<String> ignoredKeys,
    Optional<Path> profilesFile, Serving serving, Map<String, Object> output, Quoting quoting,
    Optional<String> catalog) {

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
    output = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(output));
  }

  /** A DuckDB target (double quotes, the catalog named after the file). */
  public Target(String profileName, String name, String type, Path databasePath,
      String schema, int threads, Map<String, String> settings, List<Attachment> attachments,
      List<String> extensions, Optional<Path> externalRoot, List<String> ignoredKeys,
      Optional<Path> profilesFile, Serving serving) {
    this(profileName, name, type, databasePath, schema, threads, settings, attachments,
        extensions, externalRoot, ignoredKeys, profilesFile, serving, Map.of(),
        Quoting.DOUBLE_QUOTES, Optional.empty());
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
        attachments, extensions, externalRoot, ignoredKeys, profilesFile, other, output, quoting,
        catalog);
  }

  /**
   * The same target as its engine names things: {@code quoting} and {@code catalog} (see the
   * components) and the {@code schema} to build into; an engine's provider completes the target
   * of its type with this when the project loads.
   */
  public Target withEngineNaming(Quoting quoting, Optional<String> catalog, String schema) {
    return new Target(profileName, name, type, databasePath, schema, threads, settings,
        attachments, extensions, externalRoot, ignoredKeys, profilesFile, serving, output,
        quoting, catalog);
  }

  /** Whether the target runs on DuckDB (the built-in engine). */
  public boolean isDuckDb() {
    return type.equalsIgnoreCase("duckdb");
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
    if (catalog.isPresent()) {
      return catalog.get();
    }
    // Asked for every relation made (tens of thousands a compile): the name is derived once per
    // path rather than through a new Path and two strings each time.
    String known = CATALOGS.get(databasePath);
    if (known == null) {
      known = catalogOf(databasePath);
      CATALOGS.putIfAbsent(databasePath, known);
    }
    return known;
  }

  /** The catalog names of the database files seen (one or two a run). */
  private static final java.util.concurrent.ConcurrentMap<Path, String> CATALOGS =
      new java.util.concurrent.ConcurrentHashMap<>();

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
    String ownCatalog = database();
    String catalog = database.isPresent() && !database.get().isBlank() ? database.get()
        : ownCatalog;
    boolean own = catalog.equalsIgnoreCase(ownCatalog);
    // Only DuckDB keeps catalogs and schemas in one namespace, where a two-part name can be
    // misread.
    if (own && (!isDuckDb() || !collides(schema, ownCatalog))) {
      return new Relation(ownCatalog, schema, identifier, false, quoting);
    }
    // One spelling per catalog, so that relations compare equal whoever wrote the name.
    String spelled = own ? ownCatalog
        : attachment(catalog).map(Attachment::alias).orElse(catalog);
    return new Relation(spelled, schema, identifier, true, quoting);
  }

  /** Whether a two-part name starting with {@code schema} could also mean a catalog. */
  private boolean collides(String schema, String ownCatalog) {
    // Compared ignoring case, as DuckDB resolves catalog names; no set built per relation.
    if (schema.equalsIgnoreCase(ownCatalog)) {
      return true;
    }
    for (Attachment attachment : attachments) {
      if (schema.equalsIgnoreCase(attachment.alias())) {
        return true;
      }
    }
    for (String builtIn : BUILT_IN_CATALOGS) {
      if (schema.equalsIgnoreCase(builtIn)) {
        return true;
      }
    }
    return false;
  }
}
