package dev.mds.execution;

import java.util.List;

/**
 * What a data test found: how many failing rows (or groups), a few of them, and where the SQL that
 * finds them was written so the user can run it.
 */
public record TestFailures(long count, String condition, List<String> columns,
    List<List<String>> sampleRows, String compiledPath) {
}
