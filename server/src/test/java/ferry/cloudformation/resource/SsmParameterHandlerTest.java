package ferry.cloudformation.resource;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.iam.EntityKind;
import ferry.iam.User;
import ferry.ssm.Parameter;
import ferry.ssm.SsmService;
import ferry.ssm.Tag;
import ferry.ssm.store.ParameterRepository;
import ferry.testing.IdentityServices;
import ferry.testing.TestKms;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsmParameterHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STACK_ID =
      "arn:aws:cloudformation:us-east-1:111111111111:stack/app/6f0b8a10-0000-0000-0000-000000000000";

  @TempDir Path dir;
  IdentityServices ids;
  SsmService ssm;
  SsmParameterHandler handler;
  Caller stack;

  @BeforeEach
  void start() {
    ids = new IdentityServices(dir);
    ssm =
        new SsmService(
            new ParameterRepository(ids.db),
            TestKms.on(ids.db, dir, ids.authorizer, ids.clock),
            ids.authorizer,
            ids.clock);
    handler = new SsmParameterHandler(ssm);
    stack = ids.root(IdentityServices.DEV).via("cloudformation.amazonaws.com");
  }

  @AfterEach
  void stop() {
    ids.close();
  }

  @Test
  void create_writesTheParameter_refIsTheName_attributesAreTypeAndValue() throws Exception {
    Provisioned made =
        handler.create(
            request(
                stack,
                """
                {"Name":"/app/endpoint","Type":"String","Value":"https://example.test",
                 "Description":"where","Tags":{"team":"web"}}\
                """));
    assertThat(made.physicalId()).isEqualTo("/app/endpoint");
    assertThat(made.attributes())
        .isEqualTo(Map.of("Type", "String", "Value", "https://example.test"));
    Parameter stored = ssm.parameters().getParameter(stack, "/app/endpoint", false);
    assertThat(stored.value()).isEqualTo("https://example.test");
    assertThat(stored.description()).isEqualTo("where");
    assertThat(ssm.tags().listTags(stack, "Parameter", "/app/endpoint"))
        .containsExactly(new Tag("team", "web"));
  }

  @Test
  void create_withoutAName_generatesCfnLogicalIdRandom() throws Exception {
    Provisioned made =
        handler.create(
            request(
                stack,
                """
                {"Type":"StringList","Value":"a,b"}\
                """));
    assertThat(made.physicalId()).matches("CFN-Config-[A-Z0-9]{12}");
    assertThat(ssm.parameters().getParameter(stack, made.physicalId(), false).value())
        .isEqualTo("a,b");
  }

  @Test
  void secureStringAndPolicies_areRefused_andNothingIsCreated() throws Exception {
    assertAwsError(
            () ->
                handler.create(
                    request(
                        stack,
                        """
                        {"Name":"/s","Type":"SecureString","Value":"x"}\
                        """)),
            "InvalidRequest")
        .contains("SecureString cannot be created using CloudFormation");
    assertAwsError(
            () ->
                handler.create(
                    request(
                        stack,
                        """
                        {"Name":"/s","Type":"String","Value":"x","Policies":"[]"}\
                        """)),
            "InvalidRequest")
        .contains("Policies");
    assertAwsError(() -> ssm.parameters().getParameter(stack, "/s", false), "ParameterNotFound");
  }

  @Test
  void aCallerWithoutPutParameter_getsSsmsAccessDenied_andNothingIsCreated() throws Exception {
    User user = ids.iam.users().createUser(ids.root(IdentityServices.DEV), null, "deployer");
    ids.iam
        .entityPolicies()
        .putInlinePolicy(
            ids.root(IdentityServices.DEV),
            EntityKind.USER,
            "deployer",
            "read-only",
            """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"ssm:GetParameter*","Resource":"*"}]}\
            """);
    Caller deployer =
        ids.as(new Principal.IamUser(IdentityServices.DEV, "/", "deployer", user.userId()))
            .via("cloudformation.amazonaws.com");
    assertAwsError(
            () ->
                handler.create(
                    request(
                        deployer,
                        """
                        {"Name":"/denied","Type":"String","Value":"x"}\
                        """)),
            "AccessDeniedException")
        .contains("ssm:PutParameter");
    assertAwsError(
        () -> ssm.parameters().getParameter(stack, "/denied", false), "ParameterNotFound");
  }

  @Test
  void update_writesANewVersionOnlyWhenTheValueChanges_andTagsInPlace() throws Exception {
    String first =
        """
        {"Name":"/u","Type":"String","Value":"one","Tags":{"a":"1","b":"2"}}\
        """;
    Provisioned made = handler.create(request(stack, first));

    String tagsOnly =
        """
        {"Name":"/u","Type":"String","Value":"one","Tags":{"a":"1","c":"3"}}\
        """;
    handler.update(request(stack, tagsOnly), made, properties(first));
    assertThat(ssm.parameters().getParameter(stack, "/u", false).version()).isEqualTo(1);
    assertThat(ssm.tags().listTags(stack, "Parameter", "/u"))
        .containsExactly(new Tag("a", "1"), new Tag("c", "3"));

    String newValue =
        """
        {"Name":"/u","Type":"String","Value":"two","Tags":{"a":"1","c":"3"}}\
        """;
    Provisioned updated = handler.update(request(stack, newValue), made, properties(tagsOnly));
    assertThat(updated.attributes()).containsEntry("Value", "two");
    Parameter stored = ssm.parameters().getParameter(stack, "/u", false);
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.value()).isEqualTo("two");
  }

  @Test
  void delete_removesTheParameter_andSucceedsWhenItIsGone() throws Exception {
    Provisioned made =
        handler.create(
            request(
                stack,
                """
                {"Name":"/d","Type":"String","Value":"x"}\
                """));
    handler.delete(request(stack, "{}"), made);
    assertAwsError(() -> ssm.parameters().getParameter(stack, "/d", false), "ParameterNotFound");
    handler.delete(request(stack, "{}"), made);
  }

  @Test
  void templateParameterValue_isReadAsTheCaller() throws Exception {
    handler.create(
        request(
            stack,
            """
            {"Name":"/ami/latest","Type":"String","Value":"ami-123"}\
            """));
    assertThat(ssm.parameters().templateValue(stack, "/ami/latest")).isEqualTo("ami-123");
  }

  private ResourceRequest request(Caller caller, String properties) throws Exception {
    return new ResourceRequest(caller, "app", STACK_ID, "Config", properties(properties), Map.of());
  }

  private static ObjectNode properties(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }
}
