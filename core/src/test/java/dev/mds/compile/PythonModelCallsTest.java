package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mds.graph.RefCall;
import dev.mds.graph.SourceCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scan used where there is no python3: only string-literal calls count. */
class PythonModelCallsTest {

  @Test
  void theScanFindsLiteralRefsSourcesAndConfigInFileOrder() {
    PythonModelCalls calls = PythonModelCalls.scan("models/m.py", """
        def model(dbt, session):
            dbt.config(materialized="incremental", enabled=False, unique_key='id')
            a = dbt.ref("orders")
            b = dbt.ref('other_project', 'customers', v=2)
            c = dbt.source("crm", 'contacts')
            d = dbt.ref(name_in_a_variable)
            return a
        """);

    assertEquals(List.of(new RefCall(Optional.empty(), "orders", "models/m.py", 3),
        new RefCall(Optional.of("other_project"), "customers", "models/m.py", 4)), calls.refs());
    assertEquals(List.of(new SourceCall("crm", "contacts", "models/m.py", 5)), calls.sources());
    assertEquals(Map.of("materialized", "incremental", "enabled", false, "unique_key", "id"),
        calls.config());
  }
}
