package ferry.kms.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.Region;
import ferry.kms.KeyMetadata;
import ferry.kms.KeyState;
import ferry.kms.KmsErrors;
import ferry.kms.KmsKey;
import ferry.kms.Page;
import ferry.kms.Tag;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** KMS's JSON shapes as the botocore model names them, and the checks every operation shares. */
final class KmsShapes {
  static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";

  private KmsShapes() {}

  /** {@code KeyMetadata} as the botocore model defines it, for a symmetric key. */
  static ObjectNode keyMetadata(KeyMetadata metadata) {
    KmsKey key = metadata.key();
    ObjectNode node =
        Json.object()
            .put("AWSAccountId", key.account().value())
            .put("KeyId", key.keyId())
            .put("Arn", key.arn())
            .put("CreationDate", Json.epochSeconds(key.created()))
            .put("Enabled", key.state() == KeyState.ENABLED)
            .put("Description", key.description())
            .put("KeyUsage", "ENCRYPT_DECRYPT")
            .put("KeyState", key.state().wireName());
    Instant deletion = key.deletionDate();
    if (deletion != null) {
      node.put("DeletionDate", Json.epochSeconds(deletion));
    }
    node.put("Origin", "AWS_KMS")
        .put("KeyManager", key.manager().name())
        .put("CustomerMasterKeySpec", SYMMETRIC_DEFAULT)
        .put("KeySpec", SYMMETRIC_DEFAULT);
    node.putArray("EncryptionAlgorithms").add(SYMMETRIC_DEFAULT);
    node.put("MultiRegion", key.multiRegion());
    KeyMetadata.MultiRegionConfiguration multi = metadata.multiRegionConfiguration();
    if (multi != null) {
      ObjectNode config = node.putObject("MultiRegionConfiguration");
      config.put("MultiRegionKeyType", multi.multiRegionKeyType());
      config
          .putObject("PrimaryKey")
          .put("Arn", KmsKey.arn(key.account(), multi.primaryRegion(), key.keyId()))
          .put("Region", multi.primaryRegion().name());
      ArrayNode replicas = config.putArray("ReplicaKeys");
      for (Region region : multi.replicaRegions()) {
        replicas
            .addObject()
            .put("Arn", KmsKey.arn(key.account(), region, key.keyId()))
            .put("Region", region.name());
      }
    }
    Integer window = key.pendingWindowDays();
    if (window != null) {
      node.put("PendingDeletionWindowInDays", window);
    }
    return node;
  }

  static ObjectNode paged(ObjectNode out, Page<?> page) {
    String next = page.nextMarker();
    if (next != null) {
      out.put("NextMarker", next);
    }
    out.put("Truncated", page.truncated());
    return out;
  }

  static List<Tag> tags(JsonInput in) {
    List<Tag> tags = new ArrayList<>();
    for (JsonInput tag : in.objects("Tags")) {
      tags.add(new Tag(tag.requiredString("TagKey"), orEmpty(tag.string("TagValue"))));
    }
    return tags;
  }

  static ArrayNode tagsJson(List<Tag> tags) {
    ArrayNode array = Json.array();
    tags.forEach(tag -> array.addObject().put("TagKey", tag.key()).put("TagValue", tag.value()));
    return array;
  }

  static ObjectNode stringMap(Map<String, String> map) {
    ObjectNode node = Json.object();
    map.forEach(node::put);
    return node;
  }

  /**
   * Ends a DryRun request that passed every check before anything is returned; used only after
   * operations that store nothing, so running them changed nothing.
   */
  static void dryRun(JsonInput in) {
    if (Boolean.TRUE.equals(in.bool("DryRun"))) {
      throw KmsErrors.dryRun();
    }
  }

  /** Grant changes are stored as they are checked, so Ferry cannot yet rehearse them. */
  static void refuseDryRun(JsonInput in, String operation) {
    if (Boolean.TRUE.equals(in.bool("DryRun"))) {
      throw KmsErrors.unsupportedParameter(operation, "DryRun");
    }
  }

  static void refuse(JsonInput in, String operation, String... members) {
    for (String member : members) {
      if (in.node().hasNonNull(member)) {
        throw KmsErrors.unsupportedParameter(operation, member);
      }
    }
  }

  /** Ferry has no custom key stores, so every store a request names does not exist. */
  static void customKeyStore(JsonInput in) {
    String id = in.string("CustomKeyStoreId");
    if (id != null) {
      throw KmsErrors.customKeyStoreNotFound(id);
    }
  }

  static void checkAlgorithm(@Nullable String algorithm) {
    if (algorithm != null && !algorithm.equals(SYMMETRIC_DEFAULT)) {
      throw KmsErrors.invalidKeyUsage(
          "You cannot use "
              + algorithm
              + " with a symmetric encryption key; use SYMMETRIC_DEFAULT.");
    }
  }

  static byte[] requiredBlob(JsonInput in, String name) {
    byte[] blob = in.blob(name);
    if (blob == null) {
      throw requiredMember(name);
    }
    return blob;
  }

  static RuntimeException requiredMember(String name) {
    return KmsErrors.validation(
        "1 validation error detected: Value null at '"
            + Character.toLowerCase(name.charAt(0))
            + name.substring(1)
            + "' failed to satisfy constraint: Member must not be null");
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  static String orDefault(@Nullable String value, String fallback) {
    return value == null ? fallback : value;
  }
}
