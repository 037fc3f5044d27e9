package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateValidatorTest {
  static final Set<String> TYPES =
      Set.of(
          "AWS::S3::Bucket",
          "AWS::S3::BucketPolicy",
          "AWS::KMS::Key",
          "AWS::KMS::Alias",
          "AWS::IAM::Role",
          "AWS::CodePipeline::Pipeline");

  private static void validate(String yaml) {
    TemplateValidator.validate(TemplateReader.read(yaml), TYPES);
  }

  @Test
  void acceptsReferencesToParametersPseudoParametersAndResources() {
    validate(
        """
        Parameters:
          Env: {Type: String}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsProdHere: !And [!Condition IsProd, !Equals [!Ref "AWS::Region", us-east-1]]
        Resources:
          Key:
            Type: AWS::KMS::Key
          Bucket:
            Type: AWS::S3::Bucket
            Condition: IsProdHere
            Properties:
              BucketName: !Sub "${Env}-${AWS::AccountId}-${Key}-${Key.Arn}-${!Literal}"
              Other: !Sub ["${Mine}", {Mine: !Ref Env}]
              Maybe: !If [IsProd, !GetAtt Key.Arn, !Ref "AWS::NoValue"]
        Outputs:
          Name:
            Condition: IsProd
            Value: !Ref Bucket
            Export: {Name: !Sub "${AWS::StackName}-name"}
        """);
  }

  @Test
  void checksAttributesAgainstTheirTypesWhenGiven() {
    Template template =
        TemplateReader.read(
            """
            Resources:
              Key: {Type: AWS::KMS::Key}
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  A: !GetAtt Key.Arn
                  B: !Sub "${Key.KeyId}"
                  C: !Sub ["${Key.Whatever}", {Key.Whatever: x}]
            """);
    var attributes =
        java.util.Map.of("AWS::KMS::Key", Set.of("Arn", "KeyId"), "AWS::S3::Bucket", Set.of("Arn"));
    TemplateValidator.validate(template, attributes);
    Template wrong =
        TemplateReader.read(
            """
            Resources:
              Key: {Type: AWS::KMS::Key}
              Bucket:
                Type: AWS::S3::Bucket
                Properties: {A: !Sub "${Key.Name}"}
            """);
    assertThatThrownBy(() -> TemplateValidator.validate(wrong, attributes))
        .isInstanceOf(AwsException.class)
        .hasMessage(
            "Template error: resource Key does not support attribute type Name in Fn::GetAtt");
  }

  @Test
  void circularConditions_areAValidationError() {
    Template template =
        TemplateReader.read(
            """
            Conditions:
              A: !Not [!Condition B]
              B: !Not [!Condition A]
            Resources:
              R: {Type: AWS::S3::Bucket}
            """);
    ResolvedParameters none =
        ParameterResolver.resolve(template, java.util.Map.of(), SsmParameterValues.NONE);
    assertThatThrownBy(() ->
            new Evaluator(
                template,
                new EvaluationContext(
                    EvaluatorTest.PSEUDO, none, ResourceLookup.NONE, ExportLookup.NONE)))
        .isInstanceOf(AwsException.class)
        .hasMessageStartingWith("Template format error: Circular dependency between conditions: ");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "an unknown resource type",
            """
            Resources:
              Queue: {Type: AWS::SQS::Queue}
              Bucket: {Type: AWS::S3::Bucket}
              Topic: {Type: AWS::SNS::Topic}
            """,
            "Template format error: Unrecognized resource types: [AWS::SQS::Queue,"
                + " AWS::SNS::Topic]"),
        Arguments.of(
            "a Ref to a missing resource",
            """
            Resources:
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties: {Bucket: !Ref ArtifactBucket}
            """,
            "Template format error: Unresolved resource dependencies [ArtifactBucket] in the"
                + " Resources block of the template"),
        Arguments.of(
            "a Sub to a missing parameter",
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !Sub "${Env}-bucket"}
            """,
            "Template format error: Unresolved resource dependencies [Env] in the Resources"
                + " block of the template"),
        Arguments.of(
            "a Sub to an attribute of a missing resource",
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !Sub "${Key.Arn}"}
            """,
            "Template format error: Unresolved resource dependencies [Key] in the Resources"
                + " block of the template"),
        Arguments.of(
            "a DependsOn a missing resource",
            """
            Resources:
              Bucket: {Type: AWS::S3::Bucket, DependsOn: [Key]}
            """,
            "Template format error: Unresolved resource dependencies [Key] in the Resources"
                + " block of the template"),
        Arguments.of(
            "a GetAtt of a missing resource",
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties: {Key: !GetAtt Key.Arn}
            """,
            "Template error: instance of Fn::GetAtt references undefined resource Key"),
        Arguments.of(
            "a GetAtt of a parameter",
            """
            Parameters:
              Key: {Type: String}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties: {Key: !GetAtt [Key, Arn]}
            """,
            "Template error: instance of Fn::GetAtt references undefined resource Key"),
        Arguments.of(
            "a Ref to a missing resource in Outputs",
            """
            Resources:
              Bucket: {Type: AWS::S3::Bucket}
            Outputs:
              Name: {Value: !Ref Buckett}
            """,
            "Template format error: Unresolved resource dependencies [Buckett] in the Outputs"
                + " block of the template"),
        Arguments.of(
            "a two-resource cycle",
            """
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties: {Policy: !GetAtt Role.Arn}
              Role:
                Type: AWS::IAM::Role
                Properties: {Key: !GetAtt Key.Arn}
              Bucket: {Type: AWS::S3::Bucket}
            """,
            "Circular dependency between resources: [Key, Role]"),
        Arguments.of(
            "a cycle through DependsOn, with a resource waiting on it",
            """
            Resources:
              A: {Type: AWS::S3::Bucket, DependsOn: C}
              B: {Type: AWS::S3::Bucket, DependsOn: A}
              C: {Type: AWS::S3::Bucket, DependsOn: B}
              D: {Type: AWS::S3::Bucket, DependsOn: A}
              E: {Type: AWS::S3::Bucket}
            """,
            "Circular dependency between resources: [A, B, C, D]"),
        Arguments.of(
            "a resource depending on itself",
            """
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !Sub "${A}-x"}
            """,
            "Circular dependency between resources: [A]"),
        Arguments.of(
            "an unknown function",
            """
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: {BucketName: {"Fn::Concat": [a, b]}}
            """,
            "Template format error: Encountered unsupported function: Fn::Concat Supported"
                + " functions are: [Fn::Base64, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue,"
                + " Fn::Join, Fn::Split, Fn::FindInMap, Fn::Select, Ref, Fn::Equals, Fn::If,"
                + " Fn::Not, Condition, Fn::And, Fn::Or, Fn::Contains, Fn::EachMemberEquals,"
                + " Fn::EachMemberIn, Fn::ValueOf, Fn::ValueOfAll, Fn::RefAll, Fn::Sub,"
                + " Fn::Cidr]"),
        Arguments.of(
            "a Ref to a list",
            """
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: {BucketName: {Ref: [a, b]}}
            """,
            "Template error: every Ref object must have a single String value."),
        Arguments.of(
            "a GetAtt without an attribute",
            """
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !GetAtt A}
            """,
            "Template error: every Fn::GetAtt object requires two non-empty parameters."),
        Arguments.of(
            "a Sub with three arguments",
            """
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !Sub [a, {}, b]}
            """,
            "Template error: One or more Fn::Sub intrinsic functions don't specify expected"
                + " arguments. Specify a string as first argument, and an optional second"
                + " argument to specify a mapping of values to replace in the string"),
        Arguments.of(
            "a Sub variable with a space",
            """
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !Sub "${my var}"}
            """,
            "Template error: variable names in Fn::Sub syntax must contain only alphanumeric"
                + " characters, underscores, periods, and colons"),
        Arguments.of(
            "an If with two arguments",
            """
            Conditions:
              C: !Equals [a, a]
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !If [C, a]}
            """,
            "Template error: Fn::If requires a list argument with three elements"),
        Arguments.of(
            "an If naming a missing condition",
            """
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !If [IsProd, a, b]}
            """,
            "Template error: unresolved condition dependency IsProd in Fn::If"),
        Arguments.of(
            "a FindInMap with two arguments",
            """
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !FindInMap [M, k]}
            """,
            "Template error: every Fn::FindInMap object requires three parameters, the map"
                + " name, map key and the attribute for return value"),
        Arguments.of(
            "a resource Condition that is not declared",
            """
            Resources:
              A: {Type: AWS::S3::Bucket, Condition: IsProd}
            """,
            "Template format error: Unresolved condition dependencies [IsProd] in the Resources"
                + " block of the template"),
        Arguments.of(
            "a condition referring to a resource",
            """
            Conditions:
              HasBucket: !Equals [!Ref A, x]
            Resources:
              A: {Type: AWS::S3::Bucket}
            """,
            "Template format error: Unresolved dependencies [A]. Cannot reference resources in"
                + " the Conditions block of the template"),
        Arguments.of(
            "a condition naming a missing condition",
            """
            Conditions:
              Both: !And [!Condition One, !Condition Two]
              One: !Equals [a, a]
            Resources:
              A: {Type: AWS::S3::Bucket}
            """,
            "Template format error: Unresolved condition dependencies [Two] in the Conditions"
                + " block of the template"),
        Arguments.of(
            "a parameter and a resource of the same name",
            """
            Parameters:
              A: {Type: String}
            Resources:
              A: {Type: AWS::S3::Bucket}
            """,
            "Template error: all resources and parameters must have unique names. Common"
                + " name(s):[A]"),
        Arguments.of(
            "conditions that refer to each other",
            """
            Conditions:
              A: !Not [!Condition B]
              B: !Or [!Condition A, !Condition C]
              C: !Equals [a, b]
            Resources:
              R: {Type: AWS::S3::Bucket}
            """,
            "Template format error: Circular dependency between conditions: [A, B]"),
        Arguments.of(
            "the Serverless transform",
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              A: {Type: AWS::S3::Bucket}
            """,
            "Ferry does not support the transform AWS::Serverless-2016-10-31; the only transform"
                + " it processes is AWS::LanguageExtensions."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidTemplate_isAValidationError(String name, String yaml, String message) {
    assertThatThrownBy(() -> validate(yaml))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ValidationError");
              assertThat(e.httpStatus()).isEqualTo(400);
            })
        .hasMessage(message);
  }
}
