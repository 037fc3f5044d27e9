package ferry.cloudformation.template;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import java.util.Collection;

/**
 * The template errors CloudFormation answers with {@code ValidationError}, with AWS's messages.
 *
 * @see <a href="https://repost.aws/knowledge-center/cloudformation-template-validation">Template
 *     validation errors</a>
 */
public final class TemplateErrors {
  private TemplateErrors() {}

  public static AwsException validation(String message) {
    return new AwsException(ErrorCode.sender("ValidationError", 400), message);
  }

  /** A template the structure of which is wrong: {@code Template format error: …}. */
  public static AwsException format(String message) {
    return validation("Template format error: " + message);
  }

  /** A template whose functions cannot be evaluated: {@code Template error: …}. */
  public static AwsException template(String message) {
    return validation("Template error: " + message);
  }

  public static AwsException jsonNotWellFormed(long line, long column) {
    return format("JSON not well-formed. (line " + line + ", column " + column + ")");
  }

  public static AwsException yamlNotWellFormed(long line, long column) {
    return format("YAML not well-formed. (line " + line + ", column " + column + ")");
  }

  public static AwsException unresolvedDependencies(Collection<String> names, String block) {
    return format(
        "Unresolved resource dependencies "
            + list(names)
            + " in the "
            + block
            + " block of the template");
  }

  public static AwsException circularDependency(Collection<String> names) {
    return validation("Circular dependency between resources: " + list(names));
  }

  public static AwsException unrecognizedResourceTypes(Collection<String> types) {
    return format("Unrecognized resource types: " + list(types));
  }

  static String list(Collection<String> names) {
    return "[" + String.join(", ", names) + "]";
  }
}
