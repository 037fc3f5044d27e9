package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The guide's dev and prod stacks, read, validated, ordered and resolved end to end. */
class GuideTemplatesTest {
  static final Map<String, Set<String>> ATTRIBUTES =
      Map.of(
          "AWS::S3::Bucket", Set.of("Arn", "DomainName", "RegionalDomainName", "WebsiteURL"),
          "AWS::S3::BucketPolicy", Set.of(),
          "AWS::KMS::Key", Set.of("Arn", "KeyId"),
          "AWS::KMS::Alias", Set.of(),
          "AWS::IAM::Role", Set.of("Arn", "RoleId"),
          "AWS::CodePipeline::Pipeline", Set.of("Version"));
  static final String DEV = "111111111111";
  static final String PROD = "222222222222";

  private static EvaluationContext context(
      String account, String stack, ResolvedParameters parameters, ResourceLookup resources) {
    return new EvaluationContext(
        new PseudoParameters(
            account,
            "us-east-1",
            stack,
            "arn:aws:cloudformation:us-east-1:" + account + ":stack/" + stack + "/0f1e",
            List.of()),
        parameters,
        resources,
        ExportLookup.NONE);
  }

  @Test
  void devStack_validatesAndCreatesInDependencyOrder() {
    Template dev = GuideTemplates.read("dev.yaml");
    DependencyGraph graph = TemplateValidator.validate(dev, ATTRIBUTES);
    assertThat(graph.creationWaves())
        .containsExactly(
            List.of("InputBucket", "ArtifactBucket"),
            List.of("ArtifactBucketPolicy", "PipelineRole"),
            List.of("DeployKey"),
            List.of("DeployKeyAlias", "Pipeline"));
    assertThat(graph.dependencies("Pipeline"))
        .containsExactlyInAnyOrder(
            "ArtifactBucketPolicy", "PipelineRole", "ArtifactBucket", "DeployKey", "InputBucket");
    assertThat(graph.deletionWaves().get(0)).containsExactly("DeployKeyAlias", "Pipeline");
    assertThat(dev.resource("ArtifactBucket").deletionPolicy())
        .isEqualTo(ResourceDeclaration.DeletionPolicy.Retain);

    TemplateSummary summary = TemplateSummary.of(dev);
    assertThat(summary.capabilities()).containsExactly("CAPABILITY_NAMED_IAM");
    assertThat(summary.capabilitiesReason())
        .isEqualTo("The following resource(s) require capabilities: [AWS::IAM::Role]");
    assertThat(summary.resourceTypes())
        .containsExactly(
            "AWS::S3::Bucket",
            "AWS::S3::BucketPolicy",
            "AWS::KMS::Key",
            "AWS::KMS::Alias",
            "AWS::IAM::Role",
            "AWS::CodePipeline::Pipeline");
  }

  @Test
  void devStack_resolvesThePipelineAndKeyPolicyFromWhatWasCreated() {
    Template dev = GuideTemplates.read("dev.yaml");
    ResolvedParameters parameters =
        ParameterResolver.resolve(dev, Map.of("ProdAccountId", PROD), SsmParameterValues.NONE);
    ProvisionedResources created =
        new ProvisionedResources()
            .with(
                "InputBucket",
                "codepipeline-input-bucket",
                "Arn",
                "arn:aws:s3:::codepipeline-input-bucket")
            .with(
                "ArtifactBucket",
                "codepipeline-us-east-1-" + DEV,
                "Arn",
                "arn:aws:s3:::codepipeline-us-east-1-" + DEV)
            .with(
                "PipelineRole",
                "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
                "Arn",
                "arn:aws:iam::"
                    + DEV
                    + ":role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy")
            .with("ArtifactBucketPolicy", "codepipeline-us-east-1-" + DEV)
            .with(
                "DeployKey",
                "0a1b2c3d",
                "Arn",
                "arn:aws:kms:us-east-1:" + DEV + ":key/0a1b2c3d",
                "KeyId",
                "0a1b2c3d");
    Evaluator evaluator = new Evaluator(dev, context(DEV, "dev", parameters, created));

    assertThat(evaluator.properties("ArtifactBucket").get("BucketName").asText())
        .isEqualTo("codepipeline-us-east-1-" + DEV);
    ObjectNode policy = evaluator.properties("ArtifactBucketPolicy");
    assertThat(policy.get("Bucket").asText()).isEqualTo("codepipeline-us-east-1-" + DEV);
    assertThat(policy.at("/PolicyDocument/Statement/0/Principal/AWS").asText())
        .isEqualTo("arn:aws:iam::" + PROD + ":root");
    assertThat(policy.at("/PolicyDocument/Statement/0/Resource").asText())
        .isEqualTo("arn:aws:s3:::codepipeline-us-east-1-" + DEV + "/*");

    JsonNode keyUsers =
        evaluator.properties("DeployKey").at("/KeyPolicy/Statement/1/Principal/AWS");
    assertThat(keyUsers.toString())
        .isEqualTo(
            "[\"arn:aws:iam::"
                + PROD
                + ":root\",\"arn:aws:iam::"
                + DEV
                + ":role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy\"]");
    assertThat(evaluator.properties("DeployKey").get("EnableKeyRotation").booleanValue()).isTrue();
    assertThat(evaluator.properties("DeployKeyAlias").toString())
        .isEqualTo("{\"AliasName\":\"alias/s3deploykey\",\"TargetKeyId\":\"0a1b2c3d\"}");

    ObjectNode role = evaluator.properties("PipelineRole");
    assertThat(role.get("RoleName").asText())
        .isEqualTo("AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy");
    assertThat(role.at("/Policies/1/PolicyDocument/Statement/Resource/0").asText())
        .isEqualTo("arn:aws:iam::" + PROD + ":role/prods3role");

    ObjectNode pipeline = evaluator.properties("Pipeline");
    assertThat(pipeline.get("RoleArn").asText())
        .endsWith(":role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy");
    assertThat(pipeline.get("ArtifactStore").toString())
        .isEqualTo(
            "{\"Type\":\"S3\",\"Location\":\"codepipeline-us-east-1-"
                + DEV
                + "\",\"EncryptionKey\":{\"Id\":\"arn:aws:kms:us-east-1:"
                + DEV
                + ":key/0a1b2c3d\",\"Type\":\"KMS\"}}");
    assertThat(pipeline.at("/Stages/0/Actions/0/Configuration").toString())
        .isEqualTo(
            "{\"S3Bucket\":\"codepipeline-input-bucket\",\"S3ObjectKey\":\"sample-website.zip\","
                + "\"PollForSourceChanges\":false}");
    JsonNode deploy = pipeline.at("/Stages/1/Actions/0");
    assertThat(deploy.get("RoleArn").asText())
        .isEqualTo("arn:aws:iam::" + PROD + ":role/prods3role");
    assertThat(deploy.get("Region").asText()).isEqualTo("us-east-1");
    assertThat(deploy.get("Configuration").toString())
        .isEqualTo("{\"BucketName\":\"codepipeline-output-bucket\",\"Extract\":\"true\"}");

    assertThat(evaluator.outputs())
        .containsExactly(
            new ResolvedOutput(
                "ArtifactBucketName",
                "codepipeline-us-east-1-" + DEV,
                "The pipeline's artifact bucket, which the production role reads",
                "dev-ArtifactBucket"),
            new ResolvedOutput(
                "DeployKeyArn",
                "arn:aws:kms:us-east-1:" + DEV + ":key/0a1b2c3d",
                null,
                "dev-DeployKeyArn"),
            new ResolvedOutput(
                "PipelineRoleArn",
                "arn:aws:iam::"
                    + DEV
                    + ":role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
                null,
                null));
  }

  @Test
  void devStack_refusesAProdAccountThatIsNotAnAccountId() {
    Template dev = GuideTemplates.read("dev.yaml");
    assertThatThrownBy(() ->
            ParameterResolver.resolve(
                dev, Map.of("ProdAccountId", "prod"), SsmParameterValues.NONE))
        .isInstanceOf(AwsException.class)
        .hasMessage(
            "Parameter ProdAccountId failed to satisfy constraint: must be a 12-digit AWS account"
                + " id");
    assertThatThrownBy(() -> ParameterResolver.resolve(dev, Map.of(), SsmParameterValues.NONE))
        .isInstanceOf(AwsException.class)
        .hasMessage("Parameters: [ProdAccountId] must have values");
  }

  @Test
  void prodStack_inJsonAndYaml_resolvesTheRoleWithAndWithoutTheDevKey() {
    for (String name : List.of("prod.yaml", "prod.json")) {
      Template prod = GuideTemplates.read(name);
      DependencyGraph graph = TemplateValidator.validate(prod, ATTRIBUTES);
      assertThat(graph.creationWaves())
          .containsExactly(List.of("OutputBucket"), List.of("ProdS3Role"));
      ProvisionedResources created =
          new ProvisionedResources()
              .with(
                  "OutputBucket",
                  "codepipeline-output-bucket",
                  "Arn",
                  "arn:aws:s3:::codepipeline-output-bucket")
              .with("ProdS3Role", "prods3role", "Arn", "arn:aws:iam::" + PROD + ":role/prods3role");

      String keyArn = "arn:aws:kms:us-east-1:" + DEV + ":key/0a1b2c3d";
      Map<String, String> withKey =
          Map.of(
              "DevAccountId", DEV,
              "DevArtifactBucketName", "codepipeline-us-east-1-" + DEV,
              "DevKmsKeyArn", keyArn);
      Evaluator evaluator =
          new Evaluator(
              prod,
              context(
                  PROD,
                  "prod",
                  ParameterResolver.resolve(prod, withKey, SsmParameterValues.NONE),
                  created));
      ObjectNode role = evaluator.properties("ProdS3Role");
      assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/AWS/0").asText())
          .isEqualTo(
              "arn:aws:iam::"
                  + DEV
                  + ":role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy");
      assertThat(role.at("/Policies/0/PolicyDocument/Statement/0/Resource/0").asText())
          .isEqualTo("arn:aws:s3:::codepipeline-output-bucket/*");
      JsonNode devAccess = role.at("/Policies/1/PolicyDocument/Statement");
      assertThat(devAccess).hasSize(3);
      assertThat(devAccess.at("/0/Resource/0").asText()).isEqualTo(keyArn);
      assertThat(devAccess.at("/1/Resource/0").asText())
          .isEqualTo("arn:aws:s3:::codepipeline-us-east-1-" + DEV + "/*");
      assertThat(evaluator.outputs().get(0))
          .isEqualTo(
              new ResolvedOutput(
                  "ProdS3RoleArn",
                  "arn:aws:iam::" + PROD + ":role/prods3role",
                  "The role the dev pipeline's deploy action assumes",
                  "prod-ProdS3RoleArn"));

      Map<String, String> withoutKey =
          Map.of("DevAccountId", DEV, "DevArtifactBucketName", "codepipeline-us-east-1-" + DEV);
      Evaluator noKey =
          new Evaluator(
              prod,
              context(
                  PROD,
                  "prod",
                  ParameterResolver.resolve(prod, withoutKey, SsmParameterValues.NONE),
                  created));
      assertThat(noKey.conditions()).containsExactly(Map.entry("HasDevKey", false));
      JsonNode statements =
          noKey.properties("ProdS3Role").at("/Policies/1/PolicyDocument/Statement");
      assertThat(statements).hasSize(2);
      assertThat(statements.at("/0/Action/0").asText()).isEqualTo("s3:Get*");
    }
  }

  @Test
  void prodStack_withoutItsBucket_isRefused() {
    String body =
        GuideTemplates.text("prod.yaml")
            .replace(
                "  OutputBucket:\n    Type: AWS::S3::Bucket\n",
                "  OutputBuckets:\n    Type: AWS::S3::Bucket\n");
    Template prod = TemplateReader.read(body);
    assertThatThrownBy(() -> TemplateValidator.validate(prod, ATTRIBUTES))
        .isInstanceOf(AwsException.class)
        .hasMessage(
            "Template error: instance of Fn::GetAtt references undefined resource OutputBucket");
    Template output = TemplateReader.read(body.replace("!GetAtt OutputBucket.Arn", "x"));
    assertThatThrownBy(() -> TemplateValidator.validate(output, ATTRIBUTES))
        .isInstanceOf(AwsException.class)
        .hasMessage(
            "Template format error: Unresolved resource dependencies [OutputBucket] in the"
                + " Resources block of the template");
  }
}
