package dev.mds.compile;

import dev.mds.MdsException;
import dev.mds.engine.SnapshotConfig;
import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import dev.mds.project.FolderConfigs;
import dev.mds.project.NodeConfig;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.project.YamlValues;
import dev.mds.schema.NodeProperties;
import dev.mds.schema.SchemaSpecs;
import dev.mds.template.TemplateEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a project's snapshots, as dbt (1.9 and later) defines them: {@code {% snapshot name %}}
 * blocks in the files under {@code snapshot-paths}, and {@code snapshots:} entries in property
 * YAML that name their input with {@code relation:}. Config merges as for models: the project
 * file's {@code snapshots:} folders, then the YAML entry's {@code config:}, then the block's own
 * {@code config()}. A snapshot becomes a {@link Model} with the unique id
 * {@code snapshot.project.name} and {@code materialized: snapshot}.
 */
final class SnapshotParser {

  /**
   * Where a snapshot block opens. Only the names are read here: each file is rendered by the
   * template engine, whose {@code snapshot} tag keeps the body of the snapshot being parsed.
   */
  private static final Pattern BLOCK = Pattern.compile(
      "\\{%-?\\s*snapshot\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*-?%}");

  private final ProjectParser parser;
  private final Project root;
  private final TemplateEngine templates;

  SnapshotParser(ProjectParser parser, Project root, TemplateEngine templates) {
    this.parser = parser;
    this.root = root;
    this.templates = templates;
  }

  /**
   * The snapshots of {@code owner} (the project or an installed package); each error goes to
   * {@code errors}, the name of a snapshot in error to {@code broken}, of one disabled to
   * {@code disabled}.
   */
  List<Model> parse(Project owner, ProjectFiles files, SchemaSpecs schema,
      Consumer<MdsException> errors, Consumer<String> broken, Consumer<String> disabled) {
    List<Model> snapshots = new ArrayList<>();
    FolderConfigs folders = new FolderConfigs(owner.name(),
        YamlValues.map(owner.config().raw() == null ? null : owner.config().raw().get("snapshots")));
    for (Path file : files.snapshots()) {
      String raw = ProjectFiles.read(root, file);
      Matcher blocks = BLOCK.matcher(raw);
      while (blocks.find()) {
        String name = blocks.group(1);
        List<String> fqn = new ArrayList<>(ProjectParser.fqn(owner, file,
            owner.config().snapshotPaths()));
        fqn.set(fqn.size() - 1, name);
        try {
          snapshot(owner, folders, schema, name, root.display(file), fqn, raw, false)
              .ifPresentOrElse(snapshots::add, () -> disabled.accept(name));
        } catch (MdsException e) {
          errors.accept(e);
          broken.accept(name);
        }
      }
    }
    for (Map.Entry<String, String> entry : schema.snapshotRelations().entrySet()) {
      String name = entry.getKey();
      NodeProperties props = schema.snapshots().get(name);
      List<String> fqn = new ArrayList<>(ProjectParser.fqn(owner, root.located(props.file()),
          files.schemaPaths()));
      fqn.set(fqn.size() - 1, name);
      try {
        // Rendered like a block whose body selects everything from the relation.
        snapshot(owner, folders, schema, name, props.file(), fqn,
            "select * from {{ " + entry.getValue() + " }}", true)
            .ifPresentOrElse(snapshots::add, () -> disabled.accept(name));
      } catch (MdsException e) {
        errors.accept(e);
        broken.accept(name);
      }
    }
    return snapshots;
  }

  private Optional<Model> snapshot(Project owner, FolderConfigs folders, SchemaSpecs schema,
      String name, String display, List<String> fqn, String raw, boolean fromYaml) {
    Optional<NodeProperties> props = schema.snapshot(name);
    NodeConfig config = folders.resolve(fqn.subList(1, fqn.size()));
    if (owner.isPackage()) {
      config = config.merge(new FolderConfigs(owner.name(), YamlValues.map(
          root.config().raw() == null ? null : root.config().raw().get("snapshots")))
          .resolve(fqn.subList(1, fqn.size())).values());
    }
    if (props.isPresent()) {
      config = config.merge(parser.renderedConfig(props.get()));
    }
    String schemaName = root.target().schema();
    ParseContext context = new ParseContext(root.target(), schemaName, name, config.values(),
        fqn, display);
    String sql = fromYaml ? templates.renderText(raw, display, context)
        : templates.render(root.resolve(display), context);
    ParseCache.Entry parsed = ParseCache.entry(display, FileChecksum.of(raw), context, sql,
        schemaName);
    templates.noteBuiltinUses(parsed.macros());
    if (owner == root) {
      parser.checkConfigKeys(dev.mds.project.KnownConfigKeys.Kind.SNAPSHOT, display, raw,
          parsed.config());
    }
    config = config.merge(parsed.config()).merge(Map.of("materialized", "snapshot"));
    if (!config.enabled()) {
      return Optional.empty();
    }
    SnapshotConfig.of(config, display, name);
    parser.checkDatabase(config, display, "snapshot '" + name + "'");
    String id = "snapshot." + owner.name() + "." + name;
    parser.macrosUsed(id, parsed.macros());
    return Optional.of(new Model(id, name, display, List.copyOf(fqn), config,
        parser.description(props), parser.columns(props), List.of(),
        relation(config, name, fqn, display), raw, parsed.refCalls(display),
        List.copyOf(parsed.sources()), FileChecksum.of(raw)));
  }

  /**
   * dbt's legacy {@code target_schema} (and {@code target_database}) name the schema as written;
   * otherwise {@code schema} and {@code database} go through {@code generate_schema_name} and
   * friends, as for models.
   */
  private Relation relation(NodeConfig config, String name, List<String> fqn, String display) {
    Optional<String> targetSchema = config.string("target_schema").map(String::trim)
        .filter(s -> !s.isEmpty());
    if (targetSchema.isPresent()) {
      Optional<String> database = config.string("target_database")
          .or(() -> config.string("database")).map(String::trim).filter(s -> !s.isEmpty());
      return root.target().relation(database, targetSchema.get(),
          config.alias().map(String::trim).orElse(name));
    }
    return parser.relation(config, name, "snapshot", fqn, display);
  }
}
