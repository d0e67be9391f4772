package dev.mds.cli;

import dev.mds.project.Project;
import dev.mds.project.Target;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mds debug}. */
@Command(name = "debug", mixinStandardHelpOptions = true,
    description = "Show the resolved project, profile and target, and check the database opens.")
final class DebugCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("mds version: " + MdsVersion.version());
    out.println("java: " + System.getProperty("java.version"));
    Project loaded = project.load();
    Target target = loaded.target();
    out.println("project: " + loaded.name() + " (" + loaded.display(loaded.projectFile()) + ")");
    out.println("project folder: " + loaded.root());
    out.println("profiles.yml: " + target.profilesFile().map(Object::toString)
        .orElse("none (the embedded default target)"));
    out.println("profile: " + target.profileName());
    out.println("target: " + target.name() + " (type " + target.type() + ", schema "
        + target.schema() + ", threads " + target.threads() + ")");
    boolean duckDb = target.type().equals("duckdb");
    if (duckDb) {
      out.println("database: " + target.databasePath());
    }
    target.attachments().forEach(a -> out.println("attach: " + a.alias() + " = " + a.path()
        + (a.readOnly() ? " (read-only)" : "")));
    target.settings().forEach((k, v) -> out.println("setting: " + k + " = " + v));
    if (!target.extensions().isEmpty()) {
      out.println("extensions: " + String.join(", ", target.extensions()));
    }
    target.externalRoot().ifPresent(r -> out.println("external_root: " + r));
    if (!target.ignoredKeys().isEmpty()) {
      out.println("profile keys accepted but not used by mds: "
          + String.join(", ", target.ignoredKeys()));
    }
    out.println("vars: " + loaded.vars());
    try (dev.mds.engine.Warehouse warehouse = dev.mds.engine.Engines.open(target,
        dev.mds.engine.EngineOptions.forBuilding(0))) {
      out.println(target.type() + ": " + warehouse.version());
      if (!duckDb) {
        // Another engine: say where it runs, and ask it something.
        warehouse.details().forEach((key, value) -> out.println(target.type() + " " + key + ": "
            + value));
        try (dev.mds.engine.EngineConnection connection = warehouse.connect()) {
          connection.query("select 1", rows -> rows.next());
          out.println("connection: ok (select 1 ran)");
        } catch (java.sql.SQLException e) {
          throw new dev.mds.MdsException(target.profilesFile().map(Object::toString)
              .orElse("profiles.yml") + ": profile '" + target.profileName() + "' target '"
              + target.name() + "': " + target.type() + " does not answer: " + e.getMessage());
        }
      }
    }
    out.println("All checks passed!");
    return Mds.OK;
  }
}
