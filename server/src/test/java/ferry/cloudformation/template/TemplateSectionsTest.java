package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import ferry.cloudformation.template.ResourceDeclaration.DeletionPolicy;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateSectionsTest {

  @Test
  void readsEverySection() {
    Template template =
        TemplateReader.read(
            """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: a stack
            Metadata: {Note: x}
            Transform: AWS::LanguageExtensions
            Parameters:
              Env:
                Type: String
                Default: dev
                Description: the environment
                AllowedValues: [dev, prod]
                AllowedPattern: "[a-z]+"
                MinLength: 2
                MaxLength: 5
                ConstraintDescription: dev or prod
              Size:
                Type: Number
                MinValue: 1
                MaxValue: 10.5
                NoEcho: true
            Mappings:
              Regions: {us-east-1: {Ami: ami-1}}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Rules:
              Sizes:
                RuleCondition: !Equals [!Ref Env, prod]
                Assertions:
                  - Assert: !Equals [!Ref Size, "2"]
                    AssertDescription: prod has size 2
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Condition: IsProd
                DependsOn: [Key]
                DeletionPolicy: Retain
                UpdateReplacePolicy: Snapshot
                Metadata: {Owner: web}
                Properties: {BucketName: b}
              Key:
                Type: AWS::KMS::Key
                DependsOn: Other
              Other:
                Type: AWS::KMS::Key
            Outputs:
              Name:
                Description: the bucket
                Condition: IsProd
                Value: !Ref Bucket
                Export: {Name: bucket-name}
            """);
    assertThat(template.description()).isEqualTo("a stack");
    assertThat(template.metadata().get("Note").asText()).isEqualTo("x");
    assertThat(template.transforms()).containsExactly("AWS::LanguageExtensions");
    assertThat(template.hasLanguageExtensions()).isTrue();
    assertThat(template.parameters().get("Env"))
        .isEqualTo(
            new ParameterDeclaration(
                "Env",
                "String",
                "dev",
                "the environment",
                false,
                java.util.List.of("dev", "prod"),
                "[a-z]+",
                2,
                5,
                null,
                null,
                "dev or prod"));
    ParameterDeclaration size = template.parameters().get("Size");
    assertThat(size.noEcho()).isTrue();
    assertThat(size.minValue()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(size.maxValue()).isEqualByComparingTo(new BigDecimal("10.5"));
    assertThat(template.mappings().get("Regions").at("/us-east-1/Ami").asText()).isEqualTo("ami-1");
    assertThat(template.conditions()).containsKey("IsProd");
    RuleDeclaration rule = template.rules().get("Sizes");
    assertThat(rule.ruleCondition()).isNotNull();
    assertThat(rule.assertions()).hasSize(1);
    assertThat(rule.assertions().get(0).description()).isEqualTo("prod has size 2");
    ResourceDeclaration bucket = template.resource("Bucket");
    assertThat(bucket.type()).isEqualTo("AWS::S3::Bucket");
    assertThat(bucket.condition()).isEqualTo("IsProd");
    assertThat(bucket.dependsOn()).containsExactly("Key");
    assertThat(bucket.deletionPolicy()).isEqualTo(DeletionPolicy.Retain);
    assertThat(bucket.updateReplacePolicy()).isEqualTo(DeletionPolicy.Snapshot);
    assertThat(bucket.metadata().get("Owner").asText()).isEqualTo("web");
    assertThat(bucket.properties().get("BucketName").asText()).isEqualTo("b");
    assertThat(template.resource("Key").dependsOn()).containsExactly("Other");
    assertThat(template.resource("Key").deletionPolicy()).isEqualTo(DeletionPolicy.Delete);
    assertThat(template.resource("Other").properties().isEmpty()).isTrue();
    OutputDeclaration output = template.outputs().get("Name");
    assertThat(output.description()).isEqualTo("the bucket");
    assertThat(output.condition()).isEqualTo("IsProd");
    assertThat(output.value().toString()).isEqualTo("{\"Ref\":\"Bucket\"}");
    assertThat(output.exportName().asText()).isEqualTo("bucket-name");
  }

  @Test
  void listParameterDefaultMayBeAYamlList() {
    Template template =
        TemplateReader.read(
            """
            Parameters:
              Zones: {Type: CommaDelimitedList, Default: [a, b]}
            Resources:
              R: {Type: T}
            """);
    assertThat(template.parameters().get("Zones").defaultValue()).isEqualTo("a,b");
    assertThat(template.parameters().get("Zones").isList()).isTrue();
  }

  static Stream<Arguments> badStructure() {
    return Stream.of(
        Arguments.of(
            "an unknown top-level section",
            "{\"Resources\": {\"R\": {\"Type\": \"T\"}}, \"Resource\": {}, \"Foo\": 1}",
            "Template format error: Invalid template property or properties [Resource, Foo]"),
        Arguments.of(
            "no Resources",
            "{\"Description\": \"x\"}",
            "Template format error: At least one Resources member must be defined."),
        Arguments.of(
            "empty Resources",
            "{\"Resources\": {}}",
            "Template format error: At least one Resources member must be defined."),
        Arguments.of(
            "an unsupported format version",
            "{\"AWSTemplateFormatVersion\": \"2011-01-01\", \"Resources\": {\"R\": {\"Type\":"
                + " \"T\"}}}",
            "Template format error: Unsupported AWSTemplateFormatVersion 2011-01-01"),
        Arguments.of(
            "a description longer than 1024",
            "{\"Description\": \""
                + "d".repeat(1025)
                + "\", \"Resources\": {\"R\": {\"Type\": \"T\"}}}",
            "Template format error: 'Description' length is greater than 1024."),
        Arguments.of(
            "a resource that is not an object",
            "{\"Resources\": {\"R\": \"AWS::S3::Bucket\"}}",
            "Template format error: Any Resources member must be a JSON object."),
        Arguments.of(
            "a resource without Type",
            "{\"Resources\": {\"R\": {\"Properties\": {}}}}",
            "Template format error: [/Resources/R] Every Resources object must contain a Type member."),
        Arguments.of(
            "a misspelt resource attribute",
            "{\"Resources\": {\"R\": {\"Type\": \"T\", \"Propertes\": {}}}}",
            "Invalid template resource property 'Propertes'"),
        Arguments.of(
            "a non-alphanumeric logical id",
            "{\"Resources\": {\"My-Bucket\": {\"Type\": \"T\"}}}",
            "Template format error: Resource name My-Bucket is non alphanumeric."),
        Arguments.of(
            "Properties that are a list",
            "{\"Resources\": {\"R\": {\"Type\": \"T\", \"Properties\": []}}}",
            "Template format error: Every Properties member must be an object."),
        Arguments.of(
            "DependsOn that is an object",
            "{\"Resources\": {\"R\": {\"Type\": \"T\", \"DependsOn\": {}}}}",
            "Template format error: DependsOn must be a string or list of strings."),
        Arguments.of(
            "a resource Condition that is not a string",
            "{\"Resources\": {\"R\": {\"Type\": \"T\", \"Condition\": [\"A\"]}}}",
            "Template format error: Every Condition member must be a string."),
        Arguments.of(
            "an unknown DeletionPolicy",
            "{\"Resources\": {\"R\": {\"Type\": \"T\", \"DeletionPolicy\": \"Keep\"}}}",
            "Template format error: Unrecognized DeletionPolicy Keep. Valid values are [Delete,"
                + " Retain, RetainExceptOnCreate, Snapshot]"),
        Arguments.of(
            "a parameter without Type",
            "{\"Parameters\": {\"P\": {\"Default\": \"x\"}}, \"Resources\": {\"R\": {\"Type\":"
                + " \"T\"}}}",
            "Template format error: [/Parameters/P] Every Parameters object must contain a Type member."),
        Arguments.of(
            "an unknown parameter type",
            "{\"Parameters\": {\"P\": {\"Type\": \"Strin\"}}, \"Resources\": {\"R\": {\"Type\":"
                + " \"T\"}}}",
            "Template format error: Unrecognized parameter type: Strin"),
        Arguments.of(
            "an unknown parameter property",
            "{\"Parameters\": {\"P\": {\"Type\": \"String\", \"Defualt\": \"x\"}}, \"Resources\":"
                + " {\"R\": {\"Type\": \"T\"}}}",
            "Invalid template parameter property 'Defualt'"),
        Arguments.of(
            "AllowedValues that is not a list",
            "{\"Parameters\": {\"P\": {\"Type\": \"String\", \"AllowedValues\": \"a b\"}},"
                + " \"Resources\": {\"R\": {\"Type\": \"T\"}}}",
            "Template format error: Every AllowedValues member must be a list."),
        Arguments.of(
            "MinLength that is not a number",
            "{\"Parameters\": {\"P\": {\"Type\": \"String\", \"MinLength\": \"two\"}},"
                + " \"Resources\": {\"R\": {\"Type\": \"T\"}}}",
            "Template format error: Every MinLength member must be an integer."),
        Arguments.of(
            "an output without Value",
            "{\"Resources\": {\"R\": {\"Type\": \"T\"}}, \"Outputs\": {\"O\": {\"Description\":"
                + " \"x\"}}}",
            "Template format error: Every Outputs member must contain a Value object"),
        Arguments.of(
            "an output Value that is a list",
            "{\"Resources\": {\"R\": {\"Type\": \"T\"}}, \"Outputs\": {\"O\": {\"Value\": [1]}}}",
            "The Value field of every Outputs member must evaluate to a String and not a List."),
        Arguments.of(
            "an output Value that is a map",
            "{\"Resources\": {\"R\": {\"Type\": \"T\"}}, \"Outputs\": {\"O\": {\"Value\": {\"a\":"
                + " 1, \"b\": 2}}}}",
            "The Value field of every Outputs member must evaluate to a String and not a Map."),
        Arguments.of(
            "an unknown output property",
            "{\"Resources\": {\"R\": {\"Type\": \"T\"}}, \"Outputs\": {\"O\": {\"Value\": \"v\","
                + " \"Exports\": {}}}}",
            "Invalid template output property 'Exports'"),
        Arguments.of(
            "an Export without Name",
            "{\"Resources\": {\"R\": {\"Type\": \"T\"}}, \"Outputs\": {\"O\": {\"Value\": \"v\","
                + " \"Export\": {\"Value\": \"x\"}}}}",
            "Template format error: Output O is malformed. The Name field of every Export member"
                + " must be specified and consist only of alphanumeric characters, colons, or"
                + " hyphens."),
        Arguments.of(
            "a mapping that is not a map",
            "{\"Mappings\": {\"M\": [1]}, \"Resources\": {\"R\": {\"Type\": \"T\"}}}",
            "Template format error: Every Mappings member M must be a map"),
        Arguments.of(
            "a mapping key that is not a map",
            "{\"Mappings\": {\"M\": {\"k\": \"v\"}}, \"Resources\": {\"R\": {\"Type\":"
                + " \"T\"}}}",
            "Template format error: Every Mappings member k must be a map"),
        Arguments.of(
            "a mapping value that is a map",
            "{\"Mappings\": {\"M\": {\"k\": {\"a\": {\"b\": 1}}}}, \"Resources\": {\"R\":"
                + " {\"Type\": \"T\"}}}",
            "Template format error: Every Mappings attribute must be a String or a List."),
        Arguments.of(
            "a rule without Assertions",
            "{\"Rules\": {\"Check\": {\"RuleCondition\": true}}, \"Resources\": {\"R\": {\"Type\":"
                + " \"T\"}}}",
            "Template format error: Every Rules member must contain an Assertions list. Rule"
                + " Check is malformed."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStructure")
  void badStructure_isAValidationError(String name, String body, String message) {
    assertThatThrownBy(() -> TemplateReader.read(body))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationError"))
        .hasMessage(message);
  }
}
