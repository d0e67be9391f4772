package dev.mds.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NavTreeTest {

  @Test
  void namesSortTheWayPeopleCount() {
    List<String> names = new ArrayList<>(List.of("m10", "m2", "M1", "m100", "m02b", "m02a",
        "stg_orders", "stg_Customers", "m1"));

    names.sort(NavTree::naturally);

    assertEquals(List.of("M1", "m1", "m2", "m02a", "m02b", "m10", "m100", "stg_Customers",
        "stg_orders"), names);
  }
}
