package dev.mds.graph;

import dev.mds.project.NodeConfig;
import dev.mds.schema.ColumnSpec;
import java.util.List;

/** A node of the project graph: something that is built, loaded, declared or tested. */
public sealed interface Node permits Model, Seed, Source, DataTest,
    Exposure, Analysis, UnitTest {

  /** {@code model.project.name}, {@code seed.project.name}, {@code source.project.src.table}. */
  String uniqueId();

  String name();

  ResourceType resourceType();

  /** The file that declares the node, relative to the project folder. */
  String file();

  /** Project name, then folders below the resource path, then the node name. */
  List<String> fqn();

  NodeConfig config();

  String description();

  List<ColumnSpec> columns();

  /** The unique ids this node depends on directly. */
  List<String> dependsOn();

  /** The relation the node occupies in the warehouse. */
  Relation relation();

  default List<String> tags() {
    return config().tags();
  }
}
