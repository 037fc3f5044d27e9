package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.kms.KmsService;
import java.util.Map;
import java.util.Set;

/**
 * AWS::KMS::Alias through {@link KmsService}: CreateAlias, UpdateAlias when TargetKeyId changes,
 * DeleteAlias. {@code Ref} returns the alias name; a new AliasName replaces the alias.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-alias.html">AWS::KMS::Alias</a>
 */
public final class KmsAliasHandler implements ResourceHandler {
  private static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "AWS::KMS::Alias",
          Set.of("AliasName", "TargetKeyId"),
          Set.of("AliasName", "TargetKeyId"),
          Set.of("AliasName"),
          Set.of(),
          null);

  private final KmsService kms;

  public KmsAliasHandler(KmsService kms) {
    this.kms = kms;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    PropertyValues properties = PropertyValues.of(request);
    String alias = properties.requiredString("AliasName");
    kms.aliases().createAlias(request.caller(), alias, properties.requiredString("TargetKeyId"));
    return new Provisioned(alias, Map.of());
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    PropertyValues properties = PropertyValues.of(request);
    PropertyValues previous = PropertyValues.of(request.logicalId(), previousProperties);
    if (properties.changed(previous, "TargetKeyId")) {
      kms.aliases()
          .updateAlias(
              request.caller(), current.physicalId(), properties.requiredString("TargetKeyId"));
    }
    return current;
  }

  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    try {
      kms.aliases().deleteAlias(request.caller(), current.physicalId());
    } catch (AwsException e) {
      if (!e.code().equals("NotFoundException")) {
        throw e;
      }
    }
  }
}
