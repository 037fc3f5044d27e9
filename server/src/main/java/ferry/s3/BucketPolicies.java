package ferry.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.authz.ResourcePolicy;
import ferry.aws.AccountId;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * What Block Public Access needs to know of a bucket policy: whether it is public, i.e. allows
 * everyone ({@code "Principal": "*"}) without a condition that narrows who.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status">The
 *     meaning of "public"</a>
 */
public final class BucketPolicies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BucketPolicies() {}

  /**
   * The bucket policy as the authorizer weighs it for a caller of {@code callerAccount} (null for
   * an anonymous caller or a service): none when the bucket has none, or when RestrictPublicBuckets
   * keeps a public policy from serving anyone outside the bucket owner's account.
   */
  public static @Nullable ResourcePolicy resourcePolicy(
      Bucket bucket, @Nullable AccountId callerAccount) {
    String document = bucket.policy();
    if (document == null) {
      return null;
    }
    if (bucket.effectivePublicAccessBlock().restrictPublicBuckets()
        && isPublic(document)
        && !bucket.owner().equals(callerAccount)) {
      return null;
    }
    return new ResourcePolicy(
        "bucket policy of " + bucket.name(), document, ResourcePolicy.Kind.BUCKET_POLICY);
  }

  static boolean isPublic(String document) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (IOException e) {
      return false;
    }
    JsonNode statements = root.path("Statement");
    if (statements.isObject()) {
      return isPublicStatement(statements);
    }
    for (JsonNode statement : statements) {
      if (isPublicStatement(statement)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPublicStatement(JsonNode statement) {
    if (!"Allow".equals(statement.path("Effect").asText())) {
      return false;
    }
    JsonNode condition = statement.path("Condition");
    if (condition.isObject() && condition.size() > 0) {
      return false;
    }
    JsonNode principal = statement.path("Principal");
    if (principal.isTextual()) {
      return principal.asText().equals("*");
    }
    JsonNode aws = principal.path("AWS");
    if (aws.isTextual()) {
      return aws.asText().equals("*");
    }
    for (JsonNode value : aws) {
      if (value.asText().equals("*")) {
        return true;
      }
    }
    return false;
  }
}
