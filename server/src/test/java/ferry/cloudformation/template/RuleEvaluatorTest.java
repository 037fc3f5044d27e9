package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
  private static final Template TEMPLATE =
      TemplateReader.read(
          """
          Parameters:
            Env: {Type: String, Default: dev}
            Size: {Type: String, Default: small}
            Zones: {Type: CommaDelimitedList, Default: "us-east-1a,us-east-1b"}
          Rules:
            ProdIsLarge:
              RuleCondition: !Equals [!Ref Env, prod]
              Assertions:
                - Assert: !Equals [!Ref Size, large]
                  AssertDescription: A prod stack must be large
            ZonesInRegion:
              Assertions:
                - Assert:
                    Fn::EachMemberIn: [!Ref Zones, [us-east-1a, us-east-1b, us-east-1c]]
                  AssertDescription: Zones must be in us-east-1
                - Assert: {"Fn::Contains": [[dev, prod], !Ref Env]}
                - Assert: {"Fn::Not": [{"Fn::EachMemberEquals": [!Ref Zones, none]}]}
          Resources:
            R: {Type: T}
          """);

  private static void check(Map<String, String> parameters) {
    ResolvedParameters resolved =
        ParameterResolver.resolve(TEMPLATE, parameters, SsmParameterValues.NONE);
    RuleEvaluator.check(
        TEMPLATE,
        new EvaluationContext(
            EvaluatorTest.PSEUDO, resolved, ResourceLookup.NONE, ExportLookup.NONE));
  }

  @Test
  void passesWhenEveryAssertionHolds() {
    assertThatCode(() -> check(Map.of())).doesNotThrowAnyException();
    assertThatCode(() -> check(Map.of("Env", "prod", "Size", "large"))).doesNotThrowAnyException();
  }

  @Test
  void aRuleWhoseConditionFailsIsNotChecked() {
    assertThatCode(() -> check(Map.of("Env", "dev", "Size", "tiny"))).doesNotThrowAnyException();
  }

  @Test
  void aFailedAssertion_isAValidationErrorWithItsDescription() {
    assertThatThrownBy(() -> check(Map.of("Env", "prod")))
        .isInstanceOf(AwsException.class)
        .hasMessage("A prod stack must be large");
    assertThatThrownBy(() -> check(Map.of("Zones", "us-east-1a,eu-west-1a")))
        .isInstanceOf(AwsException.class)
        .hasMessage("Zones must be in us-east-1");
  }

  @Test
  void aFailedAssertionWithoutDescription_namesTheRule() {
    assertThatThrownBy(() -> check(Map.of("Env", "test")))
        .isInstanceOf(AwsException.class)
        .hasMessage("Template error: assertion of rule ZonesInRegion failed");
  }

  @Test
  void inventoryFunctions_areRefused() {
    Template template =
        TemplateReader.read(
            """
            Rules:
              Vpcs:
                Assertions:
                  - Assert: {"Fn::EachMemberIn": [{"Fn::RefAll": "AWS::EC2::VPC::Id"}, [a]]}
            Resources:
              R: {Type: T}
            """);
    ResolvedParameters none =
        ParameterResolver.resolve(template, Map.of(), SsmParameterValues.NONE);
    assertThatThrownBy(() ->
            RuleEvaluator.check(
                template,
                new EvaluationContext(
                    EvaluatorTest.PSEUDO, none, ResourceLookup.NONE, ExportLookup.NONE)))
        .isInstanceOf(AwsException.class)
        .hasMessage(
            "Ferry does not support Fn::RefAll: it reads the account's EC2 resources, which Ferry"
                + " does not have.");
  }
}
