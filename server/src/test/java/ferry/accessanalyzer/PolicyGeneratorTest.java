package ferry.accessanalyzer;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.accessanalyzer.PolicyGenerator.Use;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyGeneratorTest {
  private static final String KEY =
      "arn:aws:kms:us-east-1:111111111111:key/0b2f6a0e-1111-2222-3333-444455556666";

  @Test
  void noUses_generateNoPolicy() {
    assertThat(PolicyGenerator.generate(List.of())).isNull();
  }

  @Test
  void actionsOnTheSameResources_shareOneStatement_sortedAndDeduplicated() {
    var policy =
        PolicyGenerator.generate(
            List.of(
                new Use("s3:PutObject", "arn:aws:s3:::out/index.html", null),
                new Use("s3:PutObjectAcl", "arn:aws:s3:::out/index.html", null),
                new Use("s3:PutObject", "arn:aws:s3:::out/index.html", null),
                new Use("kms:Decrypt", KEY, "s3.amazonaws.com"),
                new Use("s3:GetObject", "arn:aws:s3:::in/site.zip", null)));
    assertThat(policy.toString())
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"KmsAccess\",\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\"],"
                + "\"Resource\":[\""
                + KEY
                + "\"]},"
                + "{\"Sid\":\"S3Access1\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],"
                + "\"Resource\":[\"arn:aws:s3:::in/site.zip\"]},"
                + "{\"Sid\":\"S3Access2\",\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:PutObject\",\"s3:PutObjectAcl\"],"
                + "\"Resource\":[\"arn:aws:s3:::out/index.html\"]}]}");
  }

  @Test
  void anActionOnSeveralResources_listsThemAll_andKeepsActionsWithOtherResourcesApart() {
    var policy =
        PolicyGenerator.generate(
            List.of(
                new Use("s3:PutObject", "arn:aws:s3:::out/b.html", null),
                new Use("s3:PutObject", "arn:aws:s3:::out/a.html", null),
                new Use("s3:PutObjectAcl", "arn:aws:s3:::out/a.html", null)));
    var statements = policy.get("Statement");
    assertThat(statements).hasSize(2);
    assertThat(statements.get(0).get("Action").toString()).isEqualTo("[\"s3:PutObject\"]");
    assertThat(statements.get(0).get("Resource").toString())
        .isEqualTo("[\"arn:aws:s3:::out/a.html\",\"arn:aws:s3:::out/b.html\"]");
    assertThat(statements.get(1).get("Action").toString()).isEqualTo("[\"s3:PutObjectAcl\"]");
  }

  @Test
  void artifactKeysCodePipelineChose_becomeAWildcardUnderThePipeline() {
    assertThat(
            PolicyGenerator.resourcePattern(
                new Use(
                    "s3:GetObject",
                    "arn:aws:s3:::artifacts/crossaccountdeploy/SourceArti/Ab3dE9x",
                    "codepipeline.amazonaws.com")))
        .isEqualTo("arn:aws:s3:::artifacts/crossaccountdeploy/*");
  }

  @Test
  void keysAClientChose_stayExact_evenWhenTheyLookGenerated() {
    String key = "arn:aws:s3:::artifacts/crossaccountdeploy/SourceArti/Ab3dE9x";
    assertThat(PolicyGenerator.resourcePattern(new Use("s3:GetObject", key, null))).isEqualTo(key);
    String named = "arn:aws:s3:::out/index.html";
    assertThat(
            PolicyGenerator.resourcePattern(
                new Use("s3:PutObject", named, "codepipeline.amazonaws.com")))
        .isEqualTo(named);
  }

  @Test
  void actionsWithoutAResource_areAllowedOnStar() {
    var policy = PolicyGenerator.generate(List.of(new Use("s3:ListAllMyBuckets", "*", null)));
    assertThat(policy.get("Statement").get(0).get("Resource").toString()).isEqualTo("[\"*\"]");
  }
}
