package dev.mds.cli;

import dev.mds.MdsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mds init NAME}. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create a new project folder NAME with a seed, two models and tests that build as created.")
final class InitCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME",
      description = "Project name: letters, digits and underscores.")
  String name;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the folder. Default: here.")
  Path parent = Path.of(".");

  @Mixin
  GlobalOptions global;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new MdsException("Project name '" + name
          + "' must be letters, digits and underscores, starting with a letter");
    }
    Path dir = parent.resolve(name).toAbsolutePath().normalize();
    if (Files.exists(dir)) {
      throw new MdsException(dir + " already exists; choose another name or remove it");
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put("mds_project.yml", """
        name: %s
        version: "1.0"

        model-paths: ["models"]
        seed-paths: ["seeds"]
        test-paths: ["tests"]
        macro-paths: ["macros"]

        models:
          %s:
            +materialized: view
            marts:
              +materialized: table
        """.formatted(name, name));
    files.put("seeds/countries.csv", """
        country_code,country_name,region
        GB,United Kingdom,Europe
        DE,Germany,Europe
        JP,Japan,Asia
        """);
    files.put("models/staging/stg_countries.sql", """
        select
            country_code,
            country_name,
            region
        from {{ ref('countries') }}
        """);
    files.put("models/marts/countries_per_region.sql", """
        select region, count(*) as countries
        from {{ ref('stg_countries') }}
        group by region
        """);
    files.put("models/schema.yml", """
        version: 2

        models:
          - name: stg_countries
            description: One row per country.
            columns:
              - name: country_code
                description: ISO 3166 two-letter code.
                tests: [unique, not_null]
          - name: countries_per_region
            description: How many countries each region has.
        """);
    files.put("macros/.gitkeep", "");
    files.put("tests/.gitkeep", "");
    files.put(".gitignore", "target/\nlogs/\n*.duckdb\n*.duckdb.wal\n");
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
    } catch (IOException e) {
      throw new MdsException("Cannot create " + dir + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Created project " + name + " in " + dir);
    // One command a line: `&&` is not a statement separator in Windows PowerShell 5.
    out.println("Next:");
    out.println("  cd " + quoted(parent.equals(Path.of(".")) ? name : dir.toString()));
    out.println("  " + quoted(command()) + " build");
    return Mds.OK;
  }

  /**
   * How the user can run mds again: {@code mds} when the launcher that started this run (the
   * {@code mds.launcher} property bin/mds and bin/mds.cmd set) is the one PATH finds, else its full
   * path, which works from any folder.
   */
  static String command() {
    String launcher = System.getProperty("mds.launcher");
    if (launcher == null || launcher.isBlank()) {
      return "mds";
    }
    Path script = Path.of(launcher).toAbsolutePath().normalize();
    String path = System.getenv("PATH");
    if (path != null && script.getParent() != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        try {
          if (!entry.isBlank() && Files.isSameFile(Path.of(entry.replace("\"", "")), script.getParent())) {
            return "mds";
          }
        } catch (IOException | java.nio.file.InvalidPathException e) {
          // A PATH entry that does not exist or cannot be a path here: not the launcher's folder.
        }
      }
    }
    return script.toString();
  }

  private static String quoted(String word) {
    return word.contains(" ") ? "\"" + word + "\"" : word;
  }
}
