package dev.mds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void onlyThePrefixedNamesAreSecrets() {
    assertTrue(Secrets.isSecret("DBT_ENV_SECRET_TOKEN"));
    assertTrue(Secrets.isSecret("MDS_ENV_SECRET_TOKEN"));
    assertFalse(Secrets.isSecret("DBT_ENV_TOKEN"));
    assertFalse(Secrets.isSecret("dbt_env_secret_token"));
    assertFalse(Secrets.isSecret("MY_DBT_ENV_SECRET_TOKEN"));
  }

  @Test
  void blankValuesAreNotMaskedAndALongerSecretIsMaskedWhole() {
    List<String> values = Secrets.valuesOf(Map.of("DBT_ENV_SECRET_A", "abc",
        "DBT_ENV_SECRET_B", "xxabcxx", "DBT_ENV_SECRET_C", "  ", "PLAIN", "visible"));

    assertEquals(List.of("xxabcxx", "abc"), values);
    assertEquals("key=***** and *****, visible", Secrets.scrub("key=xxabcxx and abc, visible",
        values));
    assertNull(Secrets.scrub(null, values));
  }
}
