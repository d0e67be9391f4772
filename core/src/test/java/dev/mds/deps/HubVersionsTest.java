package dev.mds.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** dbt's hub version ranges: exact pins, bounds, lists of bounds, pre-releases. */
class HubVersionsTest {

  private static final List<HubVersions.Version> AVAILABLE = List.of("0.9.6", "1.0.0", "1.1.1",
      "1.10.0", "1.11.0-b1", "2.0.0").stream()
      .map(v -> HubVersions.Version.parse(v).orElseThrow()).toList();

  private static String pick(Object range) {
    List<String> problems = new ArrayList<>();
    HubVersions versions = HubVersions.parse(range, problems);
    assertEquals(List.of(), problems);
    return versions.highest(AVAILABLE).map(HubVersions.Version::text).orElse("none");
  }

  @Test
  void picksTheHighestVersionInsideTheRange() {
    assertEquals("1.10.0", pick(List.of(">=1.0.0", "<2.0.0")));
    assertEquals("1.10.0", pick(">=1.0.0 <2.0.0"));
    assertEquals("1.1.1", pick("1.1.1"));
    assertEquals("2.0.0", pick(">1.1.1"));
    assertEquals("0.9.6", pick("<1.0.0"));
    assertEquals("none", pick(List.of(">=3.0.0")));
  }

  @Test
  void aPreReleaseIsChosenOnlyWhenPinned() {
    assertEquals("1.10.0", pick(">=1.10.0 <2.0.0"));
    assertEquals("1.11.0-b1", pick("1.11.0-b1"));
  }

  @Test
  void aWordThatIsNotAVersionIsReported() {
    List<String> problems = new ArrayList<>();
    HubVersions.parse(List.of(">=1.0.0", "latest"), problems);
    assertEquals(List.of("latest"), problems);
    assertTrue(HubVersions.Version.parse(">=1.0.0").isEmpty());
    assertEquals(Optional.empty(), HubVersions.Version.parse("abc"));
  }
}
