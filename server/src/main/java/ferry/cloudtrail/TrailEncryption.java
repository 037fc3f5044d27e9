package ferry.cloudtrail;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.kms.GenerateDataKeyRequest;
import ferry.kms.KmsService;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SSE-KMS for a trail's log files: the KmsKeyId of CreateTrail and UpdateTrail (key id, key ARN,
 * alias name or alias ARN) resolved to the key's ARN, and the key policy checked as CloudTrail uses
 * it: {@code cloudtrail.amazonaws.com} must be allowed kms:DescribeKey and kms:GenerateDataKey with
 * the trail as aws:SourceArn and the encryption context {@code aws:cloudtrail:arn}, through KMS's
 * own authorization.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html">Configure
 *     AWS KMS key policies for CloudTrail</a>
 */
final class TrailEncryption {
  /** The encryption context CloudTrail binds each log file's data key to, with the trail's ARN. */
  static final String CONTEXT_KEY = "aws:cloudtrail:arn";

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9-]{1,2048}");

  private final KmsService kms;
  private final Clock clock;

  TrailEncryption(KmsService kms, Clock clock) {
    this.kms = kms;
    this.clock = clock;
  }

  /**
   * The ARN of the key {@code keyId} names for the trail, once CloudTrail may use it; a name is
   * looked up in the trail's account and region.
   */
  String check(Trail trail, String keyId) {
    String arn = asArn(trail, keyId);
    Caller cloudTrail =
        Caller.of(
            new Principal.ServicePrincipal(TrailDelivery.SERVICE),
            trail.homeRegion(),
            clock.instant());
    Map<String, String> source = TrailDelivery.source(trail);
    String keyArn;
    try {
      keyArn = kms.keys().describeKey(cloudTrail, arn, source).key().arn();
    } catch (AwsException e) {
      throw translated(e, trail, arn);
    }
    Map<String, String> context =
        Map.of(
            CONTEXT_KEY,
            trail.arn(),
            "aws:s3:arn",
            "arn:aws:s3:::"
                + trail.bucket()
                + "/"
                + TrailDelivery.logPrefix(trail, trail.homeRegion()));
    try {
      kms.cryptography()
          .generateDataKey(cloudTrail, new GenerateDataKeyRequest(keyArn, context, 32), source);
    } catch (AwsException e) {
      throw translated(e, trail, keyArn);
    }
    return keyArn;
  }

  /** The encryption context of a log file's data key. */
  static Map<String, String> context(Trail trail) {
    return Map.of(CONTEXT_KEY, trail.arn());
  }

  private static AwsException translated(AwsException e, Trail trail, String keyArn) {
    return switch (e.code()) {
      case "NotFoundException" -> CloudTrailErrors.kmsKeyNotFound(keyArn);
      case "AccessDeniedException" ->
          CloudTrailErrors.insufficientEncryptionPolicy(trail.bucket(), keyArn);
      default -> CloudTrailErrors.kms(keyArn, e.getMessage());
    };
  }

  /** The key as an ARN in the trail's account and region, unless it is one already. */
  private static String asArn(Trail trail, String keyId) {
    if (keyId.startsWith("arn:")) {
      if (!keyId.startsWith("arn:aws:kms:")) {
        throw CloudTrailErrors.invalidKmsKeyId(keyId);
      }
      return keyId;
    }
    String base = "arn:aws:kms:" + trail.homeRegion().name() + ":" + trail.account().value() + ":";
    if (keyId.startsWith("alias/") && keyId.length() > "alias/".length()) {
      return base + keyId;
    }
    if (!KEY_ID.matcher(keyId).matches()) {
      throw CloudTrailErrors.invalidKmsKeyId(keyId);
    }
    return base + "key/" + keyId;
  }
}
