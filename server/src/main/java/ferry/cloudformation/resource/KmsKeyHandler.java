package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.kms.CreateKeyRequest;
import ferry.kms.KmsKey;
import ferry.kms.KmsService;
import ferry.kms.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    PropertyValues properties = PropertyValues.of(request);
    String origin = properties.string("Origin");
    if (origin != null && !origin.equals("AWS_KMS")) {
      throw HandlerErrors.unsupported(
          TYPE, "Origin", "Ferry's KMS makes its own key material only (AWS_KMS), not " + origin);
    }
    Caller caller = request.caller();
    var create =
        new CreateKeyRequest(
            properties.document("KeyPolicy"),
            Objects.requireNonNullElse(properties.string("Description"), ""),
            Objects.requireNonNullElse(properties.string("KeyUsage"), "ENCRYPT_DECRYPT"),
            Objects.requireNonNullElse(properties.string("KeySpec"), "SYMMETRIC_DEFAULT"),
            tagList(tags(properties, request)),
            properties.bool("MultiRegion", false),
            properties.bool("BypassPolicyLockoutSafetyCheck", false));
    KmsKey key = kms.keys().createKey(caller, create).key();
    try {
      if (properties.bool("EnableKeyRotation", false)) {
        kms.rotations()
            .enableKeyRotation(caller, key.keyId(), properties.integer("RotationPeriodInDays"));
      }
      if (!properties.bool("Enabled", true)) {
        kms.keys().disableKey(caller, key.keyId());
      }
    } catch (AwsException e) {
      // The key exists but the resource failed: it is scheduled for deletion, so nothing is left.
      try {
        kms.keys().scheduleKeyDeletion(caller, key.keyId(), 7);
      } catch (AwsException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return provisioned(key);
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    PropertyValues properties = PropertyValues.of(request);
    PropertyValues previous = PropertyValues.of(request.logicalId(), previousProperties);
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
    if (properties.changed(previous, "Description")) {
      throw HandlerErrors.unsupported(
          TYPE,
          "Description",
          "changing it needs UpdateKeyDescription, which Ferry's KMS does not implement");
    }
    Caller caller = request.caller();
    String keyId = current.physicalId();
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
    Map<String, String> before = tags(previous, request);
    Map<String, String> after = tags(properties, request);
    List<String> removed = before.keySet().stream().filter(k -> !after.containsKey(k)).toList();
    if (!removed.isEmpty()) {
      kms.tags().untagResource(caller, keyId, removed);
    }
    Map<String, String> added = new LinkedHashMap<>(after);
    added.entrySet().removeIf(tag -> tag.getValue().equals(before.get(tag.getKey())));
    if (!added.isEmpty()) {
      kms.tags().tagResource(caller, keyId, tagList(added));
    }
    return current;
  }

  /** ScheduleKeyDeletion; a key that is gone or already pending deletion is deleted. */
  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    Integer window = PropertyValues.of(request).integer("PendingWindowInDays");
    try {
      kms.keys().scheduleKeyDeletion(request.caller(), current.physicalId(), window);
    } catch (AwsException e) {
      if (!e.code().equals("NotFoundException")
          && !(e.code().equals("KMSInvalidStateException")
              && e.getMessage().endsWith("is pending deletion."))) {
        throw e;
      }
    }
  }

  private static Provisioned provisioned(KmsKey key) {
    return new Provisioned(key.keyId(), Map.of("Arn", key.arn(), "KeyId", key.keyId()));
  }

  /** The stack's tags, then the template's (which win). */
  private static Map<String, String> tags(PropertyValues properties, ResourceRequest request) {
    Map<String, String> tags = new LinkedHashMap<>(request.stackTags());
    tags.putAll(properties.tags("Tags"));
    return tags;
  }

  private static List<Tag> tagList(Map<String, String> tags) {
    List<Tag> list = new ArrayList<>();
    tags.forEach((key, value) -> list.add(new Tag(key, value)));
    return list;
  }

  private static String defaultPolicy(Caller caller) {
    return ferry.kms.KeyPolicies.defaultPolicy(caller.account());
  }
}
