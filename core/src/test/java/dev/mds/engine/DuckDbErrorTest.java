package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What users read when DuckDB rejects a statement. */
class DuckDbErrorTest {

  @Test
  void jdbcPendingQueryWrapperGivesWayToTheRealError() {
    String jdbc = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending"
        + " query result\nError: Binder Error: Referenced column \"x\" not found in FROM clause!\n"
        + "Candidate bindings: \"id\"\n\nLINE 1: select x from t\n";

    assertEquals("Binder Error: Referenced column \"x\" not found in FROM clause!"
        + " Candidate bindings: \"id\"", DuckDbError.summary(jdbc));
  }

  @Test
  void otherErrorsKeepTheirFirstLine() {
    assertEquals("Catalog Error: Table with name nowhere does not exist!",
        DuckDbError.summary("Catalog Error: Table with name nowhere does not exist!\n"
            + "Did you mean \"now\"?\n"));
    assertEquals("", DuckDbError.summary(null));
  }
}
