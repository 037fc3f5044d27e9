package ferry.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled, immutable policy document of one {@link PolicyKind}; made by {@link PolicyParser}.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html">
 *     Policy grammar</a>
 */
public final class Policy {
  private final PolicyKind kind;
  private final String text;
  private final @Nullable String version;
  private final @Nullable String id;
  private final List<Statement> statements;
  private final int size;

  Policy(
      PolicyKind kind,
      String text,
      @Nullable String version,
      @Nullable String id,
      List<Statement> statements,
      int size) {
    this.kind = kind;
    this.text = text;
    this.version = version;
    this.id = id;
    this.statements = List.copyOf(statements);
    this.size = size;
  }

  public PolicyKind kind() {
    return kind;
  }

  /** The document as it was given. */
  public String text() {
    return text;
  }

  /** The {@code Version}, or null when the document has none. */
  public @Nullable String version() {
    return version;
  }

  /** Whether policy variables are on: only in {@code 2012-10-17} documents. */
  public boolean variablesEnabled() {
    return "2012-10-17".equals(version);
  }

  public @Nullable String id() {
    return id;
  }

  public List<Statement> statements() {
    return statements;
  }

  /** The document's size as AWS counts it: characters other than whitespace. */
  public int size() {
    return size;
  }

  @Override
  public String toString() {
    return kind.description() + " " + text;
  }
}
