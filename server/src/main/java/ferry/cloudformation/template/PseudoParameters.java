package ferry.cloudformation.template;

import java.util.List;

/**
 * The values of the pseudo parameters ({@code AWS::AccountId}, {@code AWS::Region} …) for one
 * stack.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html">Pseudo
 *     parameters</a>
 */
public record PseudoParameters(
    String accountId,
    String region,
    String stackName,
    String stackId,
    List<String> notificationArns) {

  public PseudoParameters {
    notificationArns = List.copyOf(notificationArns);
  }

  public String partition() {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  public String urlSuffix() {
    return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  }

  /** Whether {@code name} is a pseudo parameter's name (including {@code AWS::NoValue}). */
  public static boolean isPseudo(String name) {
    return switch (name) {
      case "AWS::AccountId",
          "AWS::Region",
          "AWS::StackName",
          "AWS::StackId",
          "AWS::Partition",
          "AWS::URLSuffix",
          "AWS::NotificationARNs",
          "AWS::NoValue" ->
          true;
      default -> false;
    };
  }
}
