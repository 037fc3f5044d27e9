package ferry.cloudformation;

/** An output a stack exports, by its name, unique in the account and region. */
public record StackExport(String name, String value, String exportingStackId) {}
