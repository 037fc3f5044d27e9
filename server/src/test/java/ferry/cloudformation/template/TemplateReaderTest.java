package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.aws.AwsException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateReaderTest {

  private static JsonNode property(String yaml) {
    Template template =
        TemplateReader.read(
            "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: "
                + yaml
                + "\n");
    return template.resource("R").properties().get("P");
  }

  static Stream<Arguments> shortForms() {
    return Stream.of(
        Arguments.of("!Ref Bucket", "{\"Ref\":\"Bucket\"}"),
        Arguments.of("!Sub ${AWS::StackName}-x", "{\"Fn::Sub\":\"${AWS::StackName}-x\"}"),
        Arguments.of("!Sub [\"${A}\", {A: b}]", "{\"Fn::Sub\":[\"${A}\",{\"A\":\"b\"}]}"),
        Arguments.of("!GetAtt Key.Arn", "{\"Fn::GetAtt\":[\"Key\",\"Arn\"]}"),
        Arguments.of(
            "!GetAtt Db.Endpoint.Address", "{\"Fn::GetAtt\":[\"Db\",\"Endpoint.Address\"]}"),
        Arguments.of("!GetAtt [Key, Arn]", "{\"Fn::GetAtt\":[\"Key\",\"Arn\"]}"),
        Arguments.of("!If [C, a, b]", "{\"Fn::If\":[\"C\",\"a\",\"b\"]}"),
        Arguments.of("!Join [\",\", [a, b]]", "{\"Fn::Join\":[\",\",[\"a\",\"b\"]]}"),
        Arguments.of("!Select [0, !GetAZs \"\"]", "{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]}"),
        Arguments.of("!Split [\",\", \"a,b\"]", "{\"Fn::Split\":[\",\",\"a,b\"]}"),
        Arguments.of("!Equals [a, b]", "{\"Fn::Equals\":[\"a\",\"b\"]}"),
        Arguments.of(
            "!And [!Condition A, !Condition B]",
            "{\"Fn::And\":[{\"Condition\":\"A\"},{\"Condition\":\"B\"}]}"),
        Arguments.of(
            "!Or [!Condition A, !Condition B]",
            "{\"Fn::Or\":[{\"Condition\":\"A\"},{\"Condition\":\"B\"}]}"),
        Arguments.of("!Not [!Condition A]", "{\"Fn::Not\":[{\"Condition\":\"A\"}]}"),
        Arguments.of("!FindInMap [M, k, v]", "{\"Fn::FindInMap\":[\"M\",\"k\",\"v\"]}"),
        Arguments.of("!Base64 text", "{\"Fn::Base64\":\"text\"}"),
        Arguments.of("!GetAZs us-east-1", "{\"Fn::GetAZs\":\"us-east-1\"}"),
        Arguments.of("!Cidr [10.0.0.0/16, 2, 8]", "{\"Fn::Cidr\":[\"10.0.0.0/16\",2,8]}"),
        Arguments.of("!ImportValue dev-Key", "{\"Fn::ImportValue\":\"dev-Key\"}"),
        Arguments.of(
            "!ImportValue {\"Fn::Sub\": \"${AWS::StackName}-x\"}",
            "{\"Fn::ImportValue\":{\"Fn::Sub\":\"${AWS::StackName}-x\"}}"),
        Arguments.of("!Condition IsProd", "{\"Condition\":\"IsProd\"}"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("shortForms")
  void readsEachShortFormTagAsItsLongForm(String yaml, String json) {
    assertThat(property(yaml).toString()).isEqualTo(json);
  }

  @Test
  void readsNestedShortFormsInBlockStyle() {
    Template template =
        TemplateReader.read(
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Join
                    - "-"
                    - - !Ref AWS::StackName
                      - !Select
                        - 0
                        - !Split ["/", !Ref AWS::StackId]
            """);
    assertThat(template.resource("Bucket").properties().get("BucketName").toString())
        .isEqualTo(
            "{\"Fn::Join\":[\"-\",[{\"Ref\":\"AWS::StackName\"},{\"Fn::Select\":[0,"
                + "{\"Fn::Split\":[\"/\",{\"Ref\":\"AWS::StackId\"}]}]}]]}");
  }

  @Test
  void readsYamlScalarsAsYaml11Does() {
    Template template =
        TemplateReader.read(
            """
            AWSTemplateFormatVersion: 2010-09-09
            Resources:
              R:
                Type: AWS::S3::Bucket
                Properties:
                  Yes: yes
                  Quoted: "yes"
                  Number: 42
                  Decimal: 1.5
                  Mode: 0644
                  Hex: 0x1F
                  Infinity: .inf
                  Nothing: ~
                  Text: plain
            """);
    JsonNode properties = template.resource("R").properties();
    assertThat(template.formatVersion()).isEqualTo("2010-09-09");
    assertThat(properties.get("Yes").isBoolean()).isTrue();
    assertThat(properties.get("Quoted").asText()).isEqualTo("yes");
    assertThat(properties.get("Number").intValue()).isEqualTo(42);
    assertThat(properties.get("Decimal").doubleValue()).isEqualTo(1.5);
    assertThat(properties.get("Mode").textValue()).isEqualTo("0644");
    assertThat(properties.get("Hex").textValue()).isEqualTo("0x1F");
    assertThat(properties.get("Infinity").textValue()).isEqualTo(".inf");
    assertThat(properties.get("Nothing").isNull()).isTrue();
    assertThat(properties.get("Text").asText()).isEqualTo("plain");
  }

  @Test
  void resolvesAnchorsAliasesAndMergeKeys() {
    Template template =
        TemplateReader.read(
            """
            Resources:
              A:
                Type: AWS::S3::Bucket
                Properties: &common
                  VersioningConfiguration:
                    Status: Enabled
                  Tags: [{Key: team, Value: web}]
              B:
                Type: AWS::S3::Bucket
                Properties:
                  <<: *common
                  Tags: [{Key: team, Value: ops}]
              C:
                Type: AWS::S3::Bucket
                Properties: *common
            """);
    assertThat(template.resource("B").properties().get("VersioningConfiguration").toString())
        .isEqualTo("{\"Status\":\"Enabled\"}");
    assertThat(template.resource("B").properties().at("/Tags/0/Value").asText()).isEqualTo("ops");
    assertThat(template.resource("C").properties()).isEqualTo(template.resource("A").properties());
  }

  @Test
  void readsJsonAndYamlOfTheSameTemplateAlike() throws Exception {
    String yaml = GuideTemplates.text("prod.yaml");
    String json = GuideTemplates.text("prod.json");
    assertThat(TemplateReader.read(json).body()).isEqualTo(TemplateReader.read(yaml).body());
  }

  @Test
  void keepsTheTemplatesOrderOfResources() {
    Template template =
        TemplateReader.read(
            "{\"Resources\":{\"Z\":{\"Type\":\"T\"},\"A\":{\"Type\":\"T\"},\"M\":{\"Type\":\"T\"}}}");
    assertThat(template.resources().keySet()).containsExactly("Z", "A", "M");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(
            "unclosed JSON object",
            "{\"Resources\": {",
            "Template format error: JSON not well-formed. (line 1, column 16)"),
        Arguments.of(
            "JSON with a trailing comma",
            "{\n  \"Resources\": {},\n}",
            "Template format error: JSON not well-formed. (line 3, column 1)"),
        Arguments.of(
            "JSON followed by more text",
            "{\"Resources\": {}} x",
            "Template format error: JSON not well-formed. (line 1, column 19)"),
        Arguments.of(
            "duplicate JSON key",
            "{\"Resources\": {\"A\": {\"Type\": \"T\"}, \"A\": {\"Type\": \"T\"}}}",
            "Template format error: JSON not well-formed. (line 1, column 39)"),
        Arguments.of(
            "YAML with a bad indentation",
            "Resources:\n  A:\n    Type: T\n   B: x\n",
            "Template format error: YAML not well-formed. (line 4, column 4)"),
        Arguments.of(
            "duplicate YAML key",
            "Resources:\n  A:\n    Type: T\n  A:\n    Type: U\n",
            "Template format error: YAML not well-formed. (line 4, column 3)"),
        Arguments.of(
            "unknown YAML tag",
            "Resources:\n  A:\n    Type: !Unknown T\n",
            "Template format error: YAML not well-formed. (line 3, column 11)"),
        Arguments.of(
            "YAML binary tag",
            "Resources:\n  A:\n    Type: !!binary aGVsbG8=\n",
            "Template format error: YAML not well-formed. (line 3, column 11)"),
        Arguments.of(
            "two YAML documents",
            "Resources: {}\n---\nResources: {}\n",
            "Template format error: YAML not well-formed. (line 2, column 1)"),
        Arguments.of(
            "a YAML list, not an object",
            "- Resources\n",
            "Template format error: template body is not a YAML object"),
        Arguments.of(
            "an empty body", " \n", "Either Template URL or Template Body must be specified."),
        Arguments.of(
            "only a comment",
            "# nothing\n",
            "Template format error: YAML not well-formed. (line 1, column 1)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedTemplate_isAValidationError(String name, String body, String message) {
    assertThatThrownBy(() -> TemplateReader.read(body))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ValidationError");
              assertThat(e.httpStatus()).isEqualTo(400);
            })
        .hasMessage(message);
  }
}
