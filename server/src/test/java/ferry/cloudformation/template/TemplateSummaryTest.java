package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateSummaryTest {

  @Test
  void iamResourcesWithoutNamesNeedCapabilityIam() {
    TemplateSummary summary =
        TemplateSummary.of(
            TemplateReader.read(
                """
                Description: roles
                Resources:
                  Role: {Type: AWS::IAM::Role}
                  Policy: {Type: AWS::IAM::Policy, Properties: {PolicyName: inline}}
                  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: named}}
                """));
    assertThat(summary.capabilities()).containsExactly("CAPABILITY_IAM");
    assertThat(summary.capabilitiesReason())
        .isEqualTo(
            "The following resource(s) require capabilities: [AWS::IAM::Role, AWS::IAM::Policy]");
    assertThat(summary.resourceTypes())
        .containsExactly("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::S3::Bucket");
    assertThat(summary.description()).isEqualTo("roles");
    assertThat(summary.declaredTransforms()).isEmpty();
  }

  @Test
  void aNamedIamResourceNeedsCapabilityNamedIam() {
    TemplateSummary summary =
        TemplateSummary.of(
            TemplateReader.read(
                """
                Resources:
                  Role: {Type: AWS::IAM::Role, Properties: {RoleName: prods3role}}
                  User: {Type: AWS::IAM::User}
                """));
    assertThat(summary.capabilities()).containsExactly("CAPABILITY_NAMED_IAM");
    assertThat(summary.capabilitiesReason())
        .isEqualTo(
            "The following resource(s) require capabilities: [AWS::IAM::Role, AWS::IAM::User]");
  }

  @Test
  void noIamResourcesNeedNoCapability() {
    TemplateSummary summary =
        TemplateSummary.of(
            TemplateReader.read(
                """
                Transform: AWS::LanguageExtensions
                Parameters:
                  Name: {Type: String, Default: x, Description: the name, NoEcho: true}
                Resources:
                  Bucket: {Type: AWS::S3::Bucket}
                  Other: {Type: AWS::S3::Bucket}
                """));
    assertThat(summary.capabilities()).isEmpty();
    assertThat(summary.capabilitiesReason()).isNull();
    assertThat(summary.resourceTypes()).containsExactly("AWS::S3::Bucket");
    assertThat(summary.declaredTransforms()).containsExactly("AWS::LanguageExtensions");
    ParameterDeclaration name = summary.parameters().get(0);
    assertThat(name.name()).isEqualTo("Name");
    assertThat(name.type()).isEqualTo("String");
    assertThat(name.defaultValue()).isEqualTo("x");
    assertThat(name.description()).isEqualTo("the name");
    assertThat(name.noEcho()).isTrue();
  }
}
