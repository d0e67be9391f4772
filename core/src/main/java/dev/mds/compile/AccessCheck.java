package dev.mds.compile;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.RefCall;
import dev.mds.graph.SemanticLayer;
import dev.mds.graph.SemanticResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * dbt's model governance: a model's {@code group} must be a declared group, its {@code access} one
 * of private, protected (the default) or public, a private model must belong to a group, and only
 * models of that group may {@code ref} it.
 */
final class AccessCheck {

  static final Set<String> LEVELS = Set.of("private", "protected", "public");

  private AccessCheck() {
  }

  /** The model's access level, {@code protected} unless set. */
  static String access(Node node) {
    return node.config().string("access").map(String::trim).orElse("protected");
  }

  static Optional<String> group(Node node) {
    return node.config().string("group").map(String::trim).filter(g -> !g.isEmpty());
  }

  /** Adds an error, naming the file, for each rule a model breaks. */
  static void check(List<Node> nodes, Map<String, Node> byName, SemanticLayer layer,
      List<MdsException> errors) {
    List<String> groupNames = layer.groups().stream().map(SemanticResource::name).toList();
    for (Node node : nodes) {
      if (!(node instanceof Model model)) {
        continue;
      }
      String access = access(model);
      if (!LEVELS.contains(access)) {
        errors.add(MdsException.at(model.file(), "model '" + model.name() + "' has access '"
            + access + "'; use private, protected or public"));
      }
      Optional<String> group = group(model);
      if (group.isPresent() && !groupNames.contains(group.get())) {
        errors.add(MdsException.at(model.file(), "model '" + model.name() + "' is in group '"
            + group.get() + "', which is not declared (groups: " + groupNames + ")"
            + ClosestName.hint(group.get(), groupNames)));
      }
      if (access.equals("private") && group.isEmpty()) {
        errors.add(MdsException.at(model.file(), "model '" + model.name() + "' has access:"
            + " private but no group; a private model must belong to a group"));
      }
      for (RefCall ref : model.refs()) {
        Node target = VersionedRefs.resolve(byName, ref.name());
        if (target == null || !access(target).equals("private")) {
          continue;
        }
        Optional<String> owner = group(target);
        if (!owner.equals(group)) {
          String where = ref.line() > 0 ? ref.file() + ":" + ref.line() : ref.file();
          errors.add(MdsException.at(where, "model '" + model.name() + "' refers to ref('"
              + ref.name() + "'), which is not allowed: '" + target.name()
              + "' is private to the '" + owner.orElse("") + "' group"
              + group.map(g -> " and '" + model.name() + "' is in group '" + g + "'")
                  .orElse(" and '" + model.name() + "' is in no group")
              + " (make it protected or public, or move the model into the group)"));
        }
      }
    }
  }
}
