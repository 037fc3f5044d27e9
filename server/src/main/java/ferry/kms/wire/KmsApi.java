package ferry.kms.wire;

import static ferry.kms.wire.KmsShapes.SYMMETRIC_DEFAULT;
import static ferry.kms.wire.KmsShapes.base64;
import static ferry.kms.wire.KmsShapes.checkAlgorithm;
import static ferry.kms.wire.KmsShapes.customKeyStore;
import static ferry.kms.wire.KmsShapes.dryRun;
import static ferry.kms.wire.KmsShapes.keyMetadata;
import static ferry.kms.wire.KmsShapes.orDefault;
import static ferry.kms.wire.KmsShapes.orEmpty;
import static ferry.kms.wire.KmsShapes.paged;
import static ferry.kms.wire.KmsShapes.refuse;
import static ferry.kms.wire.KmsShapes.refuseDryRun;
import static ferry.kms.wire.KmsShapes.requiredBlob;
import static ferry.kms.wire.KmsShapes.requiredMember;
import static ferry.kms.wire.KmsShapes.stringMap;
import static ferry.kms.wire.KmsShapes.tags;
import static ferry.kms.wire.KmsShapes.tagsJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.Region;
import ferry.kms.CreateGrantRequest;
import ferry.kms.CreateGrantResult;
import ferry.kms.CreateKeyRequest;
import ferry.kms.DecryptRequest;
import ferry.kms.DecryptResult;
import ferry.kms.EncryptRequest;
import ferry.kms.EncryptResult;
import ferry.kms.GenerateDataKeyRequest;
import ferry.kms.GenerateDataKeyResult;
import ferry.kms.Grant;
import ferry.kms.KeyMaterial;
import ferry.kms.KeyMetadata;
import ferry.kms.KeyPolicies;
import ferry.kms.KeyRotationStatus;
import ferry.kms.KmsAlias;
import ferry.kms.KmsErrors;
import ferry.kms.KmsKey;
import ferry.kms.KmsRotations;
import ferry.kms.KmsService;
import ferry.kms.Page;
import ferry.kms.ReEncryptRequest;
import ferry.kms.ReEncryptResult;
import ferry.kms.ReplicateKeyRequest;
import ferry.kms.Tag;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonApi;
import ferry.protocol.json.JsonInput;
import ferry.protocol.json.JsonOperation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * KMS's JSON 1.1 binding: {@code X-Amz-Target: TrentService.<Op>}, members as the botocore model
 * names them.
 */
public final class KmsApi extends JsonApi {
  private final KmsService kms;
  private final Map<String, JsonOperation> operations;

  public KmsApi(KmsService kms) {
    super("kms", "TrentService");
    this.kms = kms;
    this.operations =
        Map.ofEntries(
            Map.entry("CreateKey", this::createKey),
            Map.entry("DescribeKey", this::describeKey),
            Map.entry("ListKeys", this::listKeys),
            Map.entry("EnableKey", this::enableKey),
            Map.entry("DisableKey", this::disableKey),
            Map.entry("UpdateKeyDescription", this::updateKeyDescription),
            Map.entry("ScheduleKeyDeletion", this::scheduleKeyDeletion),
            Map.entry("CancelKeyDeletion", this::cancelKeyDeletion),
            Map.entry("ReplicateKey", this::replicateKey),
            Map.entry("CreateAlias", this::createAlias),
            Map.entry("UpdateAlias", this::updateAlias),
            Map.entry("DeleteAlias", this::deleteAlias),
            Map.entry("ListAliases", this::listAliases),
            Map.entry("GetKeyPolicy", this::getKeyPolicy),
            Map.entry("PutKeyPolicy", this::putKeyPolicy),
            Map.entry("ListKeyPolicies", this::listKeyPolicies),
            Map.entry("Encrypt", this::encrypt),
            Map.entry("Decrypt", this::decrypt),
            Map.entry("ReEncrypt", this::reEncrypt),
            Map.entry("GenerateDataKey", this::generateDataKey),
            Map.entry("GenerateDataKeyWithoutPlaintext", this::generateDataKeyWithoutPlaintext),
            Map.entry("GenerateRandom", this::generateRandom),
            Map.entry("CreateGrant", this::createGrant),
            Map.entry("ListGrants", this::listGrants),
            Map.entry("RetireGrant", this::retireGrant),
            Map.entry("RevokeGrant", this::revokeGrant),
            Map.entry("EnableKeyRotation", this::enableKeyRotation),
            Map.entry("DisableKeyRotation", this::disableKeyRotation),
            Map.entry("GetKeyRotationStatus", this::getKeyRotationStatus),
            Map.entry("RotateKeyOnDemand", this::rotateKeyOnDemand),
            Map.entry("ListKeyRotations", this::listKeyRotations),
            Map.entry("TagResource", this::tagResource),
            Map.entry("UntagResource", this::untagResource),
            Map.entry("ListResourceTags", this::listResourceTags));
  }

  @Override
  protected Map<String, JsonOperation> operations() {
    return operations;
  }

  // ---- keys ----

  private ObjectNode createKey(JsonInput in, ApiRequest request) {
    String keySpec = in.string("KeySpec");
    String legacySpec = in.string("CustomerMasterKeySpec");
    if (keySpec != null && legacySpec != null) {
      throw KmsErrors.validation(
          "You cannot specify KeySpec and CustomerMasterKeySpec in the same request."
              + " CustomerMasterKeySpec is deprecated.");
    }
    customKeyStore(in);
    refuse(in, "CreateKey", "XksKeyId");
    String origin = in.string("Origin");
    if (origin != null && !origin.equals("AWS_KMS")) {
      throw KmsErrors.unsupportedOperation(
          "Ferry creates keys of Origin AWS_KMS only, not " + origin);
    }
    var create =
        new CreateKeyRequest(
            in.string("Policy"),
            orEmpty(in.string("Description")),
            orDefault(in.string("KeyUsage"), "ENCRYPT_DECRYPT"),
            orDefault(keySpec != null ? keySpec : legacySpec, SYMMETRIC_DEFAULT),
            tags(in),
            Boolean.TRUE.equals(in.bool("MultiRegion")),
            Boolean.TRUE.equals(in.bool("BypassPolicyLockoutSafetyCheck")));
    KeyMetadata metadata = kms.keys().createKey(request.caller(), create);
    ObjectNode out = Json.object();
    out.set("KeyMetadata", keyMetadata(metadata));
    return out;
  }

  private ObjectNode describeKey(JsonInput in, ApiRequest request) {
    KeyMetadata metadata = kms.keys().describeKey(request.caller(), in.requiredString("KeyId"));
    ObjectNode out = Json.object();
    out.set("KeyMetadata", keyMetadata(metadata));
    return out;
  }

  private ObjectNode listKeys(JsonInput in, ApiRequest request) {
    Page<KmsKey> page =
        kms.keys().listKeys(request.caller(), in.integer("Limit"), in.string("Marker"));
    ObjectNode out = Json.object();
    ArrayNode keys = out.putArray("Keys");
    for (KmsKey key : page.items()) {
      keys.addObject().put("KeyId", key.keyId()).put("KeyArn", key.arn());
    }
    return paged(out, page);
  }

  private ObjectNode enableKey(JsonInput in, ApiRequest request) {
    kms.keys().enableKey(request.caller(), in.requiredString("KeyId"));
    return Json.object();
  }

  private ObjectNode disableKey(JsonInput in, ApiRequest request) {
    kms.keys().disableKey(request.caller(), in.requiredString("KeyId"));
    return Json.object();
  }

  private ObjectNode updateKeyDescription(JsonInput in, ApiRequest request) {
    kms.keys()
        .updateKeyDescription(
            request.caller(), in.requiredString("KeyId"), in.requiredString("Description"));
    return Json.object();
  }

  private ObjectNode scheduleKeyDeletion(JsonInput in, ApiRequest request) {
    KmsKey key =
        kms.keys()
            .scheduleKeyDeletion(
                request.caller(), in.requiredString("KeyId"), in.integer("PendingWindowInDays"));
    ObjectNode out = Json.object().put("KeyId", key.arn());
    Instant deletion = key.deletionDate();
    if (deletion != null) {
      out.put("DeletionDate", Json.epochSeconds(deletion));
    }
    out.put("KeyState", key.state().wireName());
    Integer window = key.pendingWindowDays();
    if (window != null) {
      out.put("PendingWindowInDays", window);
    }
    return out;
  }

  private ObjectNode cancelKeyDeletion(JsonInput in, ApiRequest request) {
    KmsKey key = kms.keys().cancelKeyDeletion(request.caller(), in.requiredString("KeyId"));
    return Json.object().put("KeyId", key.arn());
  }

  private ObjectNode replicateKey(JsonInput in, ApiRequest request) {
    var replicate =
        new ReplicateKeyRequest(
            in.requiredString("KeyId"),
            Region.of(in.requiredString("ReplicaRegion")),
            in.string("Policy"),
            in.string("Description"),
            tags(in),
            Boolean.TRUE.equals(in.bool("BypassPolicyLockoutSafetyCheck")));
    KeyMetadata replica = kms.keys().replicateKey(request.caller(), replicate);
    ObjectNode out = Json.object();
    out.set("ReplicaKeyMetadata", keyMetadata(replica));
    out.put("ReplicaPolicy", replica.key().policy());
    out.set("ReplicaTags", tagsJson(replica.key().tags()));
    return out;
  }

  // ---- aliases ----

  private ObjectNode createAlias(JsonInput in, ApiRequest request) {
    kms.aliases()
        .createAlias(
            request.caller(), in.requiredString("AliasName"), in.requiredString("TargetKeyId"));
    return Json.object();
  }

  private ObjectNode updateAlias(JsonInput in, ApiRequest request) {
    kms.aliases()
        .updateAlias(
            request.caller(), in.requiredString("AliasName"), in.requiredString("TargetKeyId"));
    return Json.object();
  }

  private ObjectNode deleteAlias(JsonInput in, ApiRequest request) {
    kms.aliases().deleteAlias(request.caller(), in.requiredString("AliasName"));
    return Json.object();
  }

  private ObjectNode listAliases(JsonInput in, ApiRequest request) {
    Page<KmsAlias> page =
        kms.aliases()
            .listAliases(
                request.caller(), in.string("KeyId"), in.integer("Limit"), in.string("Marker"));
    ObjectNode out = Json.object();
    ArrayNode aliases = out.putArray("Aliases");
    for (KmsAlias alias : page.items()) {
      aliases
          .addObject()
          .put("AliasName", alias.name())
          .put("AliasArn", alias.arn())
          .put("TargetKeyId", alias.targetKeyId())
          .put("CreationDate", Json.epochSeconds(alias.created()))
          .put("LastUpdatedDate", Json.epochSeconds(alias.lastUpdated()));
    }
    return paged(out, page);
  }

  // ---- key policies ----

  private ObjectNode getKeyPolicy(JsonInput in, ApiRequest request) {
    String policy =
        kms.policies()
            .getKeyPolicy(request.caller(), in.requiredString("KeyId"), in.string("PolicyName"));
    return Json.object().put("Policy", policy).put("PolicyName", KeyPolicies.POLICY_NAME);
  }

  private ObjectNode putKeyPolicy(JsonInput in, ApiRequest request) {
    kms.policies()
        .putKeyPolicy(
            request.caller(),
            in.requiredString("KeyId"),
            in.string("PolicyName"),
            in.requiredString("Policy"),
            Boolean.TRUE.equals(in.bool("BypassPolicyLockoutSafetyCheck")));
    return Json.object();
  }

  private ObjectNode listKeyPolicies(JsonInput in, ApiRequest request) {
    List<String> names =
        kms.policies().listKeyPolicies(request.caller(), in.requiredString("KeyId"));
    ObjectNode out = Json.object();
    ArrayNode array = out.putArray("PolicyNames");
    names.forEach(array::add);
    out.put("Truncated", false);
    return out;
  }

  // ---- cryptography ----

  private ObjectNode encrypt(JsonInput in, ApiRequest request) {
    checkAlgorithm(in.string("EncryptionAlgorithm"));
    EncryptResult result =
        kms.cryptography()
            .encrypt(
                request.caller(),
                new EncryptRequest(
                    in.requiredString("KeyId"),
                    requiredBlob(in, "Plaintext"),
                    in.stringMap("EncryptionContext")));
    dryRun(in);
    return Json.object()
        .put("CiphertextBlob", base64(result.ciphertextBlob()))
        .put("KeyId", result.keyArn())
        .put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
  }

  private ObjectNode decrypt(JsonInput in, ApiRequest request) {
    refuse(in, "Decrypt", "Recipient", "DryRunModifiers");
    checkAlgorithm(in.string("EncryptionAlgorithm"));
    DecryptResult result =
        kms.cryptography()
            .decrypt(
                request.caller(),
                new DecryptRequest(
                    requiredBlob(in, "CiphertextBlob"),
                    in.stringMap("EncryptionContext"),
                    in.string("KeyId")));
    dryRun(in);
    return Json.object()
        .put("KeyId", result.keyArn())
        .put("Plaintext", base64(result.plaintext()))
        .put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
  }

  private ObjectNode reEncrypt(JsonInput in, ApiRequest request) {
    refuse(in, "ReEncrypt", "DryRunModifiers");
    checkAlgorithm(in.string("SourceEncryptionAlgorithm"));
    checkAlgorithm(in.string("DestinationEncryptionAlgorithm"));
    ReEncryptResult result =
        kms.cryptography()
            .reEncrypt(
                request.caller(),
                new ReEncryptRequest(
                    requiredBlob(in, "CiphertextBlob"),
                    in.stringMap("SourceEncryptionContext"),
                    in.string("SourceKeyId"),
                    in.requiredString("DestinationKeyId"),
                    in.stringMap("DestinationEncryptionContext")));
    dryRun(in);
    return Json.object()
        .put("CiphertextBlob", base64(result.ciphertextBlob()))
        .put("SourceKeyId", result.sourceKeyArn())
        .put("KeyId", result.keyArn())
        .put("SourceEncryptionAlgorithm", SYMMETRIC_DEFAULT)
        .put("DestinationEncryptionAlgorithm", SYMMETRIC_DEFAULT);
  }

  private ObjectNode generateDataKey(JsonInput in, ApiRequest request) {
    refuse(in, "GenerateDataKey", "Recipient");
    GenerateDataKeyResult result =
        kms.cryptography().generateDataKey(request.caller(), dataKeyRequest(in));
    dryRun(in);
    return Json.object()
        .put("CiphertextBlob", base64(result.ciphertextBlob()))
        .put("Plaintext", base64(result.plaintext()))
        .put("KeyId", result.keyArn());
  }

  private ObjectNode generateDataKeyWithoutPlaintext(JsonInput in, ApiRequest request) {
    EncryptResult result =
        kms.cryptography().generateDataKeyWithoutPlaintext(request.caller(), dataKeyRequest(in));
    dryRun(in);
    return Json.object()
        .put("CiphertextBlob", base64(result.ciphertextBlob()))
        .put("KeyId", result.keyArn());
  }

  private static GenerateDataKeyRequest dataKeyRequest(JsonInput in) {
    String keySpec = in.string("KeySpec");
    Integer numberOfBytes = in.integer("NumberOfBytes");
    if ((keySpec == null) == (numberOfBytes == null)) {
      throw KmsErrors.validation("Please specify either number of bytes or key spec.");
    }
    int bytes;
    if (keySpec == null) {
      bytes = numberOfBytes;
    } else {
      bytes =
          switch (keySpec) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default ->
                throw KmsErrors.constraint(
                    "keySpec", keySpec, "Member must satisfy enum value set: [AES_256, AES_128]");
          };
    }
    return new GenerateDataKeyRequest(
        in.requiredString("KeyId"), in.stringMap("EncryptionContext"), bytes);
  }

  private ObjectNode generateRandom(JsonInput in, ApiRequest request) {
    customKeyStore(in);
    refuse(in, "GenerateRandom", "Recipient");
    byte[] random =
        kms.cryptography().generateRandom(request.caller(), in.integer("NumberOfBytes"));
    return Json.object().put("Plaintext", base64(random));
  }

  // ---- grants ----

  private ObjectNode createGrant(JsonInput in, ApiRequest request) {
    refuseDryRun(in, "CreateGrant");
    JsonInput constraints = in.object("Constraints");
    Map<String, String> subset = null;
    Map<String, String> equals = null;
    if (constraints != null) {
      subset =
          constraints.node().has("EncryptionContextSubset")
              ? constraints.stringMap("EncryptionContextSubset")
              : null;
      equals =
          constraints.node().has("EncryptionContextEquals")
              ? constraints.stringMap("EncryptionContextEquals")
              : null;
    }
    CreateGrantResult result =
        kms.grants()
            .createGrant(
                request.caller(),
                new CreateGrantRequest(
                    in.requiredString("KeyId"),
                    in.requiredString("GranteePrincipal"),
                    in.string("RetiringPrincipal"),
                    in.strings("Operations"),
                    subset,
                    equals,
                    in.string("Name")));
    return Json.object().put("GrantToken", result.grantToken()).put("GrantId", result.grantId());
  }

  private ObjectNode listGrants(JsonInput in, ApiRequest request) {
    Page<Grant> page =
        kms.grants()
            .listGrants(
                request.caller(),
                in.requiredString("KeyId"),
                in.string("GrantId"),
                in.string("GranteePrincipal"),
                in.integer("Limit"),
                in.string("Marker"));
    ObjectNode out = Json.object();
    ArrayNode grants = out.putArray("Grants");
    for (Grant grant : page.items()) {
      ObjectNode entry =
          grants
              .addObject()
              .put("KeyId", grant.keyArn())
              .put("GrantId", grant.grantId())
              .put("CreationDate", Json.epochSeconds(grant.created()))
              .put("GranteePrincipal", grant.granteePrincipal())
              .put("IssuingAccount", grant.issuingAccount().rootArn());
      if (grant.name() != null) {
        entry.put("Name", grant.name());
      }
      if (grant.retiringPrincipal() != null) {
        entry.put("RetiringPrincipal", grant.retiringPrincipal());
      }
      ArrayNode ops = entry.putArray("Operations");
      grant.operations().forEach(ops::add);
      Map<String, String> subset = grant.encryptionContextSubset();
      Map<String, String> equals = grant.encryptionContextEquals();
      if (subset != null || equals != null) {
        ObjectNode constraints = entry.putObject("Constraints");
        if (subset != null) {
          constraints.set("EncryptionContextSubset", stringMap(subset));
        }
        if (equals != null) {
          constraints.set("EncryptionContextEquals", stringMap(equals));
        }
      }
    }
    return paged(out, page);
  }

  private ObjectNode retireGrant(JsonInput in, ApiRequest request) {
    refuseDryRun(in, "RetireGrant");
    kms.grants()
        .retireGrant(
            request.caller(), in.string("GrantToken"), in.string("KeyId"), in.string("GrantId"));
    return Json.object();
  }

  private ObjectNode revokeGrant(JsonInput in, ApiRequest request) {
    refuseDryRun(in, "RevokeGrant");
    kms.grants()
        .revokeGrant(request.caller(), in.requiredString("KeyId"), in.requiredString("GrantId"));
    return Json.object();
  }

  // ---- rotation ----

  private ObjectNode enableKeyRotation(JsonInput in, ApiRequest request) {
    kms.rotations()
        .enableKeyRotation(
            request.caller(), in.requiredString("KeyId"), in.integer("RotationPeriodInDays"));
    return Json.object();
  }

  private ObjectNode disableKeyRotation(JsonInput in, ApiRequest request) {
    kms.rotations().disableKeyRotation(request.caller(), in.requiredString("KeyId"));
    return Json.object();
  }

  private ObjectNode getKeyRotationStatus(JsonInput in, ApiRequest request) {
    KeyRotationStatus status =
        kms.rotations().getKeyRotationStatus(request.caller(), in.requiredString("KeyId"));
    ObjectNode out =
        Json.object()
            .put("KeyRotationEnabled", status.keyRotationEnabled())
            .put("KeyId", status.keyId());
    Integer period = status.rotationPeriodInDays();
    if (period != null) {
      out.put("RotationPeriodInDays", period);
    }
    Instant next = status.nextRotationDate();
    if (next != null) {
      out.put("NextRotationDate", Json.epochSeconds(next));
    }
    return out;
  }

  private ObjectNode rotateKeyOnDemand(JsonInput in, ApiRequest request) {
    String keyId = kms.rotations().rotateKeyOnDemand(request.caller(), in.requiredString("KeyId"));
    return Json.object().put("KeyId", keyId);
  }

  private ObjectNode listKeyRotations(JsonInput in, ApiRequest request) {
    Page<KmsRotations.RotationEntry> page =
        kms.rotations()
            .listKeyRotations(
                request.caller(),
                in.requiredString("KeyId"),
                in.string("IncludeKeyMaterial"),
                in.integer("Limit"),
                in.string("Marker"));
    ObjectNode out = Json.object();
    ArrayNode rotations = out.putArray("Rotations");
    for (KmsRotations.RotationEntry entry : page.items()) {
      KeyMaterial material = entry.material();
      ObjectNode node =
          rotations
              .addObject()
              .put("KeyId", material.keyId())
              .put("KeyMaterialId", material.materialId())
              .put("KeyMaterialState", entry.current() ? "CURRENT" : "NON_CURRENT");
      Instant date = material.rotationDate();
      if (date != null) {
        node.put("RotationDate", Json.epochSeconds(date));
      }
      KeyMaterial.RotationType type = material.rotationType();
      if (type != null) {
        node.put("RotationType", type.name());
      }
    }
    return paged(out, page);
  }

  // ---- tags ----

  private ObjectNode tagResource(JsonInput in, ApiRequest request) {
    if (!in.node().has("Tags")) {
      throw requiredMember("Tags");
    }
    kms.tags().tagResource(request.caller(), in.requiredString("KeyId"), tags(in));
    return Json.object();
  }

  private ObjectNode untagResource(JsonInput in, ApiRequest request) {
    if (!in.node().has("TagKeys")) {
      throw requiredMember("TagKeys");
    }
    kms.tags().untagResource(request.caller(), in.requiredString("KeyId"), in.strings("TagKeys"));
    return Json.object();
  }

  private ObjectNode listResourceTags(JsonInput in, ApiRequest request) {
    Page<Tag> page =
        kms.tags()
            .listResourceTags(
                request.caller(),
                in.requiredString("KeyId"),
                in.integer("Limit"),
                in.string("Marker"));
    ObjectNode out = Json.object();
    out.set("Tags", tagsJson(page.items()));
    return paged(out, page);
  }
}
