package ferry.cloudformation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.cloudformation.resource.Provisioned;
import ferry.cloudformation.resource.ResourceHandler;
import ferry.cloudformation.resource.ResourceRequest;
import ferry.cloudformation.resource.ResourceSchema;
import ferry.iam.IamRoles;
import ferry.iam.IamService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Small handlers for the engine's tests: an in-memory thing, and IAM roles through IAM. */
final class TestHandlers {
  private TestHandlers() {}

  /**
   * {@code Test::Thing::Item}: kept in a map. {@code Name} is create-only (a change replaces the
   * thing), {@code Value} is updated in place, {@code Fail: true} makes its service refuse.
   */
  static final class Things implements ResourceHandler {
    final Map<String, ObjectNode> made = new ConcurrentHashMap<>();
    final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public ResourceSchema schema() {
      return new ResourceSchema(
          "Test::Thing::Item",
          Set.of("Name", "Value", "Fail", "Tags"),
          Set.of("Value"),
          Set.of("Name"),
          Set.of("Arn"),
          "Name");
    }

    @Override
    public Provisioned create(ResourceRequest request) {
      calls.add("create " + request.logicalId());
      ObjectNode properties = request.properties();
      if (properties.path("Fail").asBoolean()) {
        throw new AwsException(
            ErrorCode.sender("InvalidRequest", 400), "The thing refused to be made");
      }
      String name =
          properties.has("Name") ? properties.get("Name").asText() : request.generatedName(64);
      if (made.putIfAbsent(name, properties.deepCopy()) != null) {
        throw new AwsException(
            ErrorCode.sender("EntityAlreadyExists", 409), "Thing " + name + " already exists");
      }
      return new Provisioned(name, Map.of("Arn", "arn:thing:" + name));
    }

    @Override
    public Provisioned update(
        ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
      calls.add("update " + request.logicalId());
      if (request.properties().path("Fail").asBoolean()) {
        throw new AwsException(
            ErrorCode.sender("InvalidRequest", 400), "The thing refused to change");
      }
      made.put(current.physicalId(), request.properties().deepCopy());
      return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
      calls.add("delete " + request.logicalId());
      made.remove(current.physicalId());
    }
  }

  /** {@code AWS::IAM::Role} through IAM, as the request's caller. */
  static final class Roles implements ResourceHandler {
    private final IamService iam;

    Roles(IamService iam) {
      this.iam = iam;
    }

    @Override
    public ResourceSchema schema() {
      return new ResourceSchema(
          "AWS::IAM::Role",
          Set.of("RoleName", "AssumeRolePolicyDocument"),
          Set.of("AssumeRolePolicyDocument"),
          Set.of("RoleName"),
          Set.of("Arn", "RoleId"),
          "RoleName");
    }

    @Override
    public Provisioned create(ResourceRequest request) {
      ObjectNode properties = request.properties();
      String name =
          properties.has("RoleName")
              ? properties.get("RoleName").asText()
              : request.generatedName(64);
      var role =
          iam.roles()
              .createRole(
                  request.caller(),
                  new IamRoles.CreateRoleRequest(
                      name,
                      null,
                      properties.get("AssumeRolePolicyDocument").toString(),
                      null,
                      null,
                      Map.of(),
                      null));
      return new Provisioned(role.name(), Map.of("Arn", role.arn(), "RoleId", role.roleId()));
    }

    @Override
    public Provisioned update(
        ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
      iam.roles()
          .updateAssumeRolePolicy(
              request.caller(),
              current.physicalId(),
              request.properties().get("AssumeRolePolicyDocument").toString());
      return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
      try {
        iam.roles().deleteRole(request.caller(), current.physicalId());
      } catch (AwsException e) {
        if (!e.code().equals("NoSuchEntity")) {
          throw e;
        }
      }
    }
  }
}
