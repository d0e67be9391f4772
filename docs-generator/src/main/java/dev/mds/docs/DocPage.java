package dev.mds.docs;

import java.util.List;

/**
 * Everything one node's (or macro's) page shows.
 *
 * @param kicker the line above the title: "Model · table", "Data test · not_null"
 * @param lastRun the node's own last result, or null when it has none
 * @param lineage whether the page draws a lineage graph (models, seeds and sources do)
 */
record DocPage(NodeLink self, String title, String kicker, String descriptionHtml,
    List<String> tags, List<Fact> facts, List<Fact> meta, List<Note> notes,
    List<ColumnRow> columns, List<TestRow> tests, TestTally tally, List<NodeLink> upstream,
    List<NodeLink> downstream, List<CodeBlock> code, RunView lastRun, boolean lineage) {
}
