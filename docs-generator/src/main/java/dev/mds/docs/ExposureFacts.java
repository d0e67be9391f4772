package dev.mds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an exposure's page says about it: type, maturity, owner and where to open it. */
final class ExposureFacts {

  private ExposureFacts() {
  }

  static void add(JsonNode exposure, List<Fact> facts) {
    facts.add(Fact.of("Type", exposure.path("type").asText()));
    String maturity = exposure.path("maturity").asText("");
    if (!maturity.isBlank()) {
      facts.add(Fact.of("Maturity", maturity));
    }
    owner(exposure).ifPresent(owner -> facts.add(Fact.of("Owner", owner)));
  }

  /** "Ann Smith <ann@example.com>", or whichever of the two is given. */
  static Optional<String> owner(JsonNode exposure) {
    String name = exposure.path("owner").path("name").asText("").strip();
    String email = exposure.path("owner").path("email").asText("").strip();
    if (name.isEmpty() && email.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(name.isEmpty() ? email : email.isEmpty() ? name
        : name + " <" + email + ">");
  }

  /**
   * The exposure's url when it is a web address; anything else (a {@code javascript:} link) is
   * not made a link.
   */
  static String url(JsonNode exposure) {
    String url = exposure.path("url").asText("").strip();
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? url : "";
  }
}
