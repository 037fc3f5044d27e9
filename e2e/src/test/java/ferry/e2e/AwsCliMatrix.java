package ferry.e2e;

import static ferry.e2e.MatrixSteps.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client matrix with the real aws CLI v2 (Debian's 2.9.19) over Ferry's TLS endpoint. This CLI
 * neither sends nor validates flexible checksums unless asked, so the ranged and conditional GETs
 * ask for them ({@code --checksum-algorithm CRC32}, {@code --checksum-mode ENABLED}).
 */
final class AwsCliMatrix {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MB = 1_000_000;

  private final FerryServer ferry;
  private final Path work;
  private final String prefix;
  private final String bucket;
  private final AwsCli dev;
  private final AwsCli prod;
  private final HttpClient http;

  AwsCliMatrix(FerryServer ferry, Path work, String prefix, HttpClient http) {
    this.ferry = ferry;
    this.work = work;
    this.prefix = prefix;
    this.bucket = prefix + "-bucket";
    this.dev = overTls(AwsCli.as(ferry, "dev"));
    this.prod = overTls(AwsCli.as(ferry, "prod"));
    this.http = http;
  }

  private AwsCli overTls(AwsCli cli) {
    return cli.withEndpoint(ferry.tlsEndpoint())
        .withEnvironment("AWS_CA_BUNDLE", ferry.caFile().toString());
  }

  void run() throws Exception {
    System.out.println(dev.run("--version").assertOk().stdout().strip());
    dev.run("s3api", "create-bucket", "--bucket", bucket).assertOk();
    var steps = new MatrixSteps("aws CLI");
    steps.run("PutObject/GetObject round trip", this::roundTrip);
    steps.run("multipart upload (s3 cp of 20 MB, 3 parts)", this::multipartUpload);
    steps.run(
        "ranged download with checksum validation (get-object --range --checksum-mode ENABLED,"
            + " s3 cp of 10 MB)",
        this::rangedDownload);
    steps.run("conditional GET (--if-none-match -> 304)", this::conditionalGet);
    steps.run("presigned GET over plain HTTP (s3 presign)", this::presignedGet);
    steps.run("cross-account AssumeRole (prod role, dev user)", this::crossAccountAssumeRole);
    steps.run("KMS CreateKey/Encrypt/Decrypt", this::kmsRoundTrip);
    steps.assertAllPassed();
  }

  private Path randomFile(String name, int size) throws Exception {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Files.write(work.resolve(name), bytes);
  }

  private static JsonNode json(AwsCli.Result result) throws Exception {
    return JSON.readTree(result.assertOk().stdout());
  }

  private void roundTrip() throws Exception {
    Path source = Files.writeString(work.resolve("round-trip.txt"), "hello from the aws CLI");
    dev.run(
            "s3api",
            "put-object",
            "--bucket",
            bucket,
            "--key",
            "round-trip.txt",
            "--body",
            source.toString())
        .assertOk();
    Path target = work.resolve("round-trip.out");
    dev.run("s3api", "get-object", "--bucket", bucket, "--key", "round-trip.txt", target.toString())
        .assertOk();
    check(
        Files.readString(target).equals("hello from the aws CLI"),
        "GetObject answered " + Files.readString(target));
  }

  private void multipartUpload() throws Exception {
    Path source = randomFile("multipart.bin", 20 * MB);
    String object = "s3://" + bucket + "/multipart.bin";
    dev.run("s3", "cp", "--only-show-errors", source.toString(), object).assertOk();
    String etag =
        json(dev.run("s3api", "head-object", "--bucket", bucket, "--key", "multipart.bin"))
            .path("ETag")
            .asText();
    check(etag.endsWith("-3\""), "ETag " + etag + " is not a 3-part upload's");
    Path target = work.resolve("multipart.out");
    dev.run("s3", "cp", "--only-show-errors", object, target.toString()).assertOk();
    check(Files.mismatch(source, target) == -1, "the downloaded multipart object differs");
  }

  private void rangedDownload() throws Exception {
    // One PutObject with a CRC32, so the object has a full-object CRC a ranged GET must not carry.
    Path source = randomFile("large.bin", 10 * MB);
    dev.run(
            "s3api",
            "put-object",
            "--bucket",
            bucket,
            "--key",
            "large.bin",
            "--body",
            source.toString(),
            "--checksum-algorithm",
            "CRC32")
        .assertOk();
    Path part = work.resolve("large.part");
    JsonNode ranged =
        json(
            dev.run(
                "s3api",
                "get-object",
                "--bucket",
                bucket,
                "--key",
                "large.bin",
                "--range",
                "bytes=100-1099",
                "--checksum-mode",
                "ENABLED",
                part.toString()));
    check(
        ranged.path("ContentRange").asText().equals("bytes 100-1099/" + 10 * MB),
        "ContentRange " + ranged.path("ContentRange"));
    check(
        Arrays.equals(
            Files.readAllBytes(part), Arrays.copyOfRange(Files.readAllBytes(source), 100, 1100)),
        "bytes 100-1099 differ");
    Path whole = work.resolve("large.out");
    dev.run("s3", "cp", "--only-show-errors", "s3://" + bucket + "/large.bin", whole.toString())
        .assertOk();
    check(Files.mismatch(source, whole) == -1, "s3 cp of 10 MB (ranged GETs) returned other bytes");
  }

  private void conditionalGet() throws Exception {
    Path source = Files.writeString(work.resolve("conditional.txt"), "unchanged");
    String etag =
        json(dev.run(
                "s3api",
                "put-object",
                "--bucket",
                bucket,
                "--key",
                "conditional.txt",
                "--body",
                source.toString(),
                "--checksum-algorithm",
                "CRC32"))
            .path("ETag")
            .asText();
    AwsCli.Result notModified =
        dev.run(
            "s3api",
            "get-object",
            "--bucket",
            bucket,
            "--key",
            "conditional.txt",
            "--if-none-match",
            etag,
            "--checksum-mode",
            "ENABLED",
            work.resolve("conditional.out").toString());
    check(
        notModified.exitCode() != 0
            && notModified
                .stderr()
                .contains("An error occurred (304) when calling the GetObject operation"),
        "IfNoneMatch with the ETag should end in the CLI's 304 error, but exited "
            + notModified.exitCode()
            + ":\n"
            + notModified.stderr()
            + notModified.stdout());
  }

  private void presignedGet() throws Exception {
    Path source = Files.writeString(work.resolve("presigned.txt"), "presigned bytes");
    String object = "s3://" + bucket + "/presigned.txt";
    dev.run("s3", "cp", "--only-show-errors", source.toString(), object).assertOk();
    String url = dev.run("s3", "presign", object, "--expires-in", "300").assertOk().stdout();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url.strip())).build(),
            HttpResponse.BodyHandlers.ofString());
    check(response.statusCode() == 200, "presigned GET answered " + response.statusCode());
    check(response.body().equals("presigned bytes"), "presigned GET returned " + response.body());
  }

  private void crossAccountAssumeRole() throws Exception {
    String role = prefix + "-role";
    String devId = ferry.account("dev").id();
    String prodId = ferry.account("prod").id();
    String trust =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}\
        """
            .formatted(devId);
    String roleArn =
        json(prod.run(
                "iam", "create-role", "--role-name", role, "--assume-role-policy-document", trust))
            .at("/Role/Arn")
            .asText();
    check(roleArn.equals("arn:aws:iam::" + prodId + ":role/" + role), "role ARN " + roleArn);
    // AWS refuses AssumeRole to a root user, so dev's root makes a user who may assume the role.
    dev.run("iam", "create-user", "--user-name", role).assertOk();
    String allow =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
          "Resource":"%s"}]}\
        """
            .formatted(roleArn);
    dev.run(
            "iam",
            "put-user-policy",
            "--user-name",
            role,
            "--policy-name",
            "assume",
            "--policy-document",
            allow)
        .assertOk();
    JsonNode key = json(dev.run("iam", "create-access-key", "--user-name", role)).at("/AccessKey");
    AwsCli user =
        overTls(
            new AwsCli(
                ferry.endpoint(),
                key.path("AccessKeyId").asText(),
                key.path("SecretAccessKey").asText()));
    JsonNode credentials =
        json(user.run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "cli"))
            .at("/Credentials");
    AwsCli session =
        overTls(
                new AwsCli(
                    ferry.endpoint(),
                    credentials.path("AccessKeyId").asText(),
                    credentials.path("SecretAccessKey").asText()))
            .withEnvironment("AWS_SESSION_TOKEN", credentials.path("SessionToken").asText());
    String arn = json(session.run("sts", "get-caller-identity")).path("Arn").asText();
    String expected = "arn:aws:sts::" + prodId + ":assumed-role/" + role + "/cli";
    check(arn.equals(expected), "GetCallerIdentity says " + arn + ", not " + expected);
  }

  private void kmsRoundTrip() throws Exception {
    String key =
        json(dev.run("kms", "create-key", "--description", prefix + " key"))
            .at("/KeyMetadata/KeyId")
            .asText();
    Path plaintext = randomFile("secret.bin", 64);
    String ciphertext =
        json(dev.run("kms", "encrypt", "--key-id", key, "--plaintext", "fileb://" + plaintext))
            .path("CiphertextBlob")
            .asText();
    Path blob = Files.write(work.resolve("secret.enc"), Base64.getDecoder().decode(ciphertext));
    JsonNode decrypted = json(dev.run("kms", "decrypt", "--ciphertext-blob", "fileb://" + blob));
    check(
        Arrays.equals(
            Base64.getDecoder().decode(decrypted.path("Plaintext").asText()),
            Files.readAllBytes(plaintext)),
        "Decrypt returned other bytes");
    check(
        decrypted.path("KeyId").asText().endsWith(key),
        "Decrypt names key " + decrypted.path("KeyId") + ", not " + key);
  }
}
