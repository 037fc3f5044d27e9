package ferry.cli.guide;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The seven grants of the guide that {@code ferry demo --break} can leave out, each with where the
 * guide then fails (authorization.md §7.3).
 */
public enum Grant {
  KEY_POLICY_PROD(
      "key-policy-prod",
      "step 1: the prod account under \"Other AWS accounts\" in the key policy of s3deploykey",
      FailurePoint.DEPLOY_ACTION,
      "key policy"),
  CUSTOMER_MANAGED_KEY(
      "customer-managed-key",
      "step 2: the artifact store encrypted with s3deploykey instead of the default aws/s3 key",
      FailurePoint.DEPLOY_ACTION,
      "key policy"),
  ARTIFACT_BUCKET_POLICY(
      "artifact-bucket-policy",
      "step 5: the artifact bucket policy statements that let prod read the artifacts",
      FailurePoint.DEPLOY_ACTION,
      "bucket policy"),
  TRUST_POLICY(
      "trust-policy",
      "step 4: prods3role's trust policy naming dev's pipeline service role",
      FailurePoint.UPDATE_PIPELINE,
      "trust policy"),
  ASSUMEPRODS3ROLE(
      "assumeprods3role",
      "step 6: policy assumeprods3role (sts:AssumeRole on prods3role) on the service role",
      FailurePoint.UPDATE_PIPELINE,
      "identity-based policy"),
  OUTPUTBUCKETDEPLOYACCESS(
      "outputbucketdeployaccess",
      "step 4: policy outputbucketdeployaccess (s3:Put* on the output bucket) on prods3role",
      FailurePoint.DEPLOY_ACTION,
      "identity-based policy"),
  DEVKMSS3ACCESS(
      "devkmss3access",
      "step 4: policy devkmss3access (the dev key, the artifact bucket) on prods3role",
      FailurePoint.DEPLOY_ACTION,
      "identity-based policy");

  /** Where the guide stops when a grant is missing. */
  public enum FailurePoint {
    /** Step 7: UpdatePipeline checks that the service role may assume the action role. */
    UPDATE_PIPELINE("step 7, update-pipeline"),
    /** Step 8: the Deploy action of the run the upload starts. */
    DEPLOY_ACTION("step 8, the Deploy action");

    private final String words;

    FailurePoint(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  private final String cliName;
  private final String description;
  private final FailurePoint failurePoint;
  private final String policyWords;

  Grant(String cliName, String description, FailurePoint failurePoint, String policyWords) {
    this.cliName = cliName;
    this.description = description;
    this.failurePoint = failurePoint;
    this.policyWords = policyWords;
  }

  /** The name {@code --break} takes, e.g. {@code devkmss3access}. */
  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  public FailurePoint failurePoint() {
    return failurePoint;
  }

  /** The kind of policy the explanation names as the missing grant, e.g. {@code bucket policy}. */
  public String policyWords() {
    return policyWords;
  }

  public static Grant fromCliName(String name) {
    return Arrays.stream(values())
        .filter(grant -> grant.cliName.equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException("unknown grant '" + name + "'; one of: " + cliNames()));
  }

  public static String cliNames() {
    return Arrays.stream(values()).map(Grant::cliName).collect(Collectors.joining(", "));
  }
}
