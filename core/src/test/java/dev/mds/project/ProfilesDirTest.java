package dev.mds.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mds.MdsException;
import dev.mds.TempProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where profiles.yml is read from: --profiles-dir, then DBT_PROFILES_DIR, then the defaults. */
class ProfilesDirTest {

  @TempDir
  Path dir;

  private TempProject project() {
    return TempProject.in(dir)
        .file("dbt_project.yml", "name: shop\n")
        .file("profiles.yml", "shop:\n  outputs:\n    dev: {path: here.duckdb}\n")
        .file("a/profiles.yml", "shop:\n  outputs:\n    dev: {path: a.duckdb, schema: sa}\n"
            + "other:\n  outputs:\n    dev: {path: other.duckdb}\n")
        .file("b/profiles.yml", "shop:\n  outputs:\n    dev: {path: b.duckdb}\n");
  }

  private Target load(Optional<Path> profilesDir, Optional<String> profile,
      Map<String, String> environment) {
    return ProjectLoader.load(dir, Optional.empty(), Optional.empty(), profilesDir, profile,
        environment).target();
  }

  @Test
  void theOptionWinsOverTheEnvironmentWhichWinsOverTheProjectFolder() {
    project();
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");

    assertEquals("here.duckdb", load(Optional.empty(), Optional.empty(), Map.of())
        .databasePath().getFileName().toString());
    assertEquals("b.duckdb", load(Optional.empty(), Optional.empty(),
        Map.of("DBT_PROFILES_DIR", b.toString())).databasePath().getFileName().toString());
    Target fromOption = load(Optional.of(a), Optional.empty(),
        Map.of("DBT_PROFILES_DIR", b.toString()));
    assertEquals("a.duckdb", fromOption.databasePath().getFileName().toString());
    assertEquals("sa", fromOption.schema());
    assertEquals(Optional.of(a.toAbsolutePath().normalize().resolve("profiles.yml")),
        fromOption.profilesFile());
  }

  @Test
  void profileReplacesTheProjectsProfileAndMustExistInAnExplicitFolder() {
    project();
    Path a = dir.resolve("a");

    assertEquals("other", load(Optional.of(a), Optional.of("other"), Map.of()).profileName());
    MdsException e = assertThrows(MdsException.class,
        () -> load(Optional.of(a), Optional.of("missing"), Map.of()));
    assertEquals(true, e.getMessage().contains("there is no profile 'missing'"), e.getMessage());
  }

  @Test
  void anEnvironmentFolderWithoutProfilesYmlIsAnErrorNamingTheVariableAndThePath() {
    project();

    MdsException e = assertThrows(MdsException.class, () -> load(Optional.empty(),
        Optional.empty(), Map.of("DBT_PROFILES_DIR", dir.resolve("nowhere").toString())));
    assertEquals("DBT_PROFILES_DIR names " + dir.resolve("nowhere") + ", but there is no "
        + dir.resolve("nowhere").toAbsolutePath().normalize().resolve("profiles.yml")
        + "; point it at the folder holding profiles.yml", e.getMessage());
  }

  @Test
  void attachEntriesAreReadWithDbtDuckdbsDefaults() {
    TempProject.in(dir).file("dbt_project.yml", "name: shop\n").file("profiles.yml", """
        shop:
          outputs:
            dev:
              path: shop.duckdb
              attach:
                - path: data/marts.duckdb
                - {path: /abs/ref.db, alias: ref, read_only: true, type: duckdb}
              secrets: [{type: s3}]
        """);

    Target target = load(Optional.empty(), Optional.empty(), Map.of());

    assertEquals(List.of(new Attachment(dir.toAbsolutePath().resolve("data/marts.duckdb"),
        "marts", false), new Attachment(Path.of("/abs/ref.db"), "ref", true)),
        target.attachments());
    assertEquals(List.of("shop", "marts", "ref"), target.catalogs());
    assertEquals(List.of("secrets"), target.ignoredKeys());
  }

  @Test
  void anAttachOfAnotherTypeOrADuplicateAliasIsAnErrorNamingTheEntry() {
    TempProject.in(dir).file("dbt_project.yml", "name: shop\n").file("profiles.yml", """
        shop:
          outputs:
            dev:
              path: shop.duckdb
              attach:
                - {path: x.sqlite, type: sqlite}
        """);

    MdsException e = assertThrows(MdsException.class,
        () -> load(Optional.empty(), Optional.empty(), Map.of()));
    assertEquals(true, e.getMessage().startsWith("profiles.yml (shop.outputs.dev.attach[0]):"
        + " type 'sqlite'"), e.getMessage());

    TempProject.in(dir).file("profiles.yml", """
        shop:
          outputs:
            dev:
              path: shop.duckdb
              attach: [{path: other/shop.duckdb}]
        """);
    e = assertThrows(MdsException.class, () -> load(Optional.empty(), Optional.empty(), Map.of()));
    assertEquals(true, e.getMessage().contains("'shop' is already taken"), e.getMessage());
  }
}
