package ferry.e2e;

import static ferry.e2e.MatrixSteps.check;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The client matrix with the AWS SDK for Java v2 over Ferry's TLS endpoint, with the SDK's defaults
 * (flexible checksums on both ways) and its own multipart client.
 */
final class JavaSdkMatrix {
  private static final int MIB = 1024 * 1024;

  private final FerryServer ferry;
  private final String prefix;
  private final String bucket;
  private final TrustManager[] trust;
  private final HttpClient http;
  private final S3Client s3;

  JavaSdkMatrix(FerryServer ferry, String prefix, TrustManager[] trust, HttpClient http) {
    this.ferry = ferry;
    this.prefix = prefix;
    this.bucket = prefix + "-bucket";
    this.trust = trust;
    this.http = http;
    this.s3 =
        S3Client.builder()
            .endpointOverride(ferry.tlsEndpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(root("dev"))
            .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(() -> trust))
            .build();
  }

  private StaticCredentialsProvider root(String account) {
    FerryServer.Account a = ferry.account(account);
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey()));
  }

  void run() {
    System.out.println("AWS SDK for Java " + VersionInfo.SDK_VERSION);
    try (s3) {
      s3.createBucket(b -> b.bucket(bucket));
      var steps = new MatrixSteps("Java SDK");
      steps.run("PutObject/GetObject round trip", this::roundTrip);
      steps.run("multipart upload (S3AsyncClient multipart, 2 parts)", this::multipartUpload);
      steps.run(
          "ranged download with checksum validation (2 Range GETs, ChecksumMode ENABLED)",
          this::rangedDownload);
      steps.run("conditional GET (IfNoneMatch -> 304)", this::conditionalGet);
      steps.run("presigned GET over plain HTTP (S3Presigner)", this::presignedGet);
      steps.run("cross-account AssumeRole (prod role, dev user)", this::crossAccountAssumeRole);
      steps.run("KMS CreateKey/Encrypt/Decrypt", this::kmsRoundTrip);
      steps.assertAllPassed();
    }
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private void roundTrip() {
    String body = "hello from the Java SDK " + ThreadLocalRandom.current().nextLong();
    s3.putObject(b -> b.bucket(bucket).key("round-trip.txt"), RequestBody.fromString(body));
    String got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("round-trip.txt")).asUtf8String();
    check(got.equals(body), "GetObject answered " + got + ", not " + body);
  }

  private void multipartUpload() {
    byte[] body = randomBytes(10 * MIB);
    try (S3AsyncClient multipart =
        S3AsyncClient.builder()
            .endpointOverride(ferry.tlsEndpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(root("dev"))
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder().tlsTrustManagersProvider(() -> trust))
            .multipartEnabled(true)
            .multipartConfiguration(
                MultipartConfiguration.builder()
                    .thresholdInBytes(5L * MIB)
                    .minimumPartSizeInBytes(5L * MIB)
                    .build())
            .build()) {
      multipart
          .putObject(b -> b.bucket(bucket).key("multipart.bin"), AsyncRequestBody.fromBytes(body))
          .join();
    }
    String etag = s3.headObject(b -> b.bucket(bucket).key("multipart.bin")).eTag();
    check(etag.endsWith("-2\""), "ETag " + etag + " is not a 2-part upload's");
    byte[] got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("multipart.bin")).asByteArray();
    check(Arrays.equals(got, body), "the downloaded multipart object differs");
  }

  private void rangedDownload() {
    // One PutObject, so the object has a full-object CRC that a ranged GET must not carry.
    byte[] body = randomBytes(10 * MIB);
    s3.putObject(b -> b.bucket(bucket).key("large.bin"), RequestBody.fromBytes(body));
    byte[] got = new byte[body.length];
    for (int start = 0; start < body.length; start += 5 * MIB) {
      String range = "bytes=" + start + "-" + (Math.min(start + 5 * MIB, body.length) - 1);
      ResponseBytes<GetObjectResponse> piece =
          s3.getObject(
              b ->
                  b.bucket(bucket).key("large.bin").range(range).checksumMode(ChecksumMode.ENABLED),
              ResponseTransformer.toBytes());
      check(piece.response().contentRange() != null, "Range " + range + " has no Content-Range");
      System.arraycopy(piece.asByteArray(), 0, got, start, piece.asByteArray().length);
    }
    check(Arrays.equals(got, body), "the ranged download differs");
  }

  private void conditionalGet() {
    String etag =
        s3.putObject(
                b -> b.bucket(bucket).key("conditional.txt"), RequestBody.fromString("unchanged"))
            .eTag();
    try {
      s3.getObjectAsBytes(b -> b.bucket(bucket).key("conditional.txt").ifNoneMatch(etag));
    } catch (S3Exception e) {
      check(
          e.statusCode() == 304,
          "IfNoneMatch with the ETag failed with " + e.statusCode() + ": " + e.getMessage());
      return;
    }
    throw new AssertionError("IfNoneMatch with the object's own ETag returned the object");
  }

  private void presignedGet() throws Exception {
    s3.putObject(
        b -> b.bucket(bucket).key("presigned.txt"), RequestBody.fromString("presigned bytes"));
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(ferry.tlsEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(root("dev"))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build()) {
      var url =
          presigner
              .presignGetObject(p ->
                  p.signatureDuration(Duration.ofMinutes(5))
                      .getObjectRequest(g -> g.bucket(bucket).key("presigned.txt")))
              .url();
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url.toURI()).build(), HttpResponse.BodyHandlers.ofString());
      check(response.statusCode() == 200, "presigned GET answered " + response.statusCode());
      check(response.body().equals("presigned bytes"), "presigned GET returned " + response.body());
    }
  }

  private StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(ferry.tlsEndpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(() -> trust))
        .build();
  }

  private IamClient iam(String account) {
    return IamClient.builder()
        .endpointOverride(ferry.tlsEndpoint())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(root(account))
        .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(() -> trust))
        .build();
  }

  private void crossAccountAssumeRole() {
    String role = prefix + "-role";
    String devId = ferry.account("dev").id();
    String prodId = ferry.account("prod").id();
    String trustPolicy =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}\
        """
            .formatted(devId);
    try (IamClient prodIam = iam("prod");
        IamClient devIam = iam("dev")) {
      String roleArn =
          prodIam
              .createRole(b -> b.roleName(role).assumeRolePolicyDocument(trustPolicy))
              .role()
              .arn();
      check(roleArn.equals("arn:aws:iam::" + prodId + ":role/" + role), "role ARN " + roleArn);
      // AWS refuses AssumeRole to a root user, so dev's root makes a user who may assume the role.
      devIam.createUser(b -> b.userName(role));
      String allow =
          """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
            "Resource":"%s"}]}\
          """
              .formatted(roleArn);
      devIam.putUserPolicy(b -> b.userName(role).policyName("assume").policyDocument(allow));
      AccessKey key = devIam.createAccessKey(b -> b.userName(role)).accessKey();
      Credentials session;
      try (StsClient user =
          sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
        session = user.assumeRole(b -> b.roleArn(roleArn).roleSessionName("java")).credentials();
      }
      try (StsClient assumed =
          sts(
              AwsSessionCredentials.create(
                  session.accessKeyId(), session.secretAccessKey(), session.sessionToken()))) {
        String arn = assumed.getCallerIdentity().arn();
        String expected = "arn:aws:sts::" + prodId + ":assumed-role/" + role + "/java";
        check(arn.equals(expected), "GetCallerIdentity says " + arn + ", not " + expected);
      }
    }
  }

  private void kmsRoundTrip() {
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(ferry.tlsEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(root("dev"))
            .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(() -> trust))
            .build()) {
      String key = kms.createKey(b -> b.description(prefix + " key")).keyMetadata().keyId();
      SdkBytes plaintext = SdkBytes.fromByteArray(randomBytes(64));
      SdkBytes ciphertext = kms.encrypt(b -> b.keyId(key).plaintext(plaintext)).ciphertextBlob();
      DecryptResponse decrypted = kms.decrypt(b -> b.ciphertextBlob(ciphertext));
      check(decrypted.plaintext().equals(plaintext), "Decrypt returned other bytes");
      check(
          decrypted.keyId().endsWith(key),
          "Decrypt names key " + decrypted.keyId() + ", not " + key);
    }
  }
}
