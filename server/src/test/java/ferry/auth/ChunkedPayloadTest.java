package ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.WireProtocol;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** aws-chunked bodies as main's verifier decodes them (spec wire.md §3.6, §4.3). */
class ChunkedPayloadTest {
  static final Instant DOC_NOW = Instant.parse("2013-05-24T00:00:00Z");
  static final Instant J257_NOW = Instant.parse("2026-11-28T12:10:00Z");

  // The S3 API reference's streaming example (spec wire.md §3.6).
  static final String DOC_SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
  static final String[] DOC_CHUNKS = {
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
  };

  static byte[] docBody() {
    String a65536 = "a".repeat(65536);
    String a1024 = "a".repeat(1024);
    return ("10000;chunk-signature="
            + DOC_CHUNKS[0]
            + "\r\n"
            + a65536
            + "\r\n"
            + "400;chunk-signature="
            + DOC_CHUNKS[1]
            + "\r\n"
            + a1024
            + "\r\n"
            + "0;chunk-signature="
            + DOC_CHUNKS[2]
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static SignedRequest docRequest() {
    return new SignedRequest(
        "PUT",
        "/examplebucket/chunkObject.txt",
        "",
        headers(
            "host", "s3.amazonaws.com",
            "x-amz-date", "20130524T000000Z",
            "x-amz-storage-class", "REDUCED_REDUNDANCY",
            "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                    + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;"
                    + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature="
                    + DOC_SEED,
            "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            "content-encoding", "aws-chunked",
            "x-amz-decoded-content-length", "66560",
            "content-length", "66824"));
  }

  static SigV4Verifier docVerifier() {
    return new SigV4Verifier(
        new InMemoryCredentials()
            .add("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  }

  // The J257 PutObject of spec wire.md §4.3.3: signed chunks and a signed CRC32 trailer.
  static final String J257_BODY =
      "6;chunk-signature=4dcd4eef24e2442479e286a6ac23d3d02d76b4cbc953dab7764e71e5d823c4ae\r\n"
          + "hello\n\r\n"
          + "0;chunk-signature=92ae84eb5cf9f6432ced64c06b78bdaed086e674642dcab3fa94278dc9e415c2\r\n"
          + "x-amz-checksum-crc32:NjowIA==\r\n"
          + "x-amz-trailer-signature:3d1ae5244f54684a3577b779a8e92939e49cb85ca687e4955ecb28048f224b0c\r\n"
          + "\r\n";

  static SignedRequest j257Request() {
    return new SignedRequest(
        "PUT",
        "/codepipeline-input-bucket/sample-website.zip",
        "",
        headers(
            "host", "127.0.0.1:18090",
            "amz-sdk-invocation-id", "3abdd949-8081-3da6-f7c6-8b5a0c881a9b",
            "amz-sdk-request", "attempt=1; max=4",
            "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/us-east-1/s3/aws4_request,"
                    + " SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-encoding;"
                    + "content-length;content-type;host;x-amz-content-sha256;x-amz-date;"
                    + "x-amz-decoded-content-length;x-amz-sdk-checksum-algorithm;x-amz-trailer,"
                    + " Signature=6bbd0224bbad7c6934271249568fdf2a4de9fb61f3ccf7d2e6694c97b83ed03b",
            "content-encoding", "aws-chunked",
            "content-type", "text/plain; charset=UTF-8",
            "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
            "x-amz-date", "20261128T120706Z",
            "x-amz-decoded-content-length", "6",
            "x-amz-sdk-checksum-algorithm", "CRC32",
            "x-amz-trailer", "x-amz-checksum-crc32",
            "content-length", "299",
            "expect", "100-continue"));
  }

  static SigV4Verifier j257Verifier() {
    return new SigV4Verifier(new InMemoryCredentials().add("AKIDEXAMPLE", "secret"));
  }

  static InputStream docStream(byte[] body) throws IOException {
    return docVerifier().verify(docRequest(), new ByteArrayInputStream(body), DOC_NOW).body();
  }

  static InputStream j257Stream(String body) throws IOException {
    return j257Verifier()
        .verify(
            j257Request(),
            new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
            J257_NOW)
        .body();
  }

  /** Reading fails with the AuthException a PayloadException carries. */
  static void assertPayloadFailure(InputStream stream, Consumer<AuthException> check) {
    assertThatThrownBy(stream::readAllBytes)
        .isInstanceOfSatisfying(PayloadException.class, e -> check.accept(e.failure()));
  }

  /** Reading ends early; the HTTP layer answers IncompleteBody (FerryHandler.payloadFailure). */
  static void assertIncomplete(InputStream stream) {
    assertThatThrownBy(stream::readAllBytes).isInstanceOf(EOFException.class);
  }

  @Test
  void s3DocumentExample_verifiesSeedAndEveryChunk() throws IOException {
    byte[] body = docBody();
    assertThat(body).hasSize(66824);

    Authenticated auth =
        docVerifier().verify(docRequest(), new ByteArrayInputStream(body), DOC_NOW);

    assertThat(auth.chunked()).isNotNull().isSameAs(auth.body());
    assertThat(auth.decodedLength()).isEqualTo(66560);
    byte[] decoded = auth.body().readAllBytes();
    assertThat(decoded).hasSize(66560).containsOnly((byte) 'a');
  }

  @Test
  void s3DocumentExample_readByteByByte_givesTheSameBytes() throws IOException {
    InputStream stream = docStream(docBody());
    int count = 0;
    while (stream.read() >= 0) {
      count++;
    }
    assertThat(count).isEqualTo(66560);
  }

  @Test
  void tamperedChunk_isSignatureDoesNotMatch() throws IOException {
    byte[] body = docBody();
    body[100] = 'b';

    assertPayloadFailure(
        docStream(body),
        e -> {
          assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
          assertThat(e.details().get("StringToSign")).startsWith("AWS4-HMAC-SHA256-PAYLOAD\n");
          assertThat(AuthErrors.toAws(e, WireProtocol.REST_XML).code())
              .isEqualTo("SignatureDoesNotMatch");
        });
  }

  @Test
  void tamperedChunk_failsTheReadThatDeliversItsLastByte_beforeTheBodyEnds() throws IOException {
    byte[] body = docBody();
    body[100] = 'b';
    InputStream stream = docStream(body);
    byte[] buffer = new byte[1000];
    long delivered = 0;
    PayloadException failure = null;
    try {
      int n;
      while ((n = stream.read(buffer, 0, buffer.length)) >= 0) {
        delivered += n;
      }
    } catch (PayloadException e) {
      failure = e;
    }
    // The first chunk is 65,536 bytes, read straight into the reader's buffer: its bytes arrive,
    // but the read with its last byte fails, so a reader that commits only at the end never does.
    assertThat(failure).isNotNull();
    assertThat(failure.failure().failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
    assertThat(delivered).isEqualTo(65000);
  }

  @Test
  void reorderedChunks_breakTheSignatureChain() throws IOException {
    String a1024 = "a".repeat(1024);
    String a65536 = "a".repeat(65536);
    byte[] body =
        ("400;chunk-signature="
                + DOC_CHUNKS[1]
                + "\r\n"
                + a1024
                + "\r\n"
                + "10000;chunk-signature="
                + DOC_CHUNKS[0]
                + "\r\n"
                + a65536
                + "\r\n"
                + "0;chunk-signature="
                + DOC_CHUNKS[2]
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    assertPayloadFailure(
        docStream(body), e -> assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH));
  }

  @Test
  void truncatedBody_isIncompleteBody() throws IOException {
    byte[] truncated = Arrays.copyOf(docBody(), 70000 - 3500);

    assertIncomplete(docStream(truncated));
  }

  @Test
  void missingFinalChunk_isIncompleteBody() throws IOException {
    String text = new String(docBody(), StandardCharsets.US_ASCII);
    byte[] cut =
        text.substring(0, text.indexOf("0;chunk-signature=" + DOC_CHUNKS[2]))
            .getBytes(StandardCharsets.US_ASCII);

    assertIncomplete(docStream(cut));
  }

  @Test
  void j257SignedTrailer_verifiesChunksTrailerSignatureAndOffersTheCrc32() throws IOException {
    assertThat(J257_BODY.getBytes(StandardCharsets.US_ASCII)).hasSize(299);

    Authenticated auth =
        j257Verifier()
            .verify(
                j257Request(),
                new ByteArrayInputStream(J257_BODY.getBytes(StandardCharsets.US_ASCII)),
                J257_NOW);

    ChunkedPayload chunked = auth.chunked();
    assertThat(chunked).isNotNull();
    assertThat(auth.decodedLength()).isEqualTo(6);
    assertThat(chunked.trailers()).isEmpty();
    assertThat(new String(auth.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
    assertThat(chunked.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32", "NjowIA=="));
  }

  @Test
  void j257TamperedTrailer_isSignatureDoesNotMatch() throws IOException {
    assertPayloadFailure(
        j257Stream(J257_BODY.replace("NjowIA==", "AAAAAA==")),
        e -> {
          assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
          assertThat(e.details().get("StringToSign")).startsWith("AWS4-HMAC-SHA256-TRAILER\n");
        });
  }

  @Test
  void j257TamperedData_isSignatureDoesNotMatch() throws IOException {
    assertPayloadFailure(
        j257Stream(J257_BODY.replace("hello\n", "jello\n")),
        e -> assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH));
  }

  static SignedRequest docRequestWithDecodedLength(String decodedLength) {
    SignedRequest request = docRequest();
    var headers = new LinkedHashMap<>(request.headers());
    headers.put("x-amz-decoded-content-length", List.of(decodedLength));
    return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers);
  }

  @Test
  void decodedContentLengthChangedAfterSigning_isSignatureDoesNotMatch() {
    assertThatThrownBy(() ->
            docVerifier()
                .verify(
                    docRequestWithDecodedLength("66561"),
                    new ByteArrayInputStream(docBody()),
                    DOC_NOW))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH));
  }

  @Test
  void decodedContentLengthThatIsNoLength_isIncompleteBody() {
    for (String value : List.of("-5", "lots")) {
      assertThatThrownBy(
              () -> SigV4Verifier.decodedContentLength(docRequestWithDecodedLength(value)))
          .isInstanceOfSatisfying(AuthException.class, e -> assertIncompleteBody(e));
    }
    assertThat(SigV4Verifier.decodedContentLength(docRequest())).isEqualTo(66560);
  }

  static final String BC143_BODY = "6\r\nhello\n\r\n0\r\nx-amz-checksum-crc32:NjowIA==\r\n\r\n";

  /** An unsigned-trailer body (BC143, spec §4.3.2); its signer is never asked. */
  static ChunkedPayload unsignedTrailer(String body, long decodedLength) {
    CredentialScope scope = new CredentialScope("AKIDEXAMPLE", "20261128", "us-east-1", "s3");
    return new ChunkedPayload(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
        ChunkedPayload.Mode.UNSIGNED_TRAILER,
        new ChunkSigner(new byte[32], "20261128T120706Z", scope, ""),
        decodedLength);
  }

  @Test
  void bc143UnsignedTrailer_decodesAndOffersTheCrc32() throws IOException {
    ChunkedPayload payload = unsignedTrailer(BC143_BODY, 6);

    assertThat(payload.readAllBytes()).isEqualTo("hello\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(payload.trailers()).containsEntry("x-amz-checksum-crc32", "NjowIA==");
  }

  @Test
  void decodedLengthThatDiffers_isIncompleteBody() {
    assertIncomplete(unsignedTrailer(BC143_BODY, 7));
  }

  @Test
  void chunkLongerThanItsSize_isIncompleteBody() {
    assertPayloadFailure(
        unsignedTrailer(BC143_BODY.replace("hello\n", "hello\nX"), -1),
        e -> assertIncompleteBody(e));
  }

  @Test
  void chunkSizeThatIsNotHex_isIncompleteBody() {
    assertPayloadFailure(
        unsignedTrailer("zz\r\nhello\n\r\n0\r\n\r\n", -1), e -> assertIncompleteBody(e));
  }

  /** Broken framing is the body's fault, not the Authorization header's (spec §4.3.2). */
  static void assertIncompleteBody(AuthException e) {
    assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_BODY);
    assertThat(AuthErrors.toAws(e, WireProtocol.REST_XML).code()).isEqualTo("IncompleteBody");
  }

  static Map<String, List<String>> headers(String... namesAndValues) {
    var headers = new LinkedHashMap<String, List<String>>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
    }
    return headers;
  }
}
