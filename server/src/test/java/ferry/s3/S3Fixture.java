package ferry.s3;

import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.authz.PrincipalPolicies;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.policy.PolicyParser;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.ServerKey;
import ferry.s3.store.UploadRepository;
import ferry.store.BlobFiles;
import ferry.store.Database;
import ferry.testing.TestKms;
import ferry.testing.TestStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An S3Service on a real SQLite file and blob folder, with the two accounts' root users and IAM
 * users whose identity policies a test sets.
 */
final class S3Fixture implements AutoCloseable {
  static final AccountId DEV = AccountId.of("111111111111");
  static final AccountId PROD = AccountId.of("222222222222");

  final Path dataDir;
  final Database db;
  final S3Service s3;
  final Map<String, List<PrincipalPolicies.NamedPolicy>> userPolicies = new HashMap<>();
  final Caller dev = root(DEV);
  final DecisionLog decisions = new DecisionLog();
  final Caller prod = root(PROD);

  S3Fixture(Path dataDir) {
    this(dataDir, Clock.systemUTC());
  }

  /** S3 on a clock the test moves: a {@code MutableClock} for lifecycle rules or Object Lock. */
  S3Fixture(Path dataDir, Clock clock) {
    this.dataDir = dataDir;
    this.db = TestStore.open(dataDir);
    Authorizer authorizer =
        new Authorizer(
            principal ->
                new PrincipalPolicies(userPolicies.getOrDefault(principal.arn(), List.of()), null),
            new PolicyParser(),
            decisions,
            clock);
    this.s3 =
        new S3Service(
            new BucketRepository(db),
            new ObjectRepository(db),
            new UploadRepository(db),
            new BlobFiles(dataDir),
            ServerKey.inFile(dataDir.resolve("s3-server.key")),
            TestKms.on(db, dataDir, authorizer, clock),
            authorizer,
            clock);
  }

  static Caller root(AccountId account) {
    return Caller.of(new Principal.AccountRoot(account), Region.US_EAST_1, Instant.now());
  }

  /** An IAM user of the account with one identity policy. */
  Caller user(AccountId account, String name, String policy) {
    var principal = new Principal.IamUser(account, "/", name, "AIDA" + name.toUpperCase());
    userPolicies.put(
        principal.arn(), List.of(new PrincipalPolicies.NamedPolicy("policy of " + name, policy)));
    return Caller.of(principal, Region.US_EAST_1, Instant.now());
  }

  Bucket bucket(Caller caller, String name) {
    return s3.buckets()
        .createBucket(
            caller, new CreateBucketRequest(name, Region.US_EAST_1, null, AccessControlList.NONE));
  }

  Bucket bucket(Caller caller, String name, ObjectOwnership ownership) {
    return s3.buckets()
        .createBucket(
            caller,
            new CreateBucketRequest(name, Region.US_EAST_1, ownership, AccessControlList.NONE));
  }

  PutObjectResult put(Caller caller, String bucket, String key, String body) {
    return put(caller, bucket, key, body, AccessControlList.NONE);
  }

  PutObjectResult put(
      Caller caller, String bucket, String key, String body, AccessControlList acl) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return put(caller, bucket, key, new ByteArrayInputStream(bytes), bytes.length, acl);
  }

  /** A PutObject whose body is the stream, as it arrives from a client. */
  PutObjectResult put(
      Caller caller,
      String bucket,
      String key,
      InputStream body,
      long length,
      AccessControlList acl) {
    return s3.objects()
        .putObject(
            caller,
            new PutObjectRequest(
                bucket,
                key,
                body,
                length,
                Map.of(),
                BodyIntegrity.NONE,
                acl,
                Map.of(),
                null,
                null,
                null));
  }

  /** A multipart upload of the key, with no checksum or settings of its own. */
  MultipartUpload upload(Caller caller, String bucket, String key) {
    return s3.uploads()
        .create(
            caller,
            new CreateMultipartUploadRequest(
                bucket, key, Map.of(), AccessControlList.NONE, Map.of(), null, null));
  }

  /** An UploadPart whose body is the stream, as it arrives from a client. */
  UploadedPart uploadPart(
      Caller caller, MultipartUpload upload, int partNumber, InputStream body, long length) {
    return s3.uploads()
        .uploadPart(
            caller,
            new UploadPartRequest(
                upload.bucket(),
                upload.key(),
                upload.uploadId(),
                partNumber,
                body,
                length,
                BodyIntegrity.NONE));
  }

  /**
   * A request body that runs {@code meanwhile} once its last byte is read: another request that
   * comes while this one's body arrives, after the request checked what it found.
   */
  static InputStream body(byte[] bytes, Runnable meanwhile) {
    return new ByteArrayInputStream(bytes) {
      private boolean ran;

      @Override
      public synchronized int read(byte[] into, int offset, int length) {
        int read = super.read(into, offset, length);
        if (read == -1 && !ran) {
          ran = true;
          meanwhile.run();
        }
        return read;
      }
    };
  }

  String read(Caller caller, String bucket, String key) {
    return read(caller, new GetObjectRequest(bucket, key, null, null));
  }

  String read(Caller caller, GetObjectRequest request) {
    GetObjectResult got = s3.objects().getObject(caller, request);
    try (InputStream in = got.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long blobFiles() {
    try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
