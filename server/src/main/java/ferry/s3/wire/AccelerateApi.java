package ferry.s3.wire;

import ferry.protocol.ApiResponse;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;

/** Transfer Acceleration on the wire: Put/GetBucketAccelerateConfiguration. */
final class AccelerateApi {
  private final S3Service s3;

  AccelerateApi(S3Service s3) {
    this.s3 = s3;
  }

  void putBucketAccelerateConfiguration(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), false);
    String status = XmlDocument.parse(body, "AccelerateConfiguration").text("Status");
    if (status == null) {
      throw S3Errors.malformedXml();
    }
    s3.acceleration()
        .putBucketAccelerateConfiguration(call.request().caller(), call.bucketName(), status);
    response.sendEmpty(200);
  }

  /** A bucket never configured answers an empty configuration, as S3 does. */
  void getBucketAccelerateConfiguration(S3Call call, ApiResponse response) throws IOException {
    String status =
        s3.acceleration()
            .getBucketAccelerateConfiguration(call.request().caller(), call.bucketName());
    response.sendXml(
        200,
        S3Xml.document("AccelerateConfiguration")
            .element("Status", status)
            .close("AccelerateConfiguration")
            .toString());
  }
}
