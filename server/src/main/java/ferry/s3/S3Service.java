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
 * (ACL, tags), their {@link #objectLock()} and {@link #attributes()}, multipart {@link #uploads()},
 * static {@link #websites()}, and the bucket configurations kept as settings: {@link #tagging()},
 * {@link #cors()}, {@link #replication()}, {@link #acceleration()}, {@link #requestPayment()},
 * {@link #lifecycle()} and server access {@link #logging()}. Every operation is authorized as the
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
  private final BucketTagging tagging;
  private final BucketCors cors;
  private final BucketReplication replication;
  private final BucketAcceleration acceleration;
  private final BucketRequestPayment requestPayment;
  private final BucketWebsites websites;
  private final BucketLifecycle lifecycle;
  private final LifecycleSweeper lifecycleSweeper;
  private final AccessLogDelivery accessLogs;
  private final ServiceWrites serviceWrites;
  private final BucketLogging logging;
  private final ObjectLock objectLock;
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
    this.tagging = new BucketTagging(parts);
    this.cors = new BucketCors(parts);
    this.replication = new BucketReplication(parts);
    this.acceleration = new BucketAcceleration(parts);
    this.requestPayment = new BucketRequestPayment(parts);
    this.websites = new BucketWebsites(parts);
    this.lifecycle = new BucketLifecycle(parts);
    this.lifecycleSweeper = new LifecycleSweeper(parts);
    this.accessLogs = new AccessLogDelivery(parts, this.objects);
    this.logging = new BucketLogging(parts, accessLogs);
    this.serviceWrites = new ServiceWrites(parts, this.objects);
    this.objectLock = new ObjectLock(parts);
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

  public BucketTagging tagging() {
    return tagging;
  }

  public BucketCors cors() {
    return cors;
  }

  public BucketReplication replication() {
    return replication;
  }

  public BucketAcceleration acceleration() {
    return acceleration;
  }

  public BucketRequestPayment requestPayment() {
    return requestPayment;
  }

  public BucketWebsites websites() {
    return websites;
  }

  public BucketLifecycle lifecycle() {
    return lifecycle;
  }

  /** Applies the lifecycle rules: every so often once started, or now with {@code sweep()}. */
  public LifecycleSweeper lifecycleSweeper() {
    return lifecycleSweeper;
  }

  public BucketLogging logging() {
    return logging;
  }

  /** Writes the server access logs of logged buckets into their target buckets. */
  public AccessLogDelivery accessLogs() {
    return accessLogs;
  }

  /** Objects AWS services deliver into buckets (CloudTrail's log files). */
  public ServiceWrites serviceWrites() {
    return serviceWrites;
  }

  public ObjectLock objectLock() {
    return objectLock;
  }

  public ObjectAttributes attributes() {
    return attributes;
  }
}
