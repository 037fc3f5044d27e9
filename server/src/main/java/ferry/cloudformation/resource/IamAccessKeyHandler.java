package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.iam.AccessKey;
import ferry.iam.IamService;
import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::AccessKey: a long-term key of a user, through IAM as the stack's caller. {@code Ref} is
 * the access key id, {@code Fn::GetAtt SecretAccessKey} its secret. A new {@code Serial} (or user)
 * replaces the key; a new {@code Status} updates it in place.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-accesskey.html">AWS::IAM::AccessKey</a>
 */
public final class IamAccessKeyHandler implements ResourceHandler {
  static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "AWS::IAM::AccessKey",
          Set.of("Serial", "Status", "UserName"),
          Set.of("UserName"),
          Set.of("Serial", "UserName"),
          Set.of("Id", "SecretAccessKey"),
          null);

  private final IamService iam;

  public IamAccessKeyHandler(IamService iam) {
    this.iam = iam;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    SchemaValues properties = SchemaValues.of(SCHEMA, request);
    properties.integer("Serial");
    String userName = properties.requiredString("UserName");
    String status = status(properties);
    Caller caller = request.caller();
    AccessKey key = iam.users().createAccessKey(caller, userName);
    if (status.equals("Inactive")) {
      try {
        iam.users().updateAccessKey(caller, userName, key.accessKeyId(), status);
      } catch (AwsException e) {
        var made = new PartialCreation();
        made.made(() -> iam.users().deleteAccessKey(caller, userName, key.accessKeyId()));
        throw made.undo(e);
      }
    }
    return new Provisioned(
        key.accessKeyId(),
        Map.of("Id", key.accessKeyId(), "SecretAccessKey", key.secretAccessKey()));
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    SchemaValues wanted = SchemaValues.of(SCHEMA, request);
    SchemaValues before = wanted.previous(previousProperties);
    String status = status(wanted);
    if (!status.equals(status(before))) {
      iam.users()
          .updateAccessKey(
              request.caller(), wanted.requiredString("UserName"), current.physicalId(), status);
    }
    return current;
  }

  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    String userName = SchemaValues.of(SCHEMA, request).requiredString("UserName");
    GoneAlready.ignore(
        () -> iam.users().deleteAccessKey(request.caller(), userName, current.physicalId()));
  }

  private static String status(SchemaValues properties) {
    String status = properties.string("Status");
    if (status == null) {
      return "Active";
    }
    if (!status.equals("Active") && !status.equals("Inactive")) {
      throw properties.invalid(
          properties.at("Status") + ": " + status + " is not a valid enum value");
    }
    return status;
  }
}
