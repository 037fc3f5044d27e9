package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.AccessControlList;
import ferry.s3.ObjectVersion;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;
import java.util.Map;

/** S3's object subresources on the wire: ACL and tagging. */
final class ObjectSubresourceApi {
  private final S3Service s3;

  ObjectSubresourceApi(S3Service s3) {
    this.s3 = s3;
  }

  // ---- ACL and tags ----

  void getObjectAcl(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    response.sendXml(
        200,
        S3Xml.accessControlPolicy(
            s3.subresources()
                .getObjectAcl(
                    request.caller(),
                    call.bucketName(),
                    call.objectKey(),
                    request.queryParameter("versionId"))));
  }

  void putObjectAcl(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    String body = ControlBody.read(request, true).trim();
    AccessControlList acl = RequestHeaders.acl(request);
    if (!body.isEmpty()) {
      if (!acl.isEmpty()) {
        throw S3Errors.unexpectedContent();
      }
      acl = S3Xml.parseAccessControlPolicy(body);
    }
    s3.subresources()
        .putObjectAcl(
            request.caller(),
            call.bucketName(),
            call.objectKey(),
            request.queryParameter("versionId"),
            acl);
    response.sendEmpty(200);
  }

  void getObjectTagging(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    String versionId = request.queryParameter("versionId");
    Map<String, String> tags =
        s3.subresources()
            .getObjectTagging(request.caller(), call.bucketName(), call.objectKey(), versionId);
    response.sendXml(200, S3Xml.tagging(tags));
  }

  void putObjectTagging(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    Map<String, String> tags = S3Xml.parseTagging(ControlBody.read(request, true));
    String versionId =
        s3.subresources()
            .putObjectTagging(
                request.caller(),
                call.bucketName(),
                call.objectKey(),
                request.queryParameter("versionId"),
                tags);
    if (!versionId.equals(ObjectVersion.NULL_VERSION)) {
      response.header("x-amz-version-id", versionId);
    }
    response.sendEmpty(200);
  }

  void deleteObjectTagging(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    String versionId =
        s3.subresources()
            .deleteObjectTagging(
                request.caller(),
                call.bucketName(),
                call.objectKey(),
                request.queryParameter("versionId"));
    if (!versionId.equals(ObjectVersion.NULL_VERSION)) {
      response.header("x-amz-version-id", versionId);
    }
    response.sendEmpty(204);
  }
}
