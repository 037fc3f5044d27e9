package ferry.cloudformation.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.iam.EntityKind;
import ferry.iam.IamService;
import ferry.iam.User;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Resource requests as a stack makes them (stack {@code dev}, the caller with CloudFormation acting
 * for it), and callers limited to one identity policy, for the handler tests.
 */
final class TemplateRequests {
  static final String STACK = "dev";
  static final String STACK_ID =
      "arn:aws:cloudformation:us-east-1:111111111111:stack/dev/6a1d2c80-0f3a-11ef-9e0f-0a1b2c3d4e5f";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TemplateRequests() {}

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static ResourceRequest request(Caller caller, String logicalId, String properties) {
    return request(caller, logicalId, properties, Map.of());
  }

  static ResourceRequest request(
      Caller caller, String logicalId, String properties, Map<String, String> stackTags) {
    return new ResourceRequest(
        caller.via("cloudformation.amazonaws.com"),
        STACK,
        STACK_ID,
        logicalId,
        json(properties),
        stackTags);
  }

  /** A new IAM user of the caller's account whose only permissions are {@code policy}. */
  static Caller userWith(IamService iam, Caller root, String name, String policy) {
    User user = iam.users().createUser(root, null, name);
    iam.entityPolicies().putInlinePolicy(root, EntityKind.USER, name, "only", policy);
    return Caller.of(
        new Principal.IamUser(user.account(), user.path(), user.name(), user.userId()),
        Region.US_EAST_1,
        Instant.now());
  }

  static String allow(String... actions) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + JSON.valueToTree(actions)
        + ",\"Resource\":\"*\"}]}";
  }

  /** Asserts IAM's AccessDenied carrying the decision's id, and returns it. */
  static AwsException assertDenied(ThrowingCallable call) {
    return assertDenied(call, "AccessDenied");
  }

  /** Asserts a service's access-denied error carrying the decision's id, and returns it. */
  static AwsException assertDenied(ThrowingCallable call, String code) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(AwsException.class);
    AwsException error = (AwsException) thrown;
    assertThat(error.code()).as(error.getMessage()).isEqualTo(code);
    assertThat(error.headers()).containsKey("x-ferry-decision-id");
    return error;
  }
}
