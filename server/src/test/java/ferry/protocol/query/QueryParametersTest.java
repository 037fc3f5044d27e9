package ferry.protocol.query;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  @Test
  void decodesFormEncodingAndMemberLists() {
    QueryParameters parameters =
        QueryParameters.parse(
            "Action=CreateRole&RoleName=r1&Path=%2Fservice-role%2F&Tags.member.1.Key=team"
                + "&Tags.member.1.Value=a+b&Tags.member.2.Key=env&Tags.member.2.Value=dev"
                + "&PolicyArns.member.1=arn%3Aaws%3Aiam%3A%3A1%3Apolicy%2Fp");
    assertThat(parameters.required("Path")).isEqualTo("/service-role/");
    assertThat(parameters.structures("Tags"))
        .containsExactly(
            Map.of("Key", "team", "Value", "a b"), Map.of("Key", "env", "Value", "dev"));
    assertThat(parameters.list("PolicyArns")).isEqualTo(List.of("arn:aws:iam::1:policy/p"));
    assertThat(parameters.list("Missing")).isEmpty();
  }

  @Test
  void missingRequiredParameter_isMissingParameter() {
    assertAwsError(
            () -> QueryParameters.parse("Action=GetRole").required("RoleName"), "MissingParameter")
        .contains("RoleName");
  }

  @Test
  void nonNumericInteger_isValidationError() {
    assertAwsError(
            () -> QueryParameters.parse("DurationSeconds=soon").optionalInt("DurationSeconds"),
            "ValidationError")
        .contains("durationSeconds");
  }
}
