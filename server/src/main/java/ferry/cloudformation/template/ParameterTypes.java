package ferry.cloudformation.template;

import java.util.Set;

/**
 * The parameter types CloudFormation knows: its own, the AWS-specific ones and those read from SSM
 * Parameter Store.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties-type">Parameter
 *     types</a>
 */
public final class ParameterTypes {
  static final String SSM_PREFIX = "AWS::SSM::Parameter::Value<";
  private static final Set<String> AWS_SPECIFIC =
      Set.of(
          "AWS::EC2::AvailabilityZone::Name",
          "AWS::EC2::Image::Id",
          "AWS::EC2::Instance::Id",
          "AWS::EC2::KeyPair::KeyName",
          "AWS::EC2::SecurityGroup::GroupName",
          "AWS::EC2::SecurityGroup::Id",
          "AWS::EC2::Subnet::Id",
          "AWS::EC2::Volume::Id",
          "AWS::EC2::VPC::Id",
          "AWS::Route53::HostedZone::Id");

  private ParameterTypes() {}

  public static boolean isKnown(String type) {
    if (isSsm(type)) {
      String inner = ssmValueType(type);
      return inner.equals("String") || inner.equals("List<String>") || isKnown(inner);
    }
    return switch (type) {
      case "String", "Number", "List<Number>", "CommaDelimitedList", "AWS::SSM::Parameter::Name" ->
          true;
      default ->
          AWS_SPECIFIC.contains(type) || isListOf(type) && AWS_SPECIFIC.contains(element(type));
    };
  }

  /** Whether a value of the type is a list (given as comma-separated text). */
  public static boolean isList(String type) {
    return isSsm(type)
        ? isList(ssmValueType(type))
        : isListOf(type) || type.equals("CommaDelimitedList");
  }

  public static boolean isSsm(String type) {
    return type.startsWith(SSM_PREFIX) && type.endsWith(">");
  }

  /** {@code AWS::SSM::Parameter::Value<List<String>>} → {@code List<String>}. */
  static String ssmValueType(String type) {
    return type.substring(SSM_PREFIX.length(), type.length() - 1);
  }

  static boolean isNumeric(String type) {
    return type.equals("Number") || type.equals("List<Number>");
  }

  private static boolean isListOf(String type) {
    return type.startsWith("List<") && type.endsWith(">");
  }

  private static String element(String type) {
    return type.substring(5, type.length() - 1);
  }
}
