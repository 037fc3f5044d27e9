package ferry.s3.wire;

import static ferry.s3.wire.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.RunningFerry;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/** SSE-C and Object Lock through the AWS SDK for Java v2, over TLS as SSE-C requires. */
class S3SseCObjectLockWireTest {
  static final String PROTECTED = "Access Denied because object protected by object lock.";
  static final String KEY = key(1);
  static final String OTHER = key(2);

  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;
  static S3Client overHttp;

  @BeforeAll
  static void start() throws Exception {
    dev = s3OverTls();
    overHttp = ferry.s3("dev");
    dev.createBucket(b -> b.bucket("vault"));
    dev.createBucket(b -> b.bucket("locked").objectLockEnabledForBucket(true));
  }

  @Test
  void sseC_roundTrip_putGetHeadCopy_echoesTheKeyMd5() {
    var put =
        dev.putObject(
            p ->
                p.bucket("vault")
                    .key("secret")
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(KEY)
                    .sseCustomerKeyMD5(md5(KEY)),
            RequestBody.fromString("secret bytes"));
    assertThat(put.sseCustomerAlgorithm()).isEqualTo("AES256");
    assertThat(put.sseCustomerKeyMD5()).isEqualTo(md5(KEY));
    assertThat(put.serverSideEncryptionAsString()).isNull();
    var got =
        dev.getObjectAsBytes(g ->
            g.bucket("vault")
                .key("secret")
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY)
                .sseCustomerKeyMD5(md5(KEY)));
    assertThat(got.asUtf8String()).isEqualTo("secret bytes");
    assertThat(got.response().sseCustomerKeyMD5()).isEqualTo(md5(KEY));
    var head =
        dev.headObject(h ->
            h.bucket("vault")
                .key("secret")
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY)
                .sseCustomerKeyMD5(md5(KEY)));
    assertThat(head.contentLength()).isEqualTo(12);
    assertThat(head.sseCustomerAlgorithm()).isEqualTo("AES256");
    var copy =
        dev.copyObject(c ->
            c.sourceBucket("vault")
                .sourceKey("secret")
                .destinationBucket("vault")
                .destinationKey("copy")
                .copySourceSSECustomerAlgorithm("AES256")
                .copySourceSSECustomerKey(KEY)
                .copySourceSSECustomerKeyMD5(md5(KEY))
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(OTHER)
                .sseCustomerKeyMD5(md5(OTHER)));
    assertThat(copy.sseCustomerKeyMD5()).isEqualTo(md5(OTHER));
    assertThat(
            dev.getObjectAsBytes(g ->
                    g.bucket("vault")
                        .key("copy")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(OTHER)
                        .sseCustomerKeyMD5(md5(OTHER)))
                .asUtf8String())
        .isEqualTo("secret bytes");
    assertThat(dev.listObjectsV2(l -> l.bucket("vault")).contents()).hasSizeGreaterThan(1);
  }

  @Test
  void getObjectAttributes_ofAnSseCObject_needsItsKey_asHeadObjectDoes() {
    dev.putObject(
        p ->
            p.bucket("vault")
                .key("attributes")
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY)
                .sseCustomerKeyMD5(md5(KEY)),
        RequestBody.fromString("attribute bytes"));
    var attributes =
        dev.getObjectAttributes(a ->
            a.bucket("vault")
                .key("attributes")
                .objectAttributes(ObjectAttributes.OBJECT_SIZE, ObjectAttributes.E_TAG)
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY)
                .sseCustomerKeyMD5(md5(KEY)));
    assertThat(attributes.objectSize()).isEqualTo(15L);
    assertS3Error(
        () ->
            dev.getObjectAttributes(a ->
                a.bucket("vault").key("attributes").objectAttributes(ObjectAttributes.OBJECT_SIZE)),
        400,
        "InvalidRequest",
        "The object was stored using a form of Server Side Encryption. The correct parameters"
            + " must be provided to retrieve the object.");
    assertS3Error(
        () ->
            dev.getObjectAttributes(a ->
                a.bucket("vault")
                    .key("attributes")
                    .objectAttributes(ObjectAttributes.OBJECT_SIZE)
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(OTHER)
                    .sseCustomerKeyMD5(md5(OTHER))),
        403,
        "AccessDenied",
        null);
    dev.putObject(p -> p.bucket("vault").key("plain-attributes"), RequestBody.fromString("x"));
    assertS3Error(
        () ->
            dev.getObjectAttributes(a ->
                a.bucket("vault")
                    .key("plain-attributes")
                    .objectAttributes(ObjectAttributes.OBJECT_SIZE)
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(KEY)
                    .sseCustomerKeyMD5(md5(KEY))),
        400,
        "InvalidRequest",
        "The encryption parameters are not applicable to this object.");
  }

  @Test
  void sseC_refusals_missingWrongShortKey_andPlainHttp() {
    dev.putObject(
        p ->
            p.bucket("vault")
                .key("refusals")
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY)
                .sseCustomerKeyMD5(md5(KEY)),
        RequestBody.fromString("bytes"));
    assertS3Error(
        () -> dev.getObjectAsBytes(g -> g.bucket("vault").key("refusals")),
        400,
        "InvalidRequest",
        "The object was stored using a form of Server Side Encryption. The correct parameters"
            + " must be provided to retrieve the object.");
    assertS3Error(() -> dev.headObject(h -> h.bucket("vault").key("refusals")), 400, null, null);
    assertS3Error(
        () ->
            dev.getObjectAsBytes(g ->
                g.bucket("vault")
                    .key("refusals")
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(OTHER)
                    .sseCustomerKeyMD5(md5(OTHER))),
        403,
        "AccessDenied",
        null);
    assertS3Error(
        () ->
            dev.copyObject(c ->
                c.sourceBucket("vault")
                    .sourceKey("refusals")
                    .destinationBucket("vault")
                    .destinationKey("never")),
        400,
        "InvalidRequest",
        null);
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertS3Error(
        () ->
            dev.putObject(
                p ->
                    p.bucket("vault")
                        .key("never")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(shortKey)
                        .sseCustomerKeyMD5(md5(shortKey)),
                RequestBody.fromString("bytes")),
        400,
        "InvalidArgument",
        "The secret key was invalid for the specified algorithm.");
    assertS3Error(
        () ->
            dev.putObject(
                p ->
                    p.bucket("vault")
                        .key("never")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(KEY)
                        .sseCustomerKeyMD5(md5(OTHER)),
                RequestBody.fromString("bytes")),
        400,
        "InvalidArgument",
        "The calculated MD5 hash of the key did not match the hash that was provided.");
    assertS3Error(
        () ->
            overHttp.putObject(
                p ->
                    p.bucket("vault")
                        .key("never")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(KEY)
                        .sseCustomerKeyMD5(md5(KEY)),
                RequestBody.fromString("bytes")),
        400,
        "InvalidRequest",
        "Requests specifying Server Side Encryption with Customer provided keys must be made over"
            + " a secure connection.");
    assertS3Error(() -> dev.headObject(h -> h.bucket("vault").key("never")), 404, null, null);
    assertThat(
            dev.getObjectAsBytes(g ->
                    g.bucket("vault")
                        .key("refusals")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(KEY)
                        .sseCustomerKeyMD5(md5(KEY)))
                .asUtf8String())
        .isEqualTo("bytes");
  }

  @Test
  void objectLock_retentionAndLegalHold_blockDeletingTheVersion() {
    dev.putObjectLockConfiguration(r ->
        r.bucket("locked")
            .objectLockConfiguration(c ->
                c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                    .rule(x ->
                        x.defaultRetention(
                            d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
    var configuration = dev.getObjectLockConfiguration(r -> r.bucket("locked"));
    assertThat(configuration.objectLockConfiguration().rule().defaultRetention().days())
        .isEqualTo(1);
    String defaulted =
        dev.putObject(p -> p.bucket("locked").key("defaulted"), RequestBody.fromString("d"))
            .versionId();
    var head = dev.headObject(h -> h.bucket("locked").key("defaulted"));
    assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
    assertThat(head.objectLockRetainUntilDate()).isAfter(Instant.now().plus(23, ChronoUnit.HOURS));
    assertS3Error(
        () -> dev.deleteObject(d -> d.bucket("locked").key("defaulted").versionId(defaulted)),
        403,
        "AccessDenied",
        PROTECTED);
    var batch =
        dev.deleteObjects(d ->
            d.bucket("locked")
                .delete(x ->
                    x.objects(
                        ObjectIdentifier.builder().key("defaulted").versionId(defaulted).build())));
    assertThat(batch.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo(PROTECTED));
    assertThat(dev.deleteObject(d -> d.bucket("locked").key("defaulted")).deleteMarker()).isTrue();
    dev.deleteObject(d ->
        d.bucket("locked").key("defaulted").versionId(defaulted).bypassGovernanceRetention(true));

    Instant until = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    String compliant =
        dev.putObject(
                p ->
                    p.bucket("locked")
                        .key("compliant")
                        .objectLockMode(ObjectLockMode.COMPLIANCE)
                        .objectLockRetainUntilDate(until)
                        .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("c"))
            .versionId();
    var retention = dev.getObjectRetention(r -> r.bucket("locked").key("compliant")).retention();
    assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
    assertThat(retention.retainUntilDate()).isEqualTo(until);
    assertThat(
            dev.getObjectLegalHold(r -> r.bucket("locked").key("compliant")).legalHold().status())
        .isEqualTo(ObjectLockLegalHoldStatus.ON);
    assertS3Error(
        () ->
            dev.putObjectRetention(r ->
                r.bucket("locked")
                    .key("compliant")
                    .bypassGovernanceRetention(true)
                    .retention(
                        x -> x.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until))),
        403,
        "AccessDenied",
        PROTECTED);
    assertS3Error(
        () ->
            dev.deleteObject(d ->
                d.bucket("locked")
                    .key("compliant")
                    .versionId(compliant)
                    .bypassGovernanceRetention(true)),
        403,
        "AccessDenied",
        PROTECTED);
    assertS3Error(
        () ->
            dev.putObjectRetention(r ->
                r.bucket("locked")
                    .key("compliant")
                    .retention(x ->
                        x.mode(ObjectLockRetentionMode.COMPLIANCE)
                            .retainUntilDate(Instant.now().minusSeconds(60)))),
        400,
        "InvalidArgument",
        "The retain until date must be in the future!");
    dev.putObjectLegalHold(r ->
        r.bucket("locked")
            .key("compliant")
            .legalHold(x -> x.status(ObjectLockLegalHoldStatus.OFF)));
    assertThat(dev.headObject(h -> h.bucket("locked").key("compliant")).objectLockLegalHoldStatus())
        .isEqualTo(ObjectLockLegalHoldStatus.OFF);
    assertS3Error(
        () ->
            dev.putBucketVersioning(
                v -> v.bucket("locked").versioningConfiguration(c -> c.status("Suspended"))),
        409,
        "InvalidBucketState",
        null);
  }

  private static S3Client s3OverTls() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream pem = Files.newInputStream(ferry.ferry().caFile())) {
      store.setCertificateEntry(
          "ferry", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    return S3Client.builder()
        .endpointOverride(ferry.ferry().tlsEndpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClient(
            Apache5HttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers).build())
        .credentialsProvider(ferry.credentials("dev"))
        .build();
  }

  private static String key(int fill) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) fill);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String md5(String base64Key) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(base64Key)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
