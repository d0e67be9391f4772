package dev.mds.docs;

import java.util.List;

/** How a node's tests (or a whole project's) fared in the last run. */
record TestTally(int total, int passed, int failed, int warned, int notRun) {

  static TestTally of(List<TestRow> tests) {
    int passed = 0;
    int failed = 0;
    int warned = 0;
    int notRun = 0;
    for (TestRow test : tests) {
      switch (test.tone()) {
        case "good" -> passed++;
        case "bad" -> failed++;
        case "warn" -> warned++;
        default -> notRun++;
      }
    }
    return new TestTally(tests.size(), passed, failed, warned, notRun);
  }
}
