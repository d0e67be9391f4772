package dev.mds.compile;

import dev.mds.graph.Manifest;
import dev.mds.project.Project;
import dev.mds.schema.SchemaSpecs;
import dev.mds.template.TemplateEngine;
import java.util.List;

/** A parsed project: the manifest plus what later passes need to render its nodes. */
public record ParseResult(Project project, TemplateEngine templates, SchemaSpecs schema,
    Manifest manifest, List<String> warnings) {
}
