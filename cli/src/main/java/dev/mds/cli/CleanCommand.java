package dev.mds.cli;

import dev.mds.MdsException;
import dev.mds.project.Project;
import dev.mds.project.YamlValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mds clean}. */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Delete target/ and logs/ (or the project's clean-targets). Never the database.")
final class CleanCommand implements Callable<Integer> {

  @Mixin
  ProjectOptions project;
  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Project loaded = project.load();
    List<String> targets = new ArrayList<>(YamlValues.strings(loaded.config().raw().get("clean-targets")));
    if (targets.isEmpty()) {
      targets.add(loaded.config().targetPath());
      targets.add("logs");
    }
    Path database = loaded.target().databasePath().toAbsolutePath().normalize();
    for (String name : targets) {
      Path dir = loaded.resolve(name);
      if (!dir.startsWith(loaded.root()) || dir.equals(loaded.root())) {
        throw new MdsException("Refusing to clean '" + name + "': it is not inside the project folder");
      }
      if (database.startsWith(dir)) {
        throw new MdsException("Refusing to clean '" + name + "': it holds the database " + database);
      }
      if (Files.exists(dir)) {
        delete(dir);
        out.println("Removed " + loaded.display(dir));
      }
    }
    return Mds.OK;
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new MdsException("Cannot delete " + dir + ": " + dev.mds.FileInUse.describe(e, p), e);
        }
      }
    } catch (IOException e) {
      throw new MdsException("Cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
