package ferry.s3;

import ferry.authz.Authorizer;
import ferry.events.EventsService;
import ferry.kms.KmsService;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.ServerKey;
import ferry.s3.store.UploadRepository;
import ferry.store.BlobFiles;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Amazon S3 in plain Java, one class per resource family: {@link #buckets()}, their {@link
 * #configuration()}, {@link #objects()}, their {@link #listings()} and {@link #subresources()}
 * (ACL, tags, Object Lock), and multipart {@link #uploads()}. Every operation is authorized as the
 * caller before it acts.
 */
public final class S3Service {
  /** The largest single PUT S3 accepts: 5 GiB. */
  public static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;

  private final Buckets buckets;
  private final BucketConfiguration configuration;
  private final ObjectOperations objects;
  private final ObjectListings listings;
  private final ObjectSubresources subresources;
  private final MultipartUploads uploads;
  private final ObjectAttributes attributes;

  /** S3 without EventBridge: no object events are published. */
  public S3Service(
      BucketRepository buckets,
      ObjectRepository objects,
      UploadRepository uploads,
      BlobFiles blobs,
      ServerKey serverKey,
      KmsService kms,
      Authorizer authorizer,
      Clock clock) {
    this(buckets, objects, uploads, blobs, serverKey, kms, authorizer, clock, null);
  }

  /** S3 that publishes object-created events to EventBridge. */
  public S3Service(
      BucketRepository buckets,
      ObjectRepository objects,
      UploadRepository uploads,
      BlobFiles blobs,
      ServerKey serverKey,
      KmsService kms,
      Authorizer authorizer,
      Clock clock,
      @Nullable EventsService events) {
    S3Family.Parts parts =
        new S3Family.Parts(
            buckets,
            objects,
            uploads,
            new ObjectBytes(blobs),
            new DataKeys(serverKey, kms),
            new S3Access(authorizer),
            clock,
            events == null ? null : new ObjectCreatedEvents(events));
    this.buckets = new Buckets(parts);
    this.configuration = new BucketConfiguration(parts);
    this.objects = new ObjectOperations(parts);
    this.listings = new ObjectListings(parts);
    this.subresources = new ObjectSubresources(parts);
    this.uploads = new MultipartUploads(parts);
    this.attributes = new ObjectAttributes(parts);
  }

  public Buckets buckets() {
    return buckets;
  }

  public BucketConfiguration configuration() {
    return configuration;
  }

  public ObjectOperations objects() {
    return objects;
  }

  public ObjectListings listings() {
    return listings;
  }

  public ObjectSubresources subresources() {
    return subresources;
  }

  public MultipartUploads uploads() {
    return uploads;
  }

  public ObjectAttributes attributes() {
    return attributes;
  }
}
