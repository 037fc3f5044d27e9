package ferry.cloudformation.template;

import org.jspecify.annotations.Nullable;

/** The region's stack exports, by name, for {@code Fn::ImportValue}. */
public interface ExportLookup {
  /** The exported value; null when no stack exports the name. */
  @Nullable String value(String exportName);

  ExportLookup NONE = name -> null;
}
