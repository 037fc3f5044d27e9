package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSE-C and Object Lock with the real aws CLI. SSE-C goes over TLS (AWS_CA_BUNDLE), as S3 refuses
 * customer keys over plain HTTP; retentions of some seconds let Object Lock's protection end.
 */
class S3SseCObjectLockCliIT extends FerryPerClass {
  static final String KEY = "0123456789abcdef0123456789abcdef";
  static final String OTHER_KEY = "fedcba9876543210fedcba9876543210";
  static final String PROTECTED = "Access Denied because object protected by object lock.";
  static AwsCli tls;
  static Path file;

  @BeforeAll
  static void start() throws Exception {
    tls =
        dev.withEndpoint(ferry.tlsEndpoint())
            .withEnvironment("AWS_CA_BUNDLE", ferry.caFile().toString());
    tls.run("s3", "mb", "s3://vault").assertOk();
    file = Files.writeString(work.resolve("secret.txt"), "the secret bytes");
  }

  @Test
  void sseC_roundTrip_putGetHeadCopy_withTheCustomersKey() throws Exception {
    String put =
        tls.run(
                "s3api",
                "put-object",
                "--bucket",
                "vault",
                "--key",
                "secret",
                "--body",
                file.toString(),
                "--sse-customer-algorithm",
                "AES256",
                "--sse-customer-key",
                KEY)
            .assertOk()
            .stdout();
    assertThat(put).contains("\"SSECustomerAlgorithm\": \"AES256\"").contains(md5(KEY));
    Path out = work.resolve("got.txt");
    String got =
        tls.run(
                "s3api",
                "get-object",
                "--bucket",
                "vault",
                "--key",
                "secret",
                "--sse-customer-algorithm",
                "AES256",
                "--sse-customer-key",
                KEY,
                out.toString())
            .assertOk()
            .stdout();
    assertThat(got).contains(md5(KEY));
    assertThat(Files.readString(out)).isEqualTo("the secret bytes");
    assertThat(
            tls.run(
                    "s3api",
                    "head-object",
                    "--bucket",
                    "vault",
                    "--key",
                    "secret",
                    "--sse-customer-algorithm",
                    "AES256",
                    "--sse-customer-key",
                    KEY)
                .assertOk()
                .stdout())
        .contains("\"ContentLength\": 16");
    tls.run(
            "s3api",
            "copy-object",
            "--bucket",
            "vault",
            "--key",
            "copy",
            "--copy-source",
            "vault/secret",
            "--copy-source-sse-customer-algorithm",
            "AES256",
            "--copy-source-sse-customer-key",
            KEY,
            "--sse-customer-algorithm",
            "AES256",
            "--sse-customer-key",
            OTHER_KEY)
        .assertOk();
    Path copied = work.resolve("copied.txt");
    tls.run(
            "s3",
            "cp",
            "s3://vault/copy",
            copied.toString(),
            "--sse-c",
            "AES256",
            "--sse-c-key",
            OTHER_KEY)
        .assertOk();
    assertThat(Files.readString(copied)).isEqualTo("the secret bytes");
    assertThat(tls.run("s3api", "list-objects-v2", "--bucket", "vault").assertOk().stdout())
        .contains("\"secret\"")
        .contains("\"copy\"");
  }

  @Test
  void sseC_refusals_noKey_wrongKey_shortKey_plainHttp_storeNothing() throws Exception {
    tls.run(
            "s3api",
            "put-object",
            "--bucket",
            "vault",
            "--key",
            "guarded",
            "--body",
            file.toString(),
            "--sse-customer-algorithm",
            "AES256",
            "--sse-customer-key",
            KEY)
        .assertOk();
    Path out = work.resolve("refused.txt");
    AwsCli.Result noKey =
        tls.run("s3api", "get-object", "--bucket", "vault", "--key", "guarded", out.toString());
    assertThat(noKey.exitCode()).isNotZero();
    assertThat(noKey.stderr())
        .contains("InvalidRequest")
        .contains("The object was stored using a form of Server Side Encryption");
    AwsCli.Result wrongKey =
        tls.run(
            "s3api",
            "get-object",
            "--bucket",
            "vault",
            "--key",
            "guarded",
            "--sse-customer-algorithm",
            "AES256",
            "--sse-customer-key",
            OTHER_KEY,
            out.toString());
    assertThat(wrongKey.exitCode()).isNotZero();
    assertThat(wrongKey.stderr()).contains("AccessDenied");
    AwsCli.Result headNoKey =
        tls.run("s3api", "head-object", "--bucket", "vault", "--key", "guarded");
    assertThat(headNoKey.exitCode()).isNotZero();
    assertThat(headNoKey.stderr()).contains("400");
    AwsCli.Result copyNoKey =
        tls.run(
            "s3api",
            "copy-object",
            "--bucket",
            "vault",
            "--key",
            "stolen",
            "--copy-source",
            "vault/guarded");
    assertThat(copyNoKey.exitCode()).isNotZero();
    assertThat(copyNoKey.stderr()).contains("InvalidRequest");
    AwsCli.Result shortKey =
        tls.run(
            "s3api",
            "put-object",
            "--bucket",
            "vault",
            "--key",
            "short",
            "--body",
            file.toString(),
            "--sse-customer-algorithm",
            "AES256",
            "--sse-customer-key",
            "0123456789abcdef");
    assertThat(shortKey.exitCode()).isNotZero();
    assertThat(shortKey.stderr())
        .contains("InvalidArgument")
        .contains("The secret key was invalid for the specified algorithm.");
    AwsCli.Result plainHttp =
        dev.run(
            "s3api",
            "put-object",
            "--bucket",
            "vault",
            "--key",
            "cleartext",
            "--body",
            file.toString(),
            "--sse-customer-algorithm",
            "AES256",
            "--sse-customer-key",
            KEY);
    assertThat(plainHttp.exitCode()).isNotZero();
    assertThat(plainHttp.stderr()).contains("must be made over a secure connection");
    String listed = tls.run("s3api", "list-objects-v2", "--bucket", "vault").assertOk().stdout();
    assertThat(listed)
        .doesNotContain("\"stolen\"")
        .doesNotContain("\"short\"")
        .doesNotContain("\"cleartext\"");
    tls.run(
            "s3api",
            "get-object",
            "--bucket",
            "vault",
            "--key",
            "guarded",
            "--sse-customer-algorithm",
            "AES256",
            "--sse-customer-key",
            KEY,
            out.toString())
        .assertOk();
    assertThat(Files.readString(out)).isEqualTo("the secret bytes");
  }

  @Test
  void objectLock_blocksDeletingAVersion_untilRetentionEnds_orTheLegalHoldIsReleased()
      throws Exception {
    dev.run("s3api", "create-bucket", "--bucket", "locked", "--object-lock-enabled-for-bucket")
        .assertOk();
    assertThat(dev.run("s3api", "get-bucket-versioning", "--bucket", "locked").assertOk().stdout())
        .contains("Enabled");
    dev.run(
            "s3api",
            "put-object-lock-configuration",
            "--bucket",
            "locked",
            "--object-lock-configuration",
            "{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":"
                + "{\"Mode\":\"GOVERNANCE\",\"Days\":1}}}")
        .assertOk();
    assertThat(
            dev.run("s3api", "get-object-lock-configuration", "--bucket", "locked")
                .assertOk()
                .stdout())
        .contains("\"Mode\": \"GOVERNANCE\"")
        .contains("\"Days\": 1");

    // The default retention: GOVERNANCE, removed only with the bypass (root may bypass).
    String defaulted = versionId(put("defaulted"));
    assertThat(
            dev.run("s3api", "get-object-retention", "--bucket", "locked", "--key", "defaulted")
                .assertOk()
                .stdout())
        .contains("GOVERNANCE");
    assertRefused(
        dev.run(
            "s3api",
            "delete-object",
            "--bucket",
            "locked",
            "--key",
            "defaulted",
            "--version-id",
            defaulted),
        PROTECTED);
    assertThat(
            dev.run("s3api", "delete-object", "--bucket", "locked", "--key", "defaulted")
                .assertOk()
                .stdout())
        .contains("\"DeleteMarker\": true");
    dev.run(
            "s3api",
            "delete-object",
            "--bucket",
            "locked",
            "--key",
            "defaulted",
            "--version-id",
            defaulted,
            "--bypass-governance-retention")
        .assertOk();

    // COMPLIANCE for a few seconds: no bypass, and deletion once it ends.
    Instant until = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
    String compliant =
        versionId(
            put(
                "compliant",
                "--object-lock-mode",
                "COMPLIANCE",
                "--object-lock-retain-until-date",
                until.toString()));
    assertRefused(
        dev.run(
            "s3api",
            "delete-object",
            "--bucket",
            "locked",
            "--key",
            "compliant",
            "--version-id",
            compliant,
            "--bypass-governance-retention"),
        PROTECTED);
    assertRefused(
        dev.run(
            "s3api",
            "put-object-retention",
            "--bucket",
            "locked",
            "--key",
            "compliant",
            "--bypass-governance-retention",
            "--retention",
            "{\"Mode\":\"GOVERNANCE\",\"RetainUntilDate\":\"" + until + "\"}"),
        PROTECTED);
    Thread.sleep(Math.max(0, until.toEpochMilli() - System.currentTimeMillis()) + 1500);
    dev.run(
            "s3api",
            "delete-object",
            "--bucket",
            "locked",
            "--key",
            "compliant",
            "--version-id",
            compliant)
        .assertOk();

    // A legal hold blocks deletion until it is released.
    String held = versionId(put("held", "--object-lock-legal-hold-status", "ON"));
    dev.run(
            "s3api",
            "put-object-retention",
            "--bucket",
            "locked",
            "--key",
            "held",
            "--bypass-governance-retention",
            "--retention",
            "{}")
        .assertOk();
    assertThat(
            dev.run("s3api", "head-object", "--bucket", "locked", "--key", "held")
                .assertOk()
                .stdout())
        .contains("\"ObjectLockLegalHoldStatus\": \"ON\"");
    assertRefused(
        dev.run(
            "s3api",
            "delete-object",
            "--bucket",
            "locked",
            "--key",
            "held",
            "--version-id",
            held,
            "--bypass-governance-retention"),
        PROTECTED);
    dev.run(
            "s3api",
            "put-object-legal-hold",
            "--bucket",
            "locked",
            "--key",
            "held",
            "--legal-hold",
            "Status=OFF")
        .assertOk();
    dev.run("s3api", "delete-object", "--bucket", "locked", "--key", "held", "--version-id", held)
        .assertOk();
    AwsCli.Result suspend =
        dev.run(
            "s3api",
            "put-bucket-versioning",
            "--bucket",
            "locked",
            "--versioning-configuration",
            "Status=Suspended");
    assertThat(suspend.exitCode()).isNotZero();
    assertThat(suspend.stderr()).contains("InvalidBucketState");
  }

  @Test
  void badRetentionInput_isRefused_andNothingIsStored() throws Exception {
    dev.run("s3api", "create-bucket", "--bucket", "strict", "--object-lock-enabled-for-bucket")
        .assertOk();
    String version = versionId(putInto("strict", "kept").assertOk());
    byte[] body =
        "<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2099-01-01T00:00:00Z"
            .getBytes(StandardCharsets.UTF_8);
    RawS3Request.Answer malformed =
        RawS3Request.send(
            ferry.endpoint(),
            ferry.account("dev"),
            "PUT",
            "/strict/kept",
            "retention=",
            Map.of("Content-MD5", base64Md5(body)),
            RawS3Request.hex(RawS3Request.sha256(body)),
            body,
            false);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.code()).isEqualTo("MalformedXML");
    AwsCli.Result past =
        dev.run(
            "s3api",
            "put-object-retention",
            "--bucket",
            "strict",
            "--key",
            "kept",
            "--retention",
            "{\"Mode\":\"GOVERNANCE\",\"RetainUntilDate\":\"2020-01-01T00:00:00Z\"}");
    assertThat(past.exitCode()).isNotZero();
    assertThat(past.stderr())
        .contains("InvalidArgument")
        .contains("The retain until date must be in the future!");
    AwsCli.Result none =
        dev.run("s3api", "get-object-retention", "--bucket", "strict", "--key", "kept");
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.stderr()).contains("NoSuchObjectLockConfiguration");
    AwsCli.Result pastOnPut =
        putInto(
            "strict",
            "never",
            "--object-lock-mode",
            "GOVERNANCE",
            "--object-lock-retain-until-date",
            "2020-01-01T00:00:00Z");
    assertThat(pastOnPut.exitCode()).isNotZero();
    assertThat(pastOnPut.stderr()).contains("The retain until date must be in the future!");
    assertThat(dev.run("s3api", "list-object-versions", "--bucket", "strict").assertOk().stdout())
        .doesNotContain("\"never\"");
    dev.run(
            "s3api",
            "delete-object",
            "--bucket",
            "strict",
            "--key",
            "kept",
            "--version-id",
            version)
        .assertOk();
  }

  private static AwsCli.Result put(String key, String... lock) throws Exception {
    return putInto("locked", key, lock).assertOk();
  }

  /** A PUT with Content-MD5, which S3 requires of a PUT with Object Lock headers. */
  private static AwsCli.Result putInto(String bucket, String key, String... lock) throws Exception {
    String[] base = {
      "s3api",
      "put-object",
      "--bucket",
      bucket,
      "--key",
      key,
      "--body",
      file.toString(),
      "--content-md5",
      base64Md5(Files.readAllBytes(file))
    };
    String[] all = new String[base.length + lock.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(lock, 0, all, base.length, lock.length);
    return dev.run(all);
  }

  private static String versionId(AwsCli.Result put) {
    String out = put.stdout();
    int start = out.indexOf("\"VersionId\": \"") + "\"VersionId\": \"".length();
    return out.substring(start, out.indexOf('"', start));
  }

  private static void assertRefused(AwsCli.Result result, String message) {
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("AccessDenied").contains(message);
  }

  private static String md5(String key) throws Exception {
    return base64Md5(key.getBytes(StandardCharsets.US_ASCII));
  }

  private static String base64Md5(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
