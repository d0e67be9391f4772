package dev.mds.lineage;

import java.util.List;
import java.util.Locale;

/**
 * Where one output column of a model comes from: the columns of its direct parents that its
 * expression reads (one hop; follow {@link ProjectLineage} for the whole tree), and how.
 *
 * @param model the model's unique id
 * @param sources the parent columns, sorted; empty for a constant such as {@code 'DE' as market}
 * @param complete false when part of the expression could not be traced (then {@code sources}
 *     lists only what could), never a guess
 * @param kind how the value is derived from its sources
 * @param expression the SQL that computes it, for a transformed, aggregate or constant column
 *     (with the CTEs' expressions it passed through after {@code ←}); empty otherwise
 * @param sameMeaning whether the column holds its one source column's values, passed on or only
 *     respelled (a cast, {@code lower()}): its source's description still describes it
 */
public record ColumnLineage(String model, String column, List<ColumnRef> sources,
    boolean complete, Kind kind, String expression, boolean sameMeaning) {

  /** How a column is derived, as dbt Explorer and a reader name it. */
  public enum Kind {
    /** The parent's column, unchanged and under the same name. */
    PASSTHROUGH,
    /** The parent's column, unchanged, under another name. */
    RENAME,
    /** Computed from one row's values: {@code lower(name)}, {@code a + b}, a cast. */
    TRANSFORMED,
    /** Computed over many rows: {@code count(*)}, {@code sum(amount)}. */
    AGGREGATE,
    /** Computed from no column: {@code 'DE' as market}. */
    CONSTANT,
    /** Not traced (see {@link ModelLineage#unknown()}). */
    UNKNOWN;

    /** The word used in manifest.json, columns.js and on the pages: {@code passthrough}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the column's values are its source's own, so its description still holds. */
    public boolean keepsMeaning() {
      return this == PASSTHROUGH || this == RENAME;
    }
  }

  public ColumnLineage {
    sources = List.copyOf(sources);
    expression = expression == null ? "" : expression;
  }

  /** Lineage without a classification (tests and older callers): sources decide. */
  public ColumnLineage(String model, String column, List<ColumnRef> sources, boolean complete) {
    this(model, column, sources, complete, classify(column, sources, complete,
        sources.isEmpty() ? Derivation.Kind.CONSTANT : Derivation.Kind.COLUMN), "",
        sources.size() == 1 && complete);
  }

  /**
   * The kind of a column named {@code column} computed as {@code computed} from
   * {@code sources}: a column read as is is a passthrough when every source has its name, a
   * rename otherwise.
   */
  static Kind classify(String column, List<ColumnRef> sources, boolean complete,
      Derivation.Kind computed) {
    if (!complete && sources.isEmpty()) {
      return Kind.UNKNOWN;
    }
    return switch (computed) {
      case CONSTANT -> sources.isEmpty() ? Kind.CONSTANT : Kind.TRANSFORMED;
      case COLUMN -> sources.isEmpty() ? Kind.UNKNOWN
          : sources.stream().allMatch(s -> s.column().equalsIgnoreCase(column))
              ? Kind.PASSTHROUGH : Kind.RENAME;
      case TRANSFORMED -> Kind.TRANSFORMED;
      case AGGREGATE -> Kind.AGGREGATE;
    };
  }
}
