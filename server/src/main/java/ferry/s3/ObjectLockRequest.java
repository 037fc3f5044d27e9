package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * The Object Lock a write asks for (x-amz-object-lock-mode, -retain-until-date, -legal-hold on
 * PutObject, CopyObject and CreateMultipartUpload); {@link #NONE} when it asks for none.
 */
public record ObjectLockRequest(@Nullable Retention retention, @Nullable LegalHold legalHold) {
  public static final ObjectLockRequest NONE = new ObjectLockRequest(null, null);

  public boolean isEmpty() {
    return retention == null && legalHold == null;
  }
}
