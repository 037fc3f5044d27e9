package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ServiceTest {
  static final AccountId DEV = AccountId.of("111111111111");
  static final AccountId PROD = AccountId.of("222222222222");

  @TempDir Path dataDir;
  Database db;
  S3Service s3;
  final Caller dev =
      Caller.of(new Principal.AccountRoot(DEV), Region.US_EAST_1, java.time.Instant.now());
  final Caller prod =
      Caller.of(new Principal.AccountRoot(PROD), Region.US_EAST_1, java.time.Instant.now());

  @BeforeEach
  void start() {
    db = TestStore.open(dataDir);
    Clock clock = Clock.systemUTC();
    Authorizer authorizer =
        new Authorizer(
            principal -> PrincipalPolicies.none(), new PolicyParser(), new DecisionLog(), clock);
    s3 =
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

  @AfterEach
  void stop() {
    db.close();
  }

  @Test
  void putThenGet_returnsTheSameBytesAndMd5Etag() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "bucket-one",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    PutObjectResult put = put(dev, "bucket-one", "a/b.txt", "hello", null);
    assertThat(put.etag()).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
    GetObjectResult got =
        s3.objects().getObject(dev, new GetObjectRequest("bucket-one", "a/b.txt", null, null));
    try (InputStream in = got.body()) {
      assertThat(new String(in.readNBytes((int) got.length()), StandardCharsets.UTF_8))
          .isEqualTo("hello");
    }
    assertThat(got.version().owner()).isEqualTo(DEV);
  }

  @Test
  void createBucket_takenByAnotherAccount_isBucketAlreadyExists() {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "shared-name",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    assertAwsError(
        () ->
            s3.buckets()
                .createBucket(
                    prod,
                    new CreateBucketRequest(
                        "shared-name",
                        Region.US_EAST_1,
                        ObjectOwnership.BUCKET_OWNER_ENFORCED,
                        AccessControlList.NONE)),
        "BucketAlreadyExists");
  }

  @Test
  void createBucket_ownAgainOutsideUsEast1_isBucketAlreadyOwnedByYou() {
    Region eu = Region.of("eu-west-1");
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "mine-eu", eu, ObjectOwnership.BUCKET_OWNER_ENFORCED, AccessControlList.NONE));
    assertAwsError(
        () ->
            s3.buckets()
                .createBucket(
                    dev,
                    new CreateBucketRequest(
                        "mine-eu",
                        eu,
                        ObjectOwnership.BUCKET_OWNER_ENFORCED,
                        AccessControlList.NONE)),
        "BucketAlreadyOwnedByYou");
    // us-east-1 answers success for compatibility
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "mine-us",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "mine-us",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
  }

  @Test
  void invalidBucketName_isRejected_andNothingIsCreated() {
    assertAwsError(
        () ->
            s3.buckets()
                .createBucket(
                    dev,
                    new CreateBucketRequest(
                        "Bad_Name",
                        Region.US_EAST_1,
                        ObjectOwnership.BUCKET_OWNER_ENFORCED,
                        AccessControlList.NONE)),
        "InvalidBucketName");
    assertThat(s3.buckets().listBuckets(dev)).isEmpty();
  }

  @Test
  void wrongContentMd5_isBadDigest_andNothingIsStored() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "digest-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    String wrong = Base64.getEncoder().encodeToString(new byte[16]);
    assertAwsError(() -> put(dev, "digest-bucket", "k", "payload", wrong), "BadDigest");
    assertAwsError(
        () -> s3.objects().headObject(dev, new GetObjectRequest("digest-bucket", "k", null, null)),
        "NoSuchKey");
    assertThat(blobFiles()).isZero();
  }

  @Test
  void shortBody_isIncompleteBody_andNothingIsStored() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "short-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    var request =
        PutObjectRequest.of(
            "short-bucket", "k", new ByteArrayInputStream(new byte[10]), 20, Map.of(), null);
    assertAwsError(() -> s3.objects().putObject(dev, request), "IncompleteBody");
    assertThat(blobFiles()).isZero();
  }

  @Test
  void overwrite_inUnversionedBucket_replacesTheBytes() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "plain-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    put(dev, "plain-bucket", "k", "one", null);
    put(dev, "plain-bucket", "k", "two!", null);
    assertThat(
            s3.objects()
                .headObject(dev, new GetObjectRequest("plain-bucket", "k", null, null))
                .version()
                .size())
        .isEqualTo(4);
    assertThat(blobFiles()).isEqualTo(1);
  }

  @Test
  void anotherAccount_cannotReadOrList_withoutAGrant() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "private-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    put(dev, "private-bucket", "secret.txt", "s", null);
    assertAwsError(
            () ->
                s3.objects()
                    .getObject(
                        prod, new GetObjectRequest("private-bucket", "secret.txt", null, null)),
            "AccessDenied")
        // Across accounts S3 says no more than this; Ferry adds the missing grant.
        .startsWith("Access Denied. Missing grant: ")
        .contains("arn:aws:iam::222222222222:root")
        .contains("s3:GetObject");
    assertThat(s3.buckets().listBuckets(prod)).isEmpty();
  }

  @Test
  void listObjects_groupsByDelimiter_andPages() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "list-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    for (String key : new String[] {"a.txt", "dir/x", "dir/y", "dir2/z", "e.txt"}) {
      put(dev, "list-bucket", key, key, null);
    }
    ListObjectsResult top =
        s3.listings().listObjects(dev, new ListObjectsRequest("list-bucket", "", "/", 1000, ""));
    assertThat(top.objects()).extracting(ObjectVersion::key).containsExactly("a.txt", "e.txt");
    assertThat(top.commonPrefixes()).containsExactly("dir/", "dir2/");

    ListObjectsResult first =
        s3.listings().listObjects(dev, new ListObjectsRequest("list-bucket", "", "/", 2, ""));
    assertThat(first.truncated()).isTrue();
    ListObjectsResult second =
        s3.listings()
            .listObjects(
                dev, new ListObjectsRequest("list-bucket", "", "/", 2, first.nextStartAfter()));
    assertThat(second.commonPrefixes()).containsExactly("dir2/");
    assertThat(second.objects()).extracting(ObjectVersion::key).containsExactly("e.txt");
    assertThat(second.truncated()).isFalse();
  }

  /**
   * S3 orders keys by their UTF-8 bytes: a key with a character beyond U+FFFF (an emoji, four bytes
   * from F0) sorts after one with U+FFFF (EF BF BF), so "past a common prefix" is not the prefix
   * followed by U+FFFF.
   */
  @Test
  void everyListing_groupsKeysWithCharactersBeyondUffff_underTheirCommonPrefixOnce()
      throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "emoji-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    String[] keys = {"dir/x", "dir/\uD83D\uDE00", "dir/\uD83D\uDE00/deep", "dir\uFFFF", "e.txt"};
    for (String key : keys) {
      put(dev, "emoji-bucket", key, key, null);
      s3.uploads()
          .create(
              dev,
              new CreateMultipartUploadRequest(
                  "emoji-bucket", key, Map.of(), AccessControlList.NONE, Map.of(), null, null));
    }

    ListObjectsResult objects =
        s3.listings().listObjects(dev, new ListObjectsRequest("emoji-bucket", "", "/", 1000, ""));
    ListObjectsResult resumed =
        s3.listings()
            .listObjects(dev, new ListObjectsRequest("emoji-bucket", "", "/", 1000, "dir/"));
    ListVersionsResult versions =
        s3.listings()
            .listObjectVersions(
                dev, new ListVersionsRequest("emoji-bucket", "", "/", 1000, "", null));
    ListUploadsResult uploads = s3.uploads().list(dev, "emoji-bucket", "", "/", "", "", 1000);

    assertThat(objects.commonPrefixes()).containsExactly("dir/");
    assertThat(objects.objects())
        .extracting(ObjectVersion::key)
        .containsExactly("dir\uFFFF", "e.txt");
    assertThat(resumed.commonPrefixes()).isEmpty();
    assertThat(resumed.objects())
        .extracting(ObjectVersion::key)
        .containsExactly("dir\uFFFF", "e.txt");
    assertThat(versions.commonPrefixes()).containsExactly("dir/");
    assertThat(versions.versions())
        .extracting(ObjectVersion::key)
        .containsExactly("dir\uFFFF", "e.txt");
    assertThat(uploads.commonPrefixes()).containsExactly("dir/");
    assertThat(uploads.uploads())
        .extracting(MultipartUpload::key)
        .containsExactly("dir\uFFFF", "e.txt");
  }

  /**
   * A delimiter listing reads few rows after each common prefix and more while they are keys: every
   * page size finds every prefix and key once, in order.
   */
  @Test
  void delimiterListings_findEveryPrefixAndKeyOnce_atEveryPageSize() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "folders-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    List<String> expected = new ArrayList<>();
    for (String folder : List.of("a/", "c/", "e/")) {
      for (int i = 0; i < 40; i++) {
        put(dev, "folders-bucket", folder + i, "x", null);
      }
      expected.add(folder);
    }
    for (int i = 0; i < 45; i++) {
      String key = "d" + (100 + i);
      put(dev, "folders-bucket", key, "x", null);
      expected.add(key);
    }
    expected.sort(String::compareTo);

    for (int maxKeys : new int[] {1, 2, 7, 1000}) {
      List<String> listed = new ArrayList<>();
      String after = "";
      ListObjectsResult page;
      do {
        page =
            s3.listings()
                .listObjects(
                    dev, new ListObjectsRequest("folders-bucket", "", "/", maxKeys, after));
        List<String> names = new ArrayList<>(page.commonPrefixes());
        page.objects().forEach(version -> names.add(version.key()));
        names.sort(String::compareTo);
        listed.addAll(names);
        after = page.nextStartAfter();
      } while (page.truncated());
      assertThat(listed).as("max-keys " + maxKeys).isEqualTo(expected);
    }
    ListVersionsResult versions =
        s3.listings()
            .listObjectVersions(
                dev, new ListVersionsRequest("folders-bucket", "", "/", 1000, "", null));
    assertThat(versions.commonPrefixes()).containsExactly("a/", "c/", "e/");
    assertThat(versions.versions()).hasSize(45);
  }

  /** A prefix is a range of keys in byte order: "dir/" holds the emoji keys, "dir" all five. */
  @Test
  void listObjects_withAPrefix_findsExactlyTheKeysThatStartWithIt() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "prefix-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    String[] keys = {"di", "dir/x", "dir/\uD83D\uDE00", "dir0", "dir\uFFFF", "dis", "e"};
    for (String key : keys) {
      put(dev, "prefix-bucket", key, key, null);
    }

    assertThat(keysListed("prefix-bucket", "dir/")).containsExactly("dir/x", "dir/\uD83D\uDE00");
    assertThat(keysListed("prefix-bucket", "dir"))
        .containsExactly("dir/x", "dir/\uD83D\uDE00", "dir0", "dir\uFFFF");
    assertThat(keysListed("prefix-bucket", "dir/\uD83D\uDE00")).containsExactly("dir/\uD83D\uDE00");
    assertThat(keysListed("prefix-bucket", "\uDBFF\uDFFF")).isEmpty();
  }

  private List<String> keysListed(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    String after = "";
    while (true) {
      ListObjectsResult page =
          s3.listings().listObjects(dev, new ListObjectsRequest(bucket, prefix, null, 1, after));
      page.objects().forEach(version -> keys.add(version.key()));
      if (!page.truncated()) {
        return keys;
      }
      after = page.nextStartAfter();
    }
  }

  @Test
  void deleteBucket_withObjects_isBucketNotEmpty() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "full-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    put(dev, "full-bucket", "k", "v", null);
    assertAwsError(() -> s3.buckets().deleteBucket(dev, "full-bucket"), "BucketNotEmpty");
    s3.objects().deleteObject(dev, "full-bucket", "k", null);
    s3.buckets().deleteBucket(dev, "full-bucket");
    assertThat(s3.buckets().listBuckets(dev)).isEmpty();
  }

  @Test
  void range_isServedFromTheOffset() throws IOException {
    s3.buckets()
        .createBucket(
            dev,
            new CreateBucketRequest(
                "range-bucket",
                Region.US_EAST_1,
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                AccessControlList.NONE));
    put(dev, "range-bucket", "k", "0123456789", null);
    GetObjectResult got =
        s3.objects()
            .getObject(
                dev, new GetObjectRequest("range-bucket", "k", null, ByteRange.parse("bytes=2-4")));
    try (InputStream in = got.body()) {
      assertThat(new String(in.readNBytes((int) got.length()), StandardCharsets.UTF_8))
          .isEqualTo("234");
    }
    assertAwsError(
        () ->
            s3.objects()
                .getObject(
                    dev,
                    new GetObjectRequest("range-bucket", "k", null, ByteRange.parse("bytes=20-"))),
        "InvalidRange");
  }

  private PutObjectResult put(Caller caller, String bucket, String key, String body, String md5) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return s3.objects()
        .putObject(
            caller,
            PutObjectRequest.of(
                bucket, key, new ByteArrayInputStream(bytes), bytes.length, Map.of(), md5));
  }

  private long blobFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
