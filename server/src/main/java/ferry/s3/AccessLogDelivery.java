package ferry.s3;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Principal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server access log delivery: the records of requests on logged buckets are gathered and written,
 * every few seconds or every {@link #MAX_BATCH} records and on shutdown, as log objects into each
 * bucket's target bucket. They are written as the logging service principal through the same
 * PutObject and authorization as any caller, so the target bucket's policy must allow {@code
 * logging.s3.amazonaws.com} s3:PutObject; without that grant nothing is delivered and the denied
 * decision is in the decision log.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general">Permissions
 *     for log delivery</a>
 */
public final class AccessLogDelivery extends S3Family implements AutoCloseable {
  /** The service principal that writes access logs. */
  public static final String SERVICE = "logging.s3.amazonaws.com";

  static final int MAX_BATCH = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(AccessLogDelivery.class);
  private static final DateTimeFormatter KEY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter PARTITION =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int MAX_CACHED_BUCKETS = 10_000;
  private static final Duration REMEMBERED = Duration.ofSeconds(10);

  /** What one flush did: log objects written, and log objects the target bucket refused. */
  public record Delivery(int delivered, int refused) {}

  private final ObjectOperations writer;
  // Whether a bucket is logged, so that a request on a bucket that is not costs no query. An answer
  // is kept for a while only: another Ferry on the same database may change the configuration.
  private final Map<String, Known> logged = new ConcurrentHashMap<>();
  private final Object pendingLock = new Object();
  private List<AccessLogRecord> pending = new ArrayList<>();
  private @Nullable ScheduledExecutorService timer;

  AccessLogDelivery(S3Family.Parts parts, ObjectOperations writer) {
    super(parts);
    this.writer = writer;
  }

  /** Delivers every {@code every} until closed; closing delivers what is still gathered. */
  public synchronized void start(Duration every) {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("ferry-access-logs").daemon().unstarted(runnable));
    timer.scheduleWithFixedDelay(
        this::flushQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = timer;
      timer = null;
    }
    if (stopping != null) {
      stopping.shutdown();
      try {
        stopping.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flushQuietly();
  }

  private record Known(boolean logged, long until) {}

  /** Whether requests on the bucket are logged; answered from memory for a few seconds. */
  public boolean logs(String bucket) {
    if (logged.size() > MAX_CACHED_BUCKETS) {
      logged.clear();
    }
    long now = System.nanoTime();
    Known known = logged.get(bucket);
    if (known == null || now - known.until() > 0) {
      known =
          new Known(
              buckets.findSetting(bucket, LoggingConfiguration.SETTING).isPresent(),
              now + REMEMBERED.toNanos());
      logged.put(bucket, known);
    }
    return known.logged();
  }

  /** Gathers a request's record when its bucket is logged; any other record is dropped. */
  public void record(AccessLogRecord record) {
    if (!logs(record.bucket())) {
      return;
    }
    boolean full;
    synchronized (pendingLock) {
      pending.add(record);
      full = pending.size() >= MAX_BATCH;
    }
    if (full) {
      ScheduledExecutorService running = timer;
      if (running != null) {
        running.execute(this::flushQuietly);
      }
    }
  }

  /** Forgets whether a bucket is logged, after its configuration changed. */
  void forget(String bucket) {
    logged.remove(bucket);
  }

  /** Writes what has been gathered, one log object per logged bucket. */
  public synchronized Delivery flush() {
    List<AccessLogRecord> batch;
    synchronized (pendingLock) {
      batch = pending;
      pending = new ArrayList<>();
    }
    Map<String, List<AccessLogRecord>> byBucket = new LinkedHashMap<>();
    for (AccessLogRecord record : batch) {
      byBucket.computeIfAbsent(record.bucket(), name -> new ArrayList<>()).add(record);
    }
    int delivered = 0;
    int refused = 0;
    for (Map.Entry<String, List<AccessLogRecord>> entry : byBucket.entrySet()) {
      Bucket source = buckets.find(entry.getKey()).orElse(null);
      LoggingConfiguration configuration =
          source == null
              ? null
              : buckets.findSetting(source.name(), LoggingConfiguration.SETTING).orElse(null);
      if (source == null || configuration == null) {
        forget(entry.getKey());
        continue;
      }
      if (deliver(source, configuration, entry.getValue())) {
        delivered++;
      } else {
        refused++;
      }
    }
    return new Delivery(delivered, refused);
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("Access log delivery failed", e);
    }
  }

  private boolean deliver(
      Bucket source, LoggingConfiguration configuration, List<AccessLogRecord> records) {
    String owner = CanonicalUser.idOf(source.owner());
    StringBuilder text = new StringBuilder();
    for (AccessLogRecord record : records) {
      text.append(record.line(owner)).append('\n');
    }
    byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
    Instant now = clock.instant();
    String key = objectKey(source, configuration, now, records.getFirst().time());
    Caller logging = Caller.of(new Principal.ServicePrincipal(SERVICE), source.region(), now);
    try {
      writer.putObject(
          logging,
          PutObjectRequest.of(
              configuration.targetBucket(),
              key,
              new ByteArrayInputStream(body),
              body.length,
              Map.of("Content-Type", "text/plain"),
              null),
          Map.of("aws:SourceAccount", source.owner().value(), "aws:SourceArn", source.arn()));
      return true;
    } catch (AwsException e) {
      // As in AWS, the records are lost: the target bucket does not let S3 deliver them.
      LOG.warn(
          "Access logs of bucket {} not delivered to bucket {}: {} {}",
          source.name(),
          configuration.targetBucket(),
          e.code(),
          e.getMessage());
      return false;
    }
  }

  /** The log object's key in the target bucket, in the configured form. */
  static String objectKey(
      Bucket source, LoggingConfiguration configuration, Instant delivered, Instant firstEvent) {
    String unique =
        HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong());
    String name = KEY_TIME.format(delivered) + "-" + unique;
    if (configuration.keyFormat() != LoggingConfiguration.KeyFormat.PARTITIONED_PREFIX) {
      return configuration.targetPrefix() + name;
    }
    Instant partition = configuration.partitionedByEventTime() ? firstEvent : delivered;
    return configuration.targetPrefix()
        + source.owner().value()
        + "/"
        + source.region().name()
        + "/"
        + source.name()
        + "/"
        + PARTITION.format(partition)
        + name;
  }
}
