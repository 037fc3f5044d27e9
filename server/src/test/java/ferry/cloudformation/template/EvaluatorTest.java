package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.aws.AwsException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvaluatorTest {
  static final PseudoParameters PSEUDO =
      new PseudoParameters(
          "111111111111",
          "us-east-1",
          "dev",
          "arn:aws:cloudformation:us-east-1:111111111111:stack/dev/1b2c",
          List.of("arn:aws:sns:us-east-1:111111111111:topic"));
  static final ProvisionedResources RESOURCES =
      new ProvisionedResources()
          .with("Key", "key-1", "Arn", "arn:aws:kms:us-east-1:111111111111:key/key-1")
          .with("Bucket", "dev-bucket", "Arn", "arn:aws:s3:::dev-bucket");
  static final ExportLookup EXPORTS = Map.of("prod-RoleArn", "arn:aws:iam::222:role/r")::get;

  private static final String HEADER =
      """
      Transform: AWS::LanguageExtensions
      Parameters:
        Env: {Type: String, Default: dev}
        Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
        Count: {Type: Number, Default: "2"}
      Mappings:
        Regions:
          us-east-1: {Ami: ami-east, Zones: [x, y]}
      Conditions:
        IsDev: !Equals [!Ref Env, dev]
        IsProd: !Not [!Condition IsDev]
        DevHere: !And [!Condition IsDev, !Equals [!Ref "AWS::Region", us-east-1]]
        Either: !Or [!Condition IsProd, !Equals [a, b], !Condition DevHere]
      """;

  private static Evaluator evaluator(String resources, Map<String, String> parameters) {
    Template template = TemplateReader.read(HEADER + resources);
    ResolvedParameters resolved =
        ParameterResolver.resolve(template, parameters, SsmParameterValues.NONE);
    return new Evaluator(template, new EvaluationContext(PSEUDO, resolved, RESOURCES, EXPORTS));
  }

  private static JsonNode evaluate(String expression) {
    Evaluator evaluator =
        evaluator(
            """
            Resources:
              Key: {Type: AWS::KMS::Key}
              Bucket: {Type: AWS::S3::Bucket}
              User:
                Type: AWS::S3::Bucket
                Properties:
                  P: %s
            """
                .formatted(expression),
            Map.of());
    return evaluator.properties("User").path("P");
  }

  static Stream<Arguments> functions() {
    return Stream.of(
        Arguments.of("!Ref Env", "\"dev\""),
        Arguments.of("!Ref Zones", "[\"a\",\"b\",\"c\"]"),
        Arguments.of("!Ref Count", "\"2\""),
        Arguments.of("!Ref Key", "\"key-1\""),
        Arguments.of("!Ref AWS::AccountId", "\"111111111111\""),
        Arguments.of("!Ref AWS::Region", "\"us-east-1\""),
        Arguments.of("!Ref AWS::StackName", "\"dev\""),
        Arguments.of(
            "!Ref AWS::StackId",
            "\"arn:aws:cloudformation:us-east-1:111111111111:stack/dev/1b2c\""),
        Arguments.of("!Ref AWS::Partition", "\"aws\""),
        Arguments.of("!Ref AWS::URLSuffix", "\"amazonaws.com\""),
        Arguments.of(
            "!Ref AWS::NotificationARNs", "[\"arn:aws:sns:us-east-1:111111111111:topic\"]"),
        Arguments.of("!GetAtt Key.Arn", "\"arn:aws:kms:us-east-1:111111111111:key/key-1\""),
        Arguments.of("!GetAtt [Bucket, Arn]", "\"arn:aws:s3:::dev-bucket\""),
        Arguments.of("{\"Fn::GetAtt\": [Bucket, !Sub Arn]}", "\"arn:aws:s3:::dev-bucket\""),
        Arguments.of(
            "!Sub \"${AWS::StackName}-${Env}-${Key}-${Bucket.Arn}\"",
            "\"dev-dev-key-1-arn:aws:s3:::dev-bucket\""),
        Arguments.of("!Sub \"${!Literal}-${!AWS::Region}\"", "\"${Literal}-${AWS::Region}\""),
        Arguments.of(
            "!Sub [\"${Name}.${Domain}\", {Name: !Ref Env, Domain: example.com}]",
            "\"dev.example.com\""),
        Arguments.of("!Sub [\"${Env}\", {Env: shadowed}]", "\"shadowed\""),
        Arguments.of("!Sub \"no variables\"", "\"no variables\""),
        Arguments.of("!Sub \"${unclosed\"", "\"${unclosed\""),
        Arguments.of("!Join [\"-\", [a, !Ref Env, 3]]", "\"a-dev-3\""),
        Arguments.of("!Join [\",\", !Ref Zones]", "\"a,b,c\""),
        Arguments.of("!Join [\"\", []]", "\"\""),
        Arguments.of("!Select [1, !Ref Zones]", "\"b\""),
        Arguments.of("!Select [\"0\", [x, y]]", "\"x\""),
        Arguments.of("!Split [\",\", \"a,,b\"]", "[\"a\",\"\",\"b\"]"),
        Arguments.of("!Select [2, !Split [\"/\", !Ref AWS::StackId]]", "\"1b2c\""),
        Arguments.of("!Base64 hello", "\"aGVsbG8=\""),
        Arguments.of("!Base64 {\"Fn::Sub\": \"${Env}\"}", "\"ZGV2\""),
        Arguments.of("!FindInMap [Regions, !Ref AWS::Region, Ami]", "\"ami-east\""),
        Arguments.of("!FindInMap [Regions, us-east-1, Zones]", "[\"x\",\"y\"]"),
        Arguments.of("!GetAZs \"\"", "[\"us-east-1a\",\"us-east-1b\",\"us-east-1c\"]"),
        Arguments.of("!GetAZs eu-west-1", "[\"eu-west-1a\",\"eu-west-1b\",\"eu-west-1c\"]"),
        Arguments.of("!Select [0, !GetAZs \"\"]", "\"us-east-1a\""),
        Arguments.of("!ImportValue prod-RoleArn", "\"arn:aws:iam::222:role/r\""),
        Arguments.of("!If [IsDev, yes-dev, no-dev]", "\"yes-dev\""),
        Arguments.of("!If [IsProd, yes-prod, no-prod]", "\"no-prod\""),
        Arguments.of("!If [DevHere, 1, 2]", "1"),
        Arguments.of("!If [Either, up, down]", "\"up\""),
        Arguments.of("!If [Either, on, off]", "true"),
        Arguments.of("!Equals [!Ref Env, dev]", "true"),
        Arguments.of("!Equals [\"2\", !Ref Count]", "true"),
        Arguments.of("!Not [!Equals [a, a]]", "false"),
        Arguments.of("!And [true, !Condition IsProd]", "false"),
        Arguments.of("!Or [false, \"true\"]", "true"),
        Arguments.of(
            "!Cidr [192.168.0.0/24, 6, 5]",
            "[\"192.168.0.0/27\",\"192.168.0.32/27\",\"192.168.0.64/27\",\"192.168.0.96/27\","
                + "\"192.168.0.128/27\",\"192.168.0.160/27\"]"),
        Arguments.of("!Cidr [10.0.0.0/16, 2, 8]", "[\"10.0.0.0/24\",\"10.0.1.0/24\"]"),
        Arguments.of("!Cidr [10.0.7.9/16, \"1\", \"12\"]", "[\"10.0.0.0/20\"]"),
        Arguments.of(
            "!Cidr [\"2600:1f14:abcd:1200::/56\", 3, 64]",
            "[\"2600:1f14:abcd:1200::/64\",\"2600:1f14:abcd:1201::/64\","
                + "\"2600:1f14:abcd:1202::/64\"]"),
        Arguments.of(
            "!ToJsonString {a: !Ref Env, b: [1, true]}",
            "\"{\\\"a\\\":\\\"dev\\\",\\\"b\\\":[1,true]}\""),
        Arguments.of("!Length {Ref: Zones}", "3"),
        Arguments.of("{Nested: {Deep: [!Ref Env]}}", "{\"Nested\":{\"Deep\":[\"dev\"]}}"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("functions")
  void resolvesEachFunction(String expression, String json) {
    assertThat(evaluate(expression).toString()).isEqualTo(json);
  }

  @Test
  void noValueRemovesThePropertyOrListItem() {
    Evaluator evaluator =
        evaluator(
            """
            Resources:
              User:
                Type: AWS::S3::Bucket
                Properties:
                  Gone: !Ref AWS::NoValue
                  Maybe: !If [IsProd, x, !Ref AWS::NoValue]
                  Kept: !If [IsDev, x, !Ref AWS::NoValue]
                  List: [a, !If [IsProd, b, !Ref AWS::NoValue], c]
            """,
            Map.of());
    assertThat(evaluator.properties("User").toString())
        .isEqualTo("{\"Kept\":\"x\",\"List\":[\"a\",\"c\"]}");
  }

  @Test
  void evaluatesConditionsInTemplateOrder() {
    Evaluator evaluator = evaluator("Resources:\n  R: {Type: T}\n", Map.of("Env", "prod"));
    assertThat(evaluator.conditions())
        .containsExactly(
            Map.entry("IsDev", false),
            Map.entry("IsProd", true),
            Map.entry("DevHere", false),
            Map.entry("Either", true));
  }

  @Test
  void resourcesWhoseConditionFailsAreLeftOut() {
    Evaluator evaluator =
        evaluator(
            """
            Resources:
              Always: {Type: T}
              DevOnly: {Type: T, Condition: IsDev}
              ProdOnly: {Type: T, Condition: IsProd}
            """,
            Map.of());
    assertThat(evaluator.includes("DevOnly")).isTrue();
    assertThat(evaluator.includes("ProdOnly")).isFalse();
    assertThat(evaluator.includedResources()).containsExactly("Always", "DevOnly");
  }

  @Test
  void resolvesOutputsAndExportNames() {
    Evaluator evaluator =
        evaluator(
            """
            Resources:
              Key: {Type: AWS::KMS::Key}
            Outputs:
              KeyArn:
                Description: the key
                Value: !GetAtt Key.Arn
                Export: {Name: !Sub "${AWS::StackName}-KeyArn"}
              Zones:
                Value: !Ref Zones
              ProdOnly:
                Condition: IsProd
                Value: x
            """,
            Map.of());
    assertThat(evaluator.outputs())
        .containsExactly(
            new ResolvedOutput(
                "KeyArn", "arn:aws:kms:us-east-1:111111111111:key/key-1", "the key", "dev-KeyArn"),
            new ResolvedOutput("Zones", "a,b,c", null, null));
  }

  @Test
  void partitionAndUrlSuffixFollowTheRegion() {
    var china = new PseudoParameters("1", "cn-north-1", "s", "id", List.of());
    assertThat(china.partition()).isEqualTo("aws-cn");
    assertThat(china.urlSuffix()).isEqualTo("amazonaws.com.cn");
    assertThat(new PseudoParameters("1", "us-gov-west-1", "s", "id", List.of()).partition())
        .isEqualTo("aws-us-gov");
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "an attribute the resource does not have",
            "!GetAtt Key.Nope",
            "Template error: resource Key does not support attribute type Nope in Fn::GetAtt"),
        Arguments.of(
            "a Select past the end",
            "!Select [3, !Ref Zones]",
            "Template error: Fn::Select cannot select nonexistent value at index 3"),
        Arguments.of(
            "a Select of a string",
            "!Select [0, abc]",
            "Template error: every Fn::Select object requires two parameters, (1) an index and"
                + " (2) a list of strings or a function that returns a list of strings"),
        Arguments.of(
            "a Join of a string",
            "!Join [\",\", abc]",
            "Template error: every Fn::Join object requires two parameters, (1) a string"
                + " delimiter and (2) a list of strings to be joined or a function that returns a"
                + " list of strings (such as Fn::GetAZs) to be joined."),
        Arguments.of(
            "a Join of a list of lists",
            "!Join [\",\", [[a]]]",
            "Template error: every Fn::Join object requires two parameters, (1) a string"
                + " delimiter and (2) a list of strings to be joined or a function that returns a"
                + " list of strings (such as Fn::GetAZs) to be joined."),
        Arguments.of(
            "a Split of a list",
            "!Split [\",\", [a]]",
            "Template error: every Fn::Split object requires two parameters, (1) a string"
                + " delimiter and (2) a string to be split or a function that returns a string to"
                + " be split."),
        Arguments.of(
            "a FindInMap of a missing key",
            "!FindInMap [Regions, eu-west-1, Ami]",
            "Template error: Unable to get mapping for Regions::eu-west-1::Ami"),
        Arguments.of(
            "a FindInMap of a missing map",
            "!FindInMap [Nope, us-east-1, Ami]",
            "Template error: Unable to get mapping for Nope::us-east-1::Ami"),
        Arguments.of(
            "an ImportValue of a name nobody exports",
            "!ImportValue dev-Nothing",
            "No export named dev-Nothing found."),
        Arguments.of(
            "a Sub of a list parameter",
            "!Sub \"${Zones}\"",
            "Template error: variable Zones in Fn::Sub expression does not resolve to a string"),
        Arguments.of(
            "a Base64 of a list",
            "!Base64 [a]",
            "Template error: every Fn::Base64 object must have a String value."),
        Arguments.of(
            "a Cidr of a host name",
            "!Cidr [example.com/16, 1, 8]",
            "Template error: Fn::Cidr ipBlock example.com/16 is not a valid CIDR block"),
        Arguments.of(
            "a Cidr with more subnets than fit",
            "!Cidr [10.0.0.0/24, 3, 7]",
            "Template error: Fn::Cidr cannot make 3 subnets of 7 bits in 10.0.0.0/24"),
        Arguments.of(
            "a Cidr with too many bits",
            "!Cidr [10.0.0.0/24, 1, 9]",
            "Template error: Fn::Cidr cidrBits 9 is too large for the block 10.0.0.0/24"),
        Arguments.of(
            "a Cidr count of 0",
            "!Cidr [10.0.0.0/16, 0, 8]",
            "Template error: Fn::Cidr count must be between 1 and 256"),
        Arguments.of(
            "an Equals with one argument",
            "!Equals [a]",
            "Template error: every Fn::Equals object requires a list of 2 string parameters."),
        Arguments.of(
            "a Not with two arguments",
            "!Not [true, false]",
            "Template error: every Fn::Not object requires a list of 1 boolean parameter."),
        Arguments.of(
            "an And with one argument",
            "!And [true]",
            "Template error: every Fn::And object requires a list of at least 2 and at most 10"
                + " boolean parameters."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void badFunction_isAValidationError(String name, String expression, String message) {
    assertThatThrownBy(() -> evaluate(expression))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationError"))
        .hasMessage(message);
  }

  @Test
  void languageExtensionFunctions_needTheTransform() {
    Template template =
        TemplateReader.read(
            "Resources:\n  R:\n    Type: T\n    Properties:\n      P: !Length [a, b]\n");
    ResolvedParameters none =
        ParameterResolver.resolve(template, Map.of(), SsmParameterValues.NONE);
    Evaluator evaluator =
        new Evaluator(
            template, new EvaluationContext(PSEUDO, none, ResourceLookup.NONE, ExportLookup.NONE));
    assertThatThrownBy(() -> evaluator.properties("R"))
        .isInstanceOf(AwsException.class)
        .hasMessageStartingWith(
            "Template format error: Encountered unsupported function: Fn::Length");
  }

  @Test
  void refToAResourceLeftOutByItsCondition_isUnresolved() {
    Evaluator evaluator =
        evaluator(
            """
            Resources:
              Key: {Type: AWS::KMS::Key, Condition: IsProd}
              User:
                Type: T
                Properties: {K: !Ref Key}
            """,
            Map.of());
    assertThatThrownBy(() -> evaluator.properties("User"))
        .isInstanceOf(AwsException.class)
        .hasMessage(
            "Template format error: Unresolved resource dependencies [Key] in the Resources block"
                + " of the template");
  }
}
