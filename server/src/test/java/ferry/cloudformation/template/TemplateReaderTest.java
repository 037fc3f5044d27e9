package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {

  @Test
  void readsYamlShortFormTagsIntoTheirLongForm() {
    Template template =
        TemplateReader.read(
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${AWS::StackName}-artifacts"
                  Arn: !GetAtt Key.Arn
                  Other: !GetAtt [Key, Arn]
                  Name: !Ref Key
                  Joined: !Join [",", [a, !Ref Key]]
              Key:
                Type: AWS::KMS::Key
            """);
    var properties = template.resource("Bucket").properties();
    assertThat(properties.get("BucketName").toString())
        .isEqualTo("{\"Fn::Sub\":\"${AWS::StackName}-artifacts\"}");
    assertThat(properties.get("Arn").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Key\",\"Arn\"]}");
    assertThat(properties.get("Other").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Key\",\"Arn\"]}");
    assertThat(properties.get("Name").toString()).isEqualTo("{\"Ref\":\"Key\"}");
    assertThat(properties.get("Joined").toString())
        .isEqualTo("{\"Fn::Join\":[\",\",[\"a\",{\"Ref\":\"Key\"}]]}");
  }

  @Test
  void malformedJson_isAValidationError() {
    assertThatThrownBy(() -> TemplateReader.read("{\"Resources\": {"))
        .isInstanceOf(AwsException.class)
        .hasMessageStartingWith("Template format error: JSON not well-formed. (line 1,");
  }
}
