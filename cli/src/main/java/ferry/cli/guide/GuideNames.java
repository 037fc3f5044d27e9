package ferry.cli.guide;

import ferry.aws.AccountId;

/** The names the guide uses, and the ARNs they make in Ferry's dev and prod accounts. */
public record GuideNames(AccountId dev, AccountId prod) {
  public static final String REGION = "us-east-1";
  public static final String PIPELINE = "crossaccountdeploy";
  public static final String KEY_ALIAS = "alias/s3deploykey";
  public static final String INPUT_BUCKET = "codepipeline-input-bucket";
  public static final String ARTIFACT_BUCKET = "codepipeline-us-east-1-0123456789";
  public static final String OUTPUT_BUCKET = "codepipeline-output-bucket";
  public static final String SOURCE_KEY = "sample-website.zip";
  public static final String SERVICE_ROLE_PATH = "/service-role/";
  public static final String SERVICE_ROLE =
      "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  public static final String SERVICE_ROLE_POLICY =
      "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  public static final String RULE_ROLE = "cwe-role-us-east-1-crossaccountdeploy";
  public static final String RULE = "codepipeline-crossaccountdeploy-Source-rule";
  public static final String PROD_ROLE = "prods3role";
  public static final String ADMIN_USER = "admin";

  public String serviceRoleArn() {
    return "arn:aws:iam::" + dev + ":role/service-role/" + SERVICE_ROLE;
  }

  public String ruleRoleArn() {
    return "arn:aws:iam::" + dev + ":role/service-role/" + RULE_ROLE;
  }

  public String prodRoleArn() {
    return "arn:aws:iam::" + prod + ":role/" + PROD_ROLE;
  }

  public String pipelineArn() {
    return "arn:aws:codepipeline:" + REGION + ":" + dev + ":" + PIPELINE;
  }

  public String keyArn(String keyId) {
    return "arn:aws:kms:" + REGION + ":" + dev + ":key/" + keyId;
  }

  public String policyArn(AccountId account, String name) {
    return "arn:aws:iam::" + account + ":policy/" + name;
  }
}
