package ferry.kms;

import ferry.aws.AccountId;
import ferry.aws.Region;

/**
 * The key policies KMS writes itself: the default policy of CreateKey without {@code Policy}, and
 * the policy of an AWS managed key such as {@code aws/s3}.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html">
 *     Default key policy</a>
 */
public final class KeyPolicies {
  /** The only policy name a key has. */
  public static final String POLICY_NAME = "default";

  private KeyPolicies() {}

  /** One statement: the account's root, which delegates every KMS action to the account's IAM. */
  public static String defaultPolicy(AccountId account) {
    return """
    {
      "Version" : "2012-10-17",
      "Id" : "key-default-1",
      "Statement" : [ {
        "Sid" : "Enable IAM User Permissions",
        "Effect" : "Allow",
        "Principal" : {
          "AWS" : "%s"
        },
        "Action" : "kms:*",
        "Resource" : "*"
      } ]
    }\
    """
        .formatted(account.rootArn());
  }

  /**
   * The policy of {@code alias/aws/<service>}: any principal of the account may use the key, but
   * only through that service; the account may read the key's metadata. Another account can never
   * meet {@code kms:CallerAccount}.
   */
  public static String awsManagedPolicy(AccountId account, Region region, String service) {
    return """
    {
      "Version" : "2012-10-17",
      "Id" : "auto-%1$s-2",
      "Statement" : [ {
        "Sid" : "Allow access through %4$s for all principals in the account that are \
    authorized to use %4$s",
        "Effect" : "Allow",
        "Principal" : {
          "AWS" : "*"
        },
        "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", \
    "kms:DescribeKey" ],
        "Resource" : "*",
        "Condition" : {
          "StringEquals" : {
            "kms:CallerAccount" : "%2$s",
            "kms:ViaService" : "%1$s.%3$s.amazonaws.com"
          }
        }
      }, {
        "Sid" : "Allow direct access to key metadata to the account",
        "Effect" : "Allow",
        "Principal" : {
          "AWS" : "arn:aws:iam::%2$s:root"
        },
        "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*" ],
        "Resource" : "*"
      } ]
    }\
    """
        .formatted(service, account.value(), region.name(), displayName(service));
  }

  private static String displayName(String service) {
    return service.equals("s3") ? "S3" : service;
  }
}
