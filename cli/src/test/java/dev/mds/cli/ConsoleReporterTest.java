package dev.mds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

  @Test
  void durationsPrintWithTwoDecimalsAsPercentTwoFWould() {
    assertEquals("0.00s", ConsoleReporter.seconds(0));
    assertEquals("0.05s", ConsoleReporter.seconds(0.049));
    assertEquals("0.10s", ConsoleReporter.seconds(0.1));
    assertEquals("1.07s", ConsoleReporter.seconds(1.0712));
    assertEquals("12.30s", ConsoleReporter.seconds(12.299));
    assertEquals("3600.00s", ConsoleReporter.seconds(3599.999));
    for (double d = 0; d < 20; d += 0.0137) {
      assertEquals(String.format(Locale.ROOT, "%.2fs", d), ConsoleReporter.seconds(d), "at " + d);
    }
  }
}
