package dev.mds.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * package-lock.yml's sha1_hash is dbt's, so a lock dbt wrote for an unchanged packages.yml is
 * installed as pinned: the expected hashes are those dbt wrote for the same entries.
 */
class PackageLockTest {

  @Test
  void aHubPackageHashesAsDbtHashesIt() {
    assertEquals("71304bca2138cf8004070b3573a1e17183c0c1a8", PackageLock.sha1(List.of(
        Map.of("package", "fivetran/fivetran_utils", "version", "0.4.7"))));
  }

  @Test
  void hubRangesHashAsDbtHashesThemInAnyOrder() {
    Map<String, Object> utils = Map.of("package", "dbt-labs/dbt_utils",
        "version", List.of(">=1.3.0", "<2.0.0"));
    Map<String, Object> expectations = Map.of("package", "metaplane/dbt_expectations",
        "version", List.of("0.10.9", "<0.11.0"));
    assertEquals("99b5dbc472f0e7c9354857bc8019f84738f6faab",
        PackageLock.sha1(List.of(utils, expectations)));
    assertEquals("99b5dbc472f0e7c9354857bc8019f84738f6faab",
        PackageLock.sha1(List.of(expectations, utils)));
  }

  @Test
  void gitPackagesHashTheirUnsetFieldsAsNullAsDbtDoes() {
    String repo = "https://github.com/dbt-labs/dbt-multipe-packages.git";
    assertEquals("b9c8042f29446c55a33f9f211737f445a640c7a1", PackageLock.sha1(List.of(
        Map.of("git", repo, "subdirectory", "dbt-utils-main", "revision", "v0.1.0"),
        Map.of("git", repo, "subdirectory", "dbt-date-main", "revision", "v0.1.0"))));
  }

  @Test
  void anyChangeToAnEntryChangesTheHash() {
    assertNotEquals(PackageLock.sha1(List.of(Map.of("local", "../a"))),
        PackageLock.sha1(List.of(Map.of("local", "../b"))));
    assertNotEquals(PackageLock.sha1(List.of(Map.of("package", "a/b", "version", "1.0.0"))),
        PackageLock.sha1(List.of(Map.of("package", "a/b", "version", "1.0.0",
            "install_prerelease", true))));
  }
}
