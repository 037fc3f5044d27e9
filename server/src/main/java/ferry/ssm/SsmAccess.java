package ferry.ssm;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.kms.DecryptRequest;
import ferry.kms.EncryptRequest;
import ferry.kms.KmsService;
import ferry.ssm.store.ParameterRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What SSM's operations share: the store, authorization as {@code ssm:<Operation>} on the
 * parameter's ARN, and SecureString encryption through KMS as the caller, with SSM acting for it.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html">How
 *     Parameter Store uses KMS</a>
 */
final class SsmAccess {
  static final String DEFAULT_KEY = "alias/aws/ssm";
  private static final String SSM = "ssm.amazonaws.com";
  private static final String CONTEXT_KEY = "PARAMETER_ARN";

  final ParameterRepository parameters;
  final Clock clock;
  private final Authorizer authorizer;
  private final KmsService kms;

  SsmAccess(ParameterRepository parameters, Authorizer authorizer, KmsService kms, Clock clock) {
    this.parameters = parameters;
    this.authorizer = authorizer;
    this.kms = kms;
    this.clock = clock;
  }

  void authorize(Caller caller, String operation, String resource) {
    authorize(caller, AccessRequest.of("ssm:" + operation, resource, caller.account()));
  }

  void authorize(Caller caller, AccessRequest request) {
    Verdict verdict = authorizer.authorize(caller, request);
    if (!verdict.allowed()) {
      throw SsmErrors.accessDenied(verdict);
    }
  }

  /** The request for an operation that sets tags: {@code aws:RequestTag/…} and {@code TagKeys}. */
  static AccessRequest withRequestTags(AccessRequest request, List<Tag> tags) {
    AccessRequest tagged = request;
    for (Tag tag : tags) {
      tagged = tagged.withContext("aws:RequestTag/" + tag.key(), tag.value());
    }
    return tagged.withContext(
        "aws:TagKeys", tags.stream().map(Tag::key).distinct().toArray(String[]::new));
  }

  /**
   * A SecureString's value encrypted under {@code keyId} (the account's {@code alias/aws/ssm} when
   * null, created on first use as AWS does), bound to the parameter's ARN: base64 ciphertext.
   */
  String encrypt(Caller caller, String keyId, String arn, String plaintext) {
    Caller viaSsm = caller.via(SSM);
    String key = keyId.equals(DEFAULT_KEY) ? kms.keys().awsManagedKeyArn(viaSsm, "aws/ssm") : keyId;
    byte[] ciphertext =
        asSsm(() ->
                kms.cryptography()
                    .encrypt(
                        viaSsm,
                        new EncryptRequest(
                            key,
                            plaintext.getBytes(StandardCharsets.UTF_8),
                            Map.of(CONTEXT_KEY, arn))))
            .ciphertextBlob();
    return Base64.getEncoder().encodeToString(ciphertext);
  }

  /** A SecureString version's plaintext, decrypted by KMS as the caller. */
  String decrypt(Caller caller, Parameter parameter) {
    byte[] ciphertext = Base64.getDecoder().decode(parameter.value());
    byte[] plaintext =
        asSsm(() ->
                kms.cryptography()
                    .decrypt(
                        caller.via(SSM),
                        new DecryptRequest(ciphertext, Map.of(CONTEXT_KEY, parameter.arn()), null)))
            .plaintext();
    return new String(plaintext, StandardCharsets.UTF_8);
  }

  /** The value a reader sees: a SecureString's plaintext only when it asks for decryption. */
  Parameter shown(Caller caller, Parameter parameter, boolean withDecryption) {
    if (withDecryption && parameter.type() == ParameterType.SECURE_STRING) {
      return parameter.withValue(decrypt(caller, parameter));
    }
    return parameter;
  }

  /**
   * KMS's refusals as SSM reports them: a denial is SSM's AccessDeniedException with KMS's
   * explanation; a key that does not exist or cannot be used is InvalidKeyId.
   */
  private static <T> T asSsm(Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsException e) {
      if (e.code().equals("AccessDeniedException")) {
        throw SsmErrors.accessDenied(e);
      }
      if (e.httpStatus() >= 500) {
        throw e;
      }
      throw SsmErrors.invalidKeyId(e.code() + ": " + e.getMessage());
    }
  }
}
