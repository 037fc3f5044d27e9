package ferry.cloudformation.template;

/** Everything a template's functions may read while a stack is created or updated. */
public record EvaluationContext(
    PseudoParameters pseudo,
    ResolvedParameters parameters,
    ResourceLookup resources,
    ExportLookup exports) {}
