package dev.mds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mds.MdsException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a contract's declared types are read and compared with a query's, on a real DuckDB. */
class ContractCheckTest {

  @TempDir
  Path dir;

  private static Contract contract(boolean aliasTypes, String... nameTypes) {
    List<Contract.Column> columns = new java.util.ArrayList<>();
    for (int i = 0; i < nameTypes.length; i += 2) {
      columns.add(new Contract.Column(nameTypes[i], nameTypes[i + 1], List.of()));
    }
    return new Contract("m", "models/m.sql", aliasTypes, columns, List.of());
  }

  @Test
  void duckDbResolvesTheDeclaredAliases() throws Exception {
    try (WarehouseFixture db = new WarehouseFixture(dir)) {
      Map<String, String> types = ContractCheck.declaredTypes(db.session, contract(true,
          "a", "int", "b", "int4", "c", "text", "d", "string", "e", "datetime", "f", "numeric",
          "g", "timestamptz", "h", "bool"));
      assertEquals(List.of("INTEGER", "INTEGER", "VARCHAR", "VARCHAR", "TIMESTAMP",
          "DECIMAL(18,3)", "TIMESTAMP WITH TIME ZONE", "BOOLEAN"), List.copyOf(types.values()));
      MdsException unknown = assertThrows(MdsException.class,
          () -> ContractCheck.declaredTypes(db.session, contract(true, "x", "integr")));
      assertTrue(unknown.getMessage().startsWith("models/m.sql: model m: column x has data_type"
          + " 'integr', which DuckDB does not know"), unknown.getMessage());
    }
  }

  @Test
  void sizePrecisionAndScaleAreNotCompared() {
    assertTrue(ContractCheck.sameType("DECIMAL(10,2)", "DECIMAL(18,3)", true));
    assertTrue(ContractCheck.sameType("VARCHAR", "varchar(20)", true));
    assertFalse(ContractCheck.sameType("BIGINT", "INTEGER", true));
    assertFalse(ContractCheck.sameType("TIMESTAMP WITH TIME ZONE", "TIMESTAMP", true));
    assertFalse(ContractCheck.sameType("STRUCT(a INTEGER)", "STRUCT(a BIGINT)", true));
    assertFalse(ContractCheck.sameType("INTEGER", "int", false));
    assertTrue(ContractCheck.sameType("INTEGER", "integer", false));
  }

  @Test
  void eachMissingExtraAndMistypedColumnIsListedOnce() {
    Map<String, String> actual = new LinkedHashMap<>();
    actual.put("ID", "BIGINT");
    actual.put("name", "VARCHAR");
    actual.put("extra", "DATE");
    Map<String, String> declared = new LinkedHashMap<>();
    declared.put("id", "INTEGER");
    declared.put("name", "VARCHAR");
    declared.put("gone", "DOUBLE");
    assertEquals(List.of(
        new ContractCheck.Mismatch("id", "BIGINT", "INTEGER", "data type mismatch"),
        new ContractCheck.Mismatch("gone", "", "DOUBLE", "missing in definition"),
        new ContractCheck.Mismatch("extra", "DATE", "", "missing in contract")),
        ContractCheck.compare(actual, declared, true));
  }
}
