package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.iam.EntityKind;
import ferry.iam.IamService;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::Policy: one inline policy, put into each of the roles, users and groups it names,
 * through IAM as the stack's caller. {@code Ref} (and {@code Id}) is an id CloudFormation makes
 * from the stack's and the resource's names, as AWS's {@code stack-Logic-RANDOM}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-policy.html">AWS::IAM::Policy</a>
 */
public final class IamPolicyHandler implements ResourceHandler {
  static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "AWS::IAM::Policy",
          Set.of("Groups", "PolicyDocument", "PolicyName", "Roles", "Users"),
          Set.of("PolicyDocument", "PolicyName"),
          Set.of(),
          Set.of("Id"),
          null);
  private static final int ID_PART = 5;

  private final IamService iam;

  public IamPolicyHandler(IamService iam) {
    this.iam = iam;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  /** The entities a policy is in: each kind with its names. */
  private record Holders(Map<EntityKind, List<String>> names) {
    static Holders of(SchemaValues properties) {
      return new Holders(
          Map.of(
              EntityKind.ROLE, properties.strings("Roles"),
              EntityKind.USER, properties.strings("Users"),
              EntityKind.GROUP, properties.strings("Groups")));
    }

    boolean isEmpty() {
      return names.values().stream().allMatch(List::isEmpty);
    }

    boolean contains(EntityKind kind, String name) {
      return names.get(kind).contains(name);
    }
  }

  private static final List<EntityKind> KINDS =
      List.of(EntityKind.ROLE, EntityKind.USER, EntityKind.GROUP);

  @Override
  public Provisioned create(ResourceRequest request) {
    SchemaValues properties = SchemaValues.of(SCHEMA, request);
    String name = properties.requiredString("PolicyName");
    String document = properties.requiredDocument("PolicyDocument");
    Holders holders = holders(properties);
    Caller caller = request.caller();
    var made = new PartialCreation();
    try {
      for (EntityKind kind : KINDS) {
        for (String entity : holders.names().get(kind)) {
          iam.entityPolicies().putInlinePolicy(caller, kind, entity, name, document);
          made.made(() -> iam.entityPolicies().deleteInlinePolicy(caller, kind, entity, name));
        }
      }
    } catch (AwsException e) {
      throw made.undo(e);
    }
    String id =
        GeneratedName.of(
            prefix(request.stackName()), prefix(request.logicalId()), 2 * ID_PART + 14);
    return new Provisioned(id, Map.of("Id", id));
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    SchemaValues wanted = SchemaValues.of(SCHEMA, request);
    SchemaValues before = wanted.previous(previousProperties);
    String name = wanted.requiredString("PolicyName");
    String oldName = before.requiredString("PolicyName");
    String document = wanted.requiredDocument("PolicyDocument");
    boolean documentChanged = wanted.changed(before, "PolicyDocument");
    Holders holders = holders(wanted);
    Holders oldHolders = Holders.of(before);
    Caller caller = request.caller();
    for (EntityKind kind : KINDS) {
      for (String entity : holders.names().get(kind)) {
        if (documentChanged || !name.equals(oldName) || !oldHolders.contains(kind, entity)) {
          iam.entityPolicies().putInlinePolicy(caller, kind, entity, name, document);
        }
      }
    }
    for (EntityKind kind : KINDS) {
      for (String entity : oldHolders.names().get(kind)) {
        if (!name.equals(oldName) || !holders.contains(kind, entity)) {
          GoneAlready.ignore(
              () -> iam.entityPolicies().deleteInlinePolicy(caller, kind, entity, oldName));
        }
      }
    }
    return current;
  }

  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    SchemaValues properties = SchemaValues.of(SCHEMA, request);
    String name = properties.requiredString("PolicyName");
    Holders holders = Holders.of(properties);
    for (EntityKind kind : KINDS) {
      for (String entity : holders.names().get(kind)) {
        GoneAlready.ignore(
            () -> iam.entityPolicies().deleteInlinePolicy(request.caller(), kind, entity, name));
      }
    }
  }

  private static Holders holders(SchemaValues properties) {
    Holders holders = Holders.of(properties);
    if (holders.isEmpty()) {
      throw properties.invalid("At least one of [Groups,Roles,Users] must be non-empty.");
    }
    return holders;
  }

  private static String prefix(String name) {
    return name.substring(0, Math.min(ID_PART, name.length()));
  }
}
