package ferry.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import ferry.cloudformation.template.ResolvedParameters.StackParameter;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParameterResolverTest {

  private static Template template(String parameters) {
    return TemplateReader.read(
        "Parameters:\n" + parameters.indent(2) + "Resources:\n  R: {Type: T}\n");
  }

  private static ResolvedParameters resolve(String parameters, Map<String, String> given) {
    return ParameterResolver.resolve(template(parameters), given, SsmParameterValues.NONE);
  }

  @Test
  void givesEachParameterItsValueOrDefault() {
    ResolvedParameters resolved =
        resolve(
            """
            Env: {Type: String, Default: dev}
            Name: {Type: String}
            Count: {Type: Number, Default: "3"}
            Zones: {Type: CommaDelimitedList, Default: "a, b,c"}
            Sizes: {Type: List<Number>, Default: "1, 2"}
            Subnets: {Type: "List<AWS::EC2::Subnet::Id>", Default: "subnet-1,subnet-2"}
            Empty: {Type: CommaDelimitedList, Default: ""}
            """,
            Map.of("Name", "site"));
    assertThat(resolved.values().get("Env").asText()).isEqualTo("dev");
    assertThat(resolved.values().get("Name").asText()).isEqualTo("site");
    assertThat(resolved.values().get("Count").asText()).isEqualTo("3");
    assertThat(resolved.values().get("Zones").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(resolved.values().get("Sizes").toString()).isEqualTo("[\"1\",\"2\"]");
    assertThat(resolved.values().get("Subnets").toString())
        .isEqualTo("[\"subnet-1\",\"subnet-2\"]");
    assertThat(resolved.values().get("Empty").toString()).isEqualTo("[]");
    assertThat(resolved.parameters()).first().isEqualTo(new StackParameter("Env", "dev", null));
  }

  @Test
  void noEchoValuesAreShownMasked() {
    ResolvedParameters resolved =
        resolve("Password: {Type: String, NoEcho: true}", Map.of("Password", "s3cret"));
    assertThat(resolved.values().get("Password").asText()).isEqualTo("s3cret");
    assertThat(resolved.parameters()).containsExactly(new StackParameter("Password", "****", null));
  }

  @Test
  void ssmParameterTypesAreReadFromParameterStore() {
    Template template =
        template(
            """
            Ami: {Type: "AWS::SSM::Parameter::Value<String>", Default: /ferry/ami}
            Zones: {Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /ferry/zones}
            Name: {Type: "AWS::SSM::Parameter::Name", Default: /ferry/ami}
            """);
    SsmParameterValues ssm =
        Map.of("/ferry/ami", "ami-123", "/ferry/zones", "us-east-1a,us-east-1b")::get;
    ResolvedParameters resolved = ParameterResolver.resolve(template, Map.of(), ssm);
    assertThat(resolved.values().get("Ami").asText()).isEqualTo("ami-123");
    assertThat(resolved.values().get("Zones").toString())
        .isEqualTo("[\"us-east-1a\",\"us-east-1b\"]");
    assertThat(resolved.values().get("Name").asText()).isEqualTo("/ferry/ami");
    assertThat(resolved.parameters())
        .contains(new StackParameter("Ami", "/ferry/ami", "ami-123"))
        .contains(new StackParameter("Name", "/ferry/ami", null));
  }

  @Test
  void missingSsmParameter_isAValidationError() {
    Template template =
        template("Ami: {Type: \"AWS::SSM::Parameter::Value<String>\", Default: /ferry/none}");
    assertThatThrownBy(() -> ParameterResolver.resolve(template, Map.of(), SsmParameterValues.NONE))
        .isInstanceOf(AwsException.class)
        .hasMessage(
            "Unable to fetch parameters [/ferry/none] from parameter store for this account.");
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(
            "a value outside AllowedValues",
            "Env: {Type: String, AllowedValues: [dev, prod]}",
            Map.of("Env", "test"),
            "Parameter 'Env' must be one of AllowedValues"),
        Arguments.of(
            "a default outside AllowedValues",
            "Env: {Type: String, Default: test, AllowedValues: [dev, prod]}",
            Map.of(),
            "Parameter 'Env' must be one of AllowedValues"),
        Arguments.of(
            "a list item outside AllowedValues",
            "Envs: {Type: CommaDelimitedList, AllowedValues: [dev, prod]}",
            Map.of("Envs", "dev,test"),
            "Parameter 'Envs' must be one of AllowedValues"),
        Arguments.of(
            "a value not matching AllowedPattern",
            "Account: {Type: String, AllowedPattern: '\\d{12}'}",
            Map.of("Account", "12345"),
            "Parameter 'Account' must match pattern \\d{12}"),
        Arguments.of(
            "a value shorter than MinLength",
            "Name: {Type: String, MinLength: 3}",
            Map.of("Name", "ab"),
            "Parameter 'Name' must contain at least 3 characters"),
        Arguments.of(
            "a value longer than MaxLength",
            "Name: {Type: String, MaxLength: 3}",
            Map.of("Name", "abcd"),
            "Parameter 'Name' must contain at most 3 characters"),
        Arguments.of(
            "a Number that is not a number",
            "Count: {Type: Number}",
            Map.of("Count", "three"),
            "Parameter 'Count' must be a number"),
        Arguments.of(
            "a List<Number> item that is not a number",
            "Counts: {Type: List<Number>}",
            Map.of("Counts", "1,two"),
            "Parameter 'Counts' must be a number"),
        Arguments.of(
            "a Number below MinValue",
            "Count: {Type: Number, MinValue: 1}",
            Map.of("Count", "0"),
            "Parameter 'Count' must be a number not less than 1"),
        Arguments.of(
            "a Number above MaxValue",
            "Count: {Type: Number, MaxValue: 2.5}",
            Map.of("Count", "3"),
            "Parameter 'Count' must be a number not greater than 2.5"),
        Arguments.of(
            "a failed constraint with a ConstraintDescription",
            "Account: {Type: String, AllowedPattern: '\\d{12}', ConstraintDescription: must be"
                + " a 12-digit account id}",
            Map.of("Account", "dev"),
            "Parameter Account failed to satisfy constraint: must be a 12-digit account id"),
        Arguments.of(
            "AllowedValues with a ConstraintDescription",
            "Env: {Type: String, AllowedValues: [dev], ConstraintDescription: Must specify dev}",
            Map.of("Env", "prod"),
            "Parameter Env failed to satisfy constraint: Must specify dev"),
        Arguments.of(
            "a parameter without a value",
            "Env: {Type: String}\nName: {Type: String}\nOk: {Type: String, Default: x}",
            Map.of(),
            "Parameters: [Env, Name] must have values"),
        Arguments.of(
            "a value for a parameter the template does not declare",
            "Env: {Type: String, Default: dev}",
            Map.of("Stage", "x"),
            "Parameters: [Stage] do not exist in the template"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void badValue_isAValidationError(
      String name, String parameters, Map<String, String> given, String message) {
    assertThatThrownBy(() -> resolve(parameters, given))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationError"))
        .hasMessage(message);
  }
}
