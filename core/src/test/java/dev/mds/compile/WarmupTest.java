package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class WarmupTest {

  /**
   * The warm-up's failures are swallowed at start-up (it only saves time), so its sample
   * documents must be checked here: a record that gains or renames a field breaks the sample.
   */
  @Test
  void warmUpRunsEveryStepWithoutError() {
    assertDoesNotThrow(Warmup::run);
  }

  @Test
  void startedWarmUpCompletesNormally() {
    assertDoesNotThrow(() -> Warmup.start().join());
  }
}
