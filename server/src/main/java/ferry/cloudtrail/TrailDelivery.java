package ferry.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.cloudtrail.store.TrailRepository;
import ferry.kms.KmsService;
import ferry.s3.ServiceWrites;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each logging trail's events as CloudTrail log files: gzipped {@code {"Records":[…]}}
 * objects under {@code [prefix/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/}, written by
 * {@code cloudtrail.amazonaws.com} through S3 with the trail as aws:SourceArn, so the bucket policy
 * must allow it as in AWS. A trail delivers its account's management events of its home region (of
 * every region when multi-region, and IAM's global events when it includes them); it has no event
 * selectors, so no data events. The events are read from the event history after the trail's
 * cursor, which moves only when a file is written: a refused delivery is tried again at the next
 * flush, and GetTrailStatus shows its error meanwhile. A trail with a KMS key has its log files
 * written as SSE-KMS objects under that key, the data key made by KMS for CloudTrail as S3 asks it
 * (see {@link TrailEncryption}), so a key policy without CloudTrail's statement refuses delivery.
 */
public final class TrailDelivery {
  /** The service principal that writes log files. */
  public static final String SERVICE = "cloudtrail.amazonaws.com";

  /**
   * How long after its time an event is delivered: a request's event is written when its answer is,
   * so a slow request's event lands after quicker, later ones; waiting this long keeps the cursor
   * from passing it.
   */
  static final Duration SETTLE = Duration.ofSeconds(10);

  static final int MAX_RECORDS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(TrailDelivery.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** What one flush did: log files written, and deliveries refused. */
  public record Flush(int delivered, int refused) {}

  private final TrailRepository trails;
  private final ServiceWrites writes;
  private final TrailEncryption encryption;
  private final Clock clock;

  public TrailDelivery(TrailRepository trails, ServiceWrites writes, KmsService kms, Clock clock) {
    this.trails = trails;
    this.writes = writes;
    this.encryption = new TrailEncryption(kms, clock);
    this.clock = clock;
  }

  /** The ARN of the key {@code keyId} names, once its key policy lets CloudTrail use it. */
  String checkKey(Trail trail, String keyId) {
    return encryption.check(trail, keyId);
  }

  /**
   * Refuses a trail whose bucket is missing or whose policy does not let CloudTrail read its ACL
   * and write under the trail's {@code AWSLogs/<account>/} prefix.
   */
  void checkBucket(Trail trail) {
    String key = logPrefix(trail, trail.homeRegion()) + DAY.format(clock.instant()) + "/";
    try {
      writes.check(service(trail), trail.bucket(), key, source(trail));
    } catch (AwsException e) {
      if (e.code().equals("NoSuchBucket")) {
        throw CloudTrailErrors.bucketDoesNotExist(trail.bucket());
      }
      if (e.code().equals("AccessDenied")) {
        throw CloudTrailErrors.insufficientBucketPolicy(trail.bucket());
      }
      throw e;
    }
  }

  /** Writes every logging trail's settled events; one file per trail and region per batch. */
  public synchronized Flush flush() {
    int delivered = 0;
    int refused = 0;
    Instant now = clock.instant();
    for (Trail trail : trails.delivering()) {
      Trail.Status status = trail.status();
      Instant through = status.deliveredTime() == null ? now : status.deliveredTime();
      String throughId = status.deliveredEventId() == null ? "" : status.deliveredEventId();
      Instant settled = now.minus(SETTLE);
      // A stopped trail still delivers the events made before it stopped, then nothing more.
      Instant stop = status.logging() ? null : status.stopLogging();
      Instant until = stop != null && stop.isBefore(settled) ? stop : settled;
      while (true) {
        List<TrailRepository.Pending> batch =
            trails.after(trail.account(), through, throughId, until, MAX_RECORDS);
        if (batch.isEmpty()) {
          if (stop != null && until.equals(stop)) {
            trails.delivered(trail, null, stop, "");
          }
          break;
        }
        TrailRepository.Pending last = batch.getLast();
        Outcome outcome = deliver(trail, batch, now);
        if (outcome.error() != null) {
          trails.refused(trail, now, outcome.error());
          refused++;
          break;
        }
        trails.delivered(trail, outcome.files() > 0 ? now : null, last.eventTime(), last.eventId());
        delivered += outcome.files();
        through = last.eventTime();
        throughId = last.eventId();
        if (batch.size() < MAX_RECORDS) {
          break;
        }
      }
    }
    return new Flush(delivered, refused);
  }

  /** The log files one batch made, or the error S3 refused one with. */
  private record Outcome(int files, @Nullable String error) {}

  /** Writes the trail's records of the batch, one file per region. */
  private Outcome deliver(Trail trail, List<TrailRepository.Pending> batch, Instant now) {
    Map<String, List<JsonNode>> byRegion = new LinkedHashMap<>();
    for (TrailRepository.Pending event : batch) {
      JsonNode record = parse(event.record());
      if (takes(trail, record)) {
        byRegion
            .computeIfAbsent(record.path("awsRegion").asText(), region -> new ArrayList<>())
            .add(record);
      }
    }
    for (Map.Entry<String, List<JsonNode>> region : byRegion.entrySet()) {
      String key = objectKey(trail, Region.of(region.getKey()), now);
      Map<String, String> headers =
          Map.of("Content-Type", "application/json", "Content-Encoding", "gzip");
      try {
        if (trail.kmsKeyId() == null) {
          writes.put(
              service(trail), trail.bucket(), key, gzip(region.getValue()), headers, source(trail));
        } else {
          writes.putEncrypted(
              service(trail),
              trail.bucket(),
              key,
              gzip(region.getValue()),
              headers,
              source(trail),
              trail.kmsKeyId(),
              TrailEncryption.context(trail));
        }
      } catch (AwsException e) {
        LOG.warn(
            "CloudTrail trail {} could not deliver to bucket {}: {} {}",
            trail.arn(),
            trail.bucket(),
            e.code(),
            e.getMessage());
        return new Outcome(0, e.code());
      }
    }
    return new Outcome(byRegion.size(), null);
  }

  /**
   * Events of the trail's regions that one of its event selectors takes (by default every
   * management event); IAM's count as global service events.
   */
  static boolean takes(Trail trail, JsonNode record) {
    boolean selected = false;
    for (EventSelector selector : trail.selectors()) {
      selected |= selector.takes(record);
    }
    if (!selected) {
      return false;
    }
    if (trail.multiRegion()) {
      return true;
    }
    boolean global = record.path("eventSource").asText().equals("iam.amazonaws.com");
    if (global) {
      return trail.includeGlobalServiceEvents();
    }
    return record.path("awsRegion").asText().equals(trail.homeRegion().name());
  }

  static String logPrefix(Trail trail, Region region) {
    String prefix = trail.prefix() == null ? "" : trail.prefix() + "/";
    return prefix + "AWSLogs/" + trail.account().value() + "/CloudTrail/" + region.name() + "/";
  }

  /** {@code …/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<random>.json.gz}. */
  static String objectKey(Trail trail, Region region, Instant now) {
    StringBuilder unique = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      unique.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return logPrefix(trail, region)
        + DAY.format(now)
        + "/"
        + trail.account().value()
        + "_CloudTrail_"
        + region.name()
        + "_"
        + FILE_TIME.format(now)
        + "_"
        + unique
        + ".json.gz";
  }

  private Caller service(Trail trail) {
    return Caller.of(new Principal.ServicePrincipal(SERVICE), trail.homeRegion(), clock.instant());
  }

  static Map<String, String> source(Trail trail) {
    return Map.of("aws:SourceArn", trail.arn(), "aws:SourceAccount", trail.account().value());
  }

  private static byte[] gzip(List<JsonNode> records) {
    var out = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(out)) {
      gzip.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < records.size(); i++) {
        if (i > 0) {
          gzip.write(',');
        }
        gzip.write(JSON.writeValueAsBytes(records.get(i)));
      }
      gzip.write("]}".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static JsonNode parse(String record) {
    try {
      return JSON.readTree(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
