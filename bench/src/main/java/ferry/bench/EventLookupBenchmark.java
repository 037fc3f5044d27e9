package ferry.bench;

import ferry.cloudtrail.TrailEvent;
import ferry.cloudtrail.store.EventRepository;
import ferry.store.Database;
import ferry.store.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * LookupEvents' first page (50 events, as the service asks the store for 51) over an event history
 * of 1,000,000 events in one account, filled directly through {@code EventRepository}: 90 days of
 * calls by 40 users and role sessions, 30 operations, on 20 buckets with their objects. Prints the
 * median and 95th percentile of each lookup attribute in milliseconds; the target is under 100 ms.
 * The filled store is kept in the folder given (default {@code /tmp/ferry-event-lookup}) and reused
 * by the next run.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar ferry.bench.EventLookupBenchmark [folder]
 * [events]}
 */
public final class EventLookupBenchmark {
  private static final String ACCOUNT = "111111111111";
  private static final int PAGE = 51;
  private static final int RUNS = 30;
  private static final String[] OPERATIONS = {
    "GetObject",
    "PutObject",
    "HeadObject",
    "ListObjectsV2",
    "DeleteObject",
    "CopyObject",
    "CreateMultipartUpload",
    "UploadPart",
    "CompleteMultipartUpload",
    "GetBucketPolicy",
    "PutBucketPolicy",
    "GetBucketAcl",
    "CreateBucket",
    "Decrypt",
    "Encrypt",
    "GenerateDataKey",
    "DescribeKey",
    "CreateKey",
    "AssumeRole",
    "GetCallerIdentity",
    "CreateUser",
    "GetUser",
    "ListUsers",
    "CreateRole",
    "GetRole",
    "PutRolePolicy",
    "AttachRolePolicy",
    "CreatePipeline",
    "StartPipelineExecution",
    "PutEvents"
  };

  private EventLookupBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args.length > 0 ? args[0] : "/tmp/ferry-event-lookup");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Files.createDirectories(folder);
    Database db = Database.openSqlite(folder);
    try {
      var events = new EventRepository(db);
      long stored =
          db.read(c ->
              Sql.one(c, "SELECT COUNT(*) AS n FROM cloudtrail_events", row -> row.getLong("n"))
                  .orElse(0L));
      if (stored < count) {
        fill(events, (int) stored, count);
      }
      System.out.printf("events stored: %d%n", Math.max(stored, count));
      Instant start = Instant.EPOCH;
      Instant end = Instant.ofEpochMilli(Long.MAX_VALUE);
      measure("no attribute", () -> events.find(ACCOUNT, null, start, end, null, PAGE));
      measure(
          "EventName (3% of events)",
          () -> events.find(ACCOUNT, filter("event_name", "PutObject"), start, end, null, PAGE));
      measure(
          "EventName (absent)",
          () -> events.find(ACCOUNT, filter("event_name", "DeleteTrail"), start, end, null, PAGE));
      measure(
          "Username (2.5% of events)",
          () -> events.find(ACCOUNT, filter("username", "user-7"), start, end, null, PAGE));
      measure(
          "ReadOnly",
          () -> events.find(ACCOUNT, filter("read_only", "false"), start, end, null, PAGE));
      measure(
          "ResourceName, a bucket (5% of events)",
          () -> events.find(ACCOUNT, filter("resource_name", "bucket-3"), start, end, null, PAGE));
      measure(
          "ResourceName, one object",
          () ->
              events.find(
                  ACCOUNT,
                  filter("resource_name", "arn:aws:s3:::bucket-3/key-3"),
                  start,
                  end,
                  null,
                  PAGE));
      measure(
          "ResourceType",
          () ->
              events.find(
                  ACCOUNT, filter("resource_type", "AWS::S3::Bucket"), start, end, null, PAGE));
      Instant from = Instant.parse("2026-01-10T00:00:00Z");
      Instant to = Instant.parse("2026-01-11T00:00:00Z");
      measure(
          "EventName in one day",
          () -> events.find(ACCOUNT, filter("event_name", "PutObject"), from, to, null, PAGE));
    } finally {
      db.close();
    }
  }

  private static EventRepository.Filter filter(String column, String value) {
    return new EventRepository.Filter(column, value);
  }

  private static void measure(String name, Runnable lookup) {
    for (int i = 0; i < 3; i++) {
      lookup.run();
    }
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long started = System.nanoTime();
      lookup.run();
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(
        "%-40s median %7.2f ms   p95 %7.2f ms%n",
        name, millis[RUNS / 2], millis[(int) (RUNS * 0.95) - 1]);
  }

  /** Events spread over 90 days, written in batches as a busy recorder would. */
  private static void fill(EventRepository events, int from, int count) {
    Random random = new Random(from);
    Instant first = Instant.parse("2026-01-01T00:00:00Z");
    long span = Duration.ofDays(90).toMillis();
    long started = System.nanoTime();
    List<TrailEvent> batch = new ArrayList<>();
    for (int n = from; n < count; n++) {
      String operation = OPERATIONS[random.nextInt(OPERATIONS.length)];
      String user = "user-" + random.nextInt(40);
      int bucket = random.nextInt(20);
      String key = "key-" + random.nextInt(5_000);
      String bucketArn = "arn:aws:s3:::bucket-" + bucket;
      String objectArn = bucketArn + "/" + key;
      Instant time = first.plusMillis((long) n * span / count);
      String eventId = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
      String record =
          """
          {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA%s",\
          "arn":"arn:aws:iam::%s:user/%s","accountId":"%s","userName":"%s"},\
          "eventTime":"%s","eventSource":"s3.amazonaws.com","eventName":"%s",\
          "awsRegion":"us-east-1","sourceIPAddress":"127.0.0.1","userAgent":"aws-cli/2.9.19",\
          "requestParameters":{"bucketName":"bucket-%d","key":"%s"},"responseElements":null,\
          "requestID":"%s","eventID":"%s","readOnly":false,"resources":[{"ARN":"%s",\
          "type":"AWS::S3::Object"},{"ARN":"%s","accountId":"%s","type":"AWS::S3::Bucket"}],\
          "eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"%s",\
          "eventCategory":"Data"}\
          """
              .formatted(
                  user, ACCOUNT, user, ACCOUNT, user, time, operation, bucket, key, n, eventId,
                  objectArn, bucketArn, ACCOUNT, ACCOUNT);
      batch.add(
          new TrailEvent(
              ACCOUNT,
              eventId,
              time,
              operation,
              "s3.amazonaws.com",
              operation.startsWith("Get") || operation.startsWith("List"),
              user,
              "AKIA" + user,
              List.of(
                  new TrailEvent.Resource("AWS::S3::Object", objectArn),
                  new TrailEvent.Resource("AWS::S3::Bucket", bucketArn),
                  new TrailEvent.Resource("AWS::S3::Bucket", "bucket-" + bucket)),
              record));
      if (batch.size() == 5_000) {
        events.insert(batch);
        batch.clear();
        if ((n + 1) % 100_000 == 0) {
          System.out.printf(
              "filled %d events in %.0f s%n", n + 1, (System.nanoTime() - started) / 1e9);
        }
      }
    }
    events.insert(batch);
  }
}
