package ferry.s3;

import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.ErrorCode;
import ferry.aws.Principal;
import ferry.kms.DecryptRequest;
import ferry.kms.GenerateDataKeyRequest;
import ferry.kms.GenerateDataKeyResult;
import ferry.kms.KmsService;
import ferry.s3.store.ServerKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Each object's data key: made when the object is written and kept with it encrypted, under the
 * server key for SSE-S3 and by KMS, as the caller, for SSE-KMS.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html">SSE-KMS</a>
 */
final class DataKeys {
  private static final String S3 = "s3";
  private static final String CONTEXT_KEY = "aws:s3:arn";

  private final ServerKey serverKey;
  private final KmsService kms;

  DataKeys(ServerKey serverKey, KmsService kms) {
    this.serverKey = serverKey;
    this.kms = kms;
  }

  /** A data key in the clear, with what is stored of it. */
  record DataKey(StoredEncryption stored, byte[] plaintext) {}

  /** A new data key for an object, by the requested encryption or the bucket's default. */
  DataKey create(
      Caller caller, Bucket bucket, String key, @Nullable ServerSideEncryption requested) {
    return create(caller, bucket, key, requested, null);
  }

  /**
   * A new data key for an object: wrapped under the customer's key when one is sent (SSE-C, which
   * excludes the other encryptions), else by the requested encryption or the bucket's default.
   */
  DataKey create(
      Caller caller,
      Bucket bucket,
      String key,
      @Nullable ServerSideEncryption requested,
      @Nullable CustomerKey customerKey) {
    return create(caller, bucket, key, requested, customerKey, ServiceContext.NONE);
  }

  /**
   * A new data key, for an AWS service writing for one of its resources: SSE-KMS binds the data key
   * to the service's encryption context as well as the object's ARN, and KMS sees the resource's
   * aws:SourceArn and aws:SourceAccount.
   */
  DataKey create(
      Caller caller,
      Bucket bucket,
      String key,
      @Nullable ServerSideEncryption requested,
      @Nullable CustomerKey customerKey,
      ServiceContext service) {
    if (customerKey != null) {
      if (requested != null) {
        throw S3Errors.invalidArgument(
            "Server Side Encryption with Customer provided key is incompatible with the encryption"
                + " method specified",
            "x-amz-server-side-encryption",
            requested.algorithm());
      }
      byte[] plaintext = ServerKey.newDataKey();
      return new DataKey(
          new StoredEncryption(
              ServerSideEncryption.AES256,
              null,
              CustomerKeys.wrap(customerKey, plaintext),
              false,
              CustomerKeys.check(customerKey)),
          plaintext);
    }
    ServerSideEncryption encryption = requested == null ? bucket.defaultEncryption() : requested;
    if (encryption.isKms()) {
      Caller viaS3 = caller.via(S3);
      String keyId = encryption.kmsKeyId();
      if (keyId == null) {
        // A service delivering for a resource (access logs, trail logs) belongs to no account: the
        // key is the bucket owner's aws/s3, whose policy admits only that account's principals, so
        // KMS refuses the service as AWS refuses log delivery into such a bucket.
        AccountId owner =
            caller.principal() instanceof Principal.ServicePrincipal
                ? bucket.owner()
                : caller.account();
        keyId = kms.keys().awsManagedKeyArn(owner, caller.region(), "aws/s3");
      }
      String requestedKey = keyId;
      Map<String, String> context = context(bucket.objectArn(key), service.encryptionContext());
      GenerateDataKeyResult generated =
          asS3(() ->
              kms.cryptography()
                  .generateDataKey(
                      viaS3,
                      new GenerateDataKeyRequest(requestedKey, context, 32),
                      service.sourceContext()));
      return new DataKey(
          new StoredEncryption(
              ServerSideEncryption.AWS_KMS,
              generated.keyArn(),
              Base64.getEncoder().encodeToString(generated.ciphertextBlob()),
              encryption.bucketKeyEnabled(),
              null,
              service.encryptionContext()),
          generated.plaintext());
    }
    byte[] plaintext = ServerKey.newDataKey();
    return new DataKey(
        new StoredEncryption(ServerSideEncryption.AES256, null, serverKey.wrap(plaintext), false),
        plaintext);
  }

  /**
   * The data key of a stored object or upload, decrypted for this caller: for SSE-KMS, KMS decrypts
   * it as the reader, so a reader without kms:Decrypt on the key is denied, as in AWS.
   */
  byte[] open(Caller caller, String objectArn, StoredEncryption stored) {
    return open(caller, objectArn, stored, null);
  }

  /**
   * The data key, decrypted for this caller with the key the request sent: an SSE-C object's only
   * with its own key (see {@link CustomerKeys#verify}).
   */
  byte[] open(
      Caller caller, String objectArn, StoredEncryption stored, @Nullable CustomerKey customerKey) {
    CustomerKeys.verify(stored, customerKey);
    if (customerKey != null) {
      return CustomerKeys.unwrap(customerKey, stored.encryptedKey());
    }
    if (stored.isKms()) {
      byte[] blob = Base64.getDecoder().decode(stored.encryptedKey());
      return asS3(() ->
              kms.cryptography()
                  .decrypt(
                      caller.via(S3),
                      new DecryptRequest(
                          blob, context(objectArn, stored.context()), stored.kmsKeyArn())))
          .plaintext();
    }
    return serverKey.unwrap(stored.encryptedKey());
  }

  /**
   * S3 binds each object's data key to the object's ARN, as AWS does without a Bucket Key, and to
   * the context its writer added.
   */
  private static Map<String, String> context(String objectArn, Map<String, String> added) {
    if (added.isEmpty()) {
      return Map.of(CONTEXT_KEY, objectArn);
    }
    Map<String, String> context = new HashMap<>(added);
    context.put(CONTEXT_KEY, objectArn);
    return context;
  }

  /**
   * What an AWS service writing for one of its resources adds to an SSE-KMS object's data key: the
   * encryption context (CloudTrail's {@code aws:cloudtrail:arn}) and the aws:SourceArn and
   * aws:SourceAccount condition keys.
   */
  record ServiceContext(Map<String, String> encryptionContext, Map<String, String> sourceContext) {
    static final ServiceContext NONE = new ServiceContext(Map.of(), Map.of());

    ServiceContext {
      encryptionContext = Map.copyOf(encryptionContext);
      sourceContext = Map.copyOf(sourceContext);
    }
  }

  /**
   * KMS errors as S3 reports them: a KMS denial is S3's 403 AccessDenied with KMS's explanation;
   * other KMS errors keep their code with S3's "KMS." prefix.
   */
  private static <T> T asS3(Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsException e) {
      AwsException mapped =
          e.code().equals("AccessDeniedException")
              ? S3Errors.accessDenied(e.getMessage())
              : new AwsException(ErrorCode.sender("KMS." + e.code(), 400), e.getMessage());
      for (var header : e.headers().entrySet()) {
        mapped = mapped.withHeader(header.getKey(), header.getValue());
      }
      throw mapped;
    }
  }
}
