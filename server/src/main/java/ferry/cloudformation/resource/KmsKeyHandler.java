package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.kms.CreateKeyRequest;
import ferry.kms.KmsKey;
import ferry.kms.KmsService;
import ferry.kms.Tag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * AWS::KMS::Key through {@link KmsService}: CreateKey with the key policy (the default key policy
 * when the template gives none), then DisableKey and EnableKeyRotation as the properties ask;
 * deleting it schedules its deletion after PendingWindowInDays.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-key.html">AWS::KMS::Key</a>
 */
public final class KmsKeyHandler implements ResourceHandler {
  static final String TYPE = "AWS::KMS::Key";

  /**
   * The current schema has no createOnlyProperties: a change to one of these fails the update
   * instead of replacing the key, so that no key (and the data it protects) is deleted by accident.
   */
  private static final Map<String, String> IMMUTABLE =
      Map.of(
          "KeySpec", "SYMMETRIC_DEFAULT",
          "KeyUsage", "ENCRYPT_DECRYPT",
          "MultiRegion", "false",
          "Origin", "AWS_KMS");

  private static final ResourceSchema SCHEMA =
      new ResourceSchema(
          TYPE,
          Set.of(
              "Description",
              "Enabled",
              "EnableKeyRotation",
              "KeyPolicy",
              "KeyUsage",
              "Origin",
              "KeySpec",
              "MultiRegion",
              "PendingWindowInDays",
              "Tags",
              "BypassPolicyLockoutSafetyCheck",
              "RotationPeriodInDays"),
          Set.of(),
          Set.of(),
          Set.of("Arn", "KeyId"),
          null);

  private final KmsService kms;

  public KmsKeyHandler(KmsService kms) {
    this.kms = kms;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    PropertyValues properties = PropertyValues.of(SCHEMA, request);
    String origin = properties.string("Origin");
    if (origin != null && !origin.equals("AWS_KMS")) {
      throw properties.unsupported(
          "Origin", "Ferry's KMS makes its own key material only (AWS_KMS), not " + origin);
    }
    Caller caller = request.caller();
    var create =
        new CreateKeyRequest(
            properties.document("KeyPolicy"),
            Objects.requireNonNullElse(properties.string("Description"), ""),
            Objects.requireNonNullElse(properties.string("KeyUsage"), "ENCRYPT_DECRYPT"),
            Objects.requireNonNullElse(properties.string("KeySpec"), "SYMMETRIC_DEFAULT"),
            tagList(properties.tagsWith(request.stackTags())),
            properties.bool("MultiRegion", false),
            properties.bool("BypassPolicyLockoutSafetyCheck", false));
    KmsKey key = kms.keys().createKey(caller, create).key();
    // The key exists but the resource failed: it is scheduled for deletion, so nothing is left.
    var made = new PartialCreation();
    made.made(() -> kms.keys().scheduleKeyDeletion(caller, key.keyId(), 7));
    try {
      if (properties.bool("EnableKeyRotation", false)) {
        kms.rotations()
            .enableKeyRotation(caller, key.keyId(), properties.integer("RotationPeriodInDays"));
      }
      if (!properties.bool("Enabled", true)) {
        kms.keys().disableKey(caller, key.keyId());
      }
    } catch (AwsException e) {
      throw made.undo(e);
    }
    return provisioned(key);
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    PropertyValues properties = PropertyValues.of(SCHEMA, request);
    PropertyValues previous = properties.previous(previousProperties);
    for (Map.Entry<String, String> immutable : IMMUTABLE.entrySet()) {
      String property = immutable.getKey();
      String fallback = immutable.getValue();
      if (!Objects.requireNonNullElse(properties.string(property), fallback)
          .equalsIgnoreCase(Objects.requireNonNullElse(previous.string(property), fallback))) {
        throw HandlerErrors.notUpdatable(
            "You cannot change the "
                + property
                + " of an existing KMS key ("
                + current.physicalId()
                + "): such an update fails instead of replacing the key, whatever the"
                + " UpdateReplacePolicy. Give the key a new logical ID to create another key.");
      }
    }
    Caller caller = request.caller();
    String keyId = current.physicalId();
    if (properties.changed(previous, "Description")) {
      kms.keys()
          .updateKeyDescription(
              caller, keyId, Objects.requireNonNullElse(properties.string("Description"), ""));
    }
    if (properties.changed(previous, "KeyPolicy")
        || properties.changed(previous, "BypassPolicyLockoutSafetyCheck")) {
      String policy = properties.document("KeyPolicy");
      kms.policies()
          .putKeyPolicy(
              caller,
              keyId,
              null,
              policy == null ? defaultPolicy(caller) : policy,
              properties.bool("BypassPolicyLockoutSafetyCheck", false));
    }
    boolean wasEnabled = previous.bool("Enabled", true);
    boolean enabled = properties.bool("Enabled", true);
    boolean rotationChanged =
        properties.changed(previous, "EnableKeyRotation")
            || properties.changed(previous, "RotationPeriodInDays");
    if (!wasEnabled && !enabled && rotationChanged) {
      throw HandlerErrors.invalidRequest(
          "You cannot modify the EnableKeyRotation property when the Enabled property is false."
              + " Set Enabled to true to modify the EnableKeyRotation property.");
    }
    if (!wasEnabled && enabled) {
      kms.keys().enableKey(caller, keyId);
    }
    if (rotationChanged) {
      if (properties.bool("EnableKeyRotation", false)) {
        kms.rotations()
            .enableKeyRotation(caller, keyId, properties.integer("RotationPeriodInDays"));
      } else {
        kms.rotations().disableKeyRotation(caller, keyId);
      }
    }
    if (wasEnabled && !enabled) {
      kms.keys().disableKey(caller, keyId);
    }
    TagChanges.of(previous.tagsWith(request.stackTags()), properties.tagsWith(request.stackTags()))
        .apply(
            tag -> kms.tags().tagResource(caller, keyId, tagList(tag.entrySet())),
            untag -> kms.tags().untagResource(caller, keyId, untag));
    return current;
  }

  /** ScheduleKeyDeletion; a key that is gone or already pending deletion is deleted. */
  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    Integer window = PropertyValues.of(SCHEMA, request).integer("PendingWindowInDays");
    try {
      kms.keys().scheduleKeyDeletion(request.caller(), current.physicalId(), window);
    } catch (AwsException e) {
      boolean pending =
          e.code().equals("KMSInvalidStateException")
              && e.getMessage().endsWith("is pending deletion.");
      if (!GoneAlready.is(e) && !pending) {
        throw e;
      }
    }
  }

  private static Provisioned provisioned(KmsKey key) {
    return new Provisioned(key.keyId(), Map.of("Arn", key.arn(), "KeyId", key.keyId()));
  }

  private static List<Tag> tagList(Collection<Map.Entry<String, String>> tags) {
    List<Tag> list = new ArrayList<>();
    tags.forEach(tag -> list.add(new Tag(tag.getKey(), tag.getValue())));
    return list;
  }

  private static String defaultPolicy(Caller caller) {
    return ferry.kms.KeyPolicies.defaultPolicy(caller.account());
  }
}
