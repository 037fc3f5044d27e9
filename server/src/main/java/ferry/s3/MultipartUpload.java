package ferry.s3;

import ferry.aws.AccountId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A multipart upload in progress: where the object goes, who started it and what the object will
 * carry once complete (headers, ACL, tags, checksum algorithm and its encryption with its data
 * key).
 *
 * @param owner the account that will own the object
 * @param retention the Object Lock retention the object will get, if any
 * @param legalHold the Object Lock legal hold the object will get, if any
 * @param fullObjectChecksum whether the object's checksum is a CRC of the whole object (checksum
 *     type FULL_OBJECT) rather than a checksum of the parts' checksums (COMPOSITE)
 */
public record MultipartUpload(
    String uploadId,
    String bucket,
    String key,
    String initiatorArn,
    AccountId owner,
    Instant initiated,
    Map<String, String> headers,
    List<Grant> acl,
    Map<String, String> tags,
    @Nullable ChecksumAlgorithm checksumAlgorithm,
    StoredEncryption encryption,
    @Nullable Retention retention,
    @Nullable LegalHold legalHold,
    boolean fullObjectChecksum) {

  /** An upload whose object gets no Object Lock retention or legal hold. */
  public MultipartUpload(
      String uploadId,
      String bucket,
      String key,
      String initiatorArn,
      AccountId owner,
      Instant initiated,
      Map<String, String> headers,
      List<Grant> acl,
      Map<String, String> tags,
      @Nullable ChecksumAlgorithm checksumAlgorithm,
      StoredEncryption encryption) {
    this(
        uploadId,
        bucket,
        key,
        initiatorArn,
        owner,
        initiated,
        headers,
        acl,
        tags,
        checksumAlgorithm,
        encryption,
        null,
        null,
        false);
  }

  public MultipartUpload {
    headers = Map.copyOf(headers);
    acl = List.copyOf(acl);
    tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }
}
