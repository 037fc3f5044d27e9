package ferry.s3.wire;

import ferry.protocol.ApiResponse;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;

/** Requester Pays on the wire: Put/GetBucketRequestPayment. */
final class RequestPaymentApi {
  private final S3Service s3;

  RequestPaymentApi(S3Service s3) {
    this.s3 = s3;
  }

  void putBucketRequestPayment(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    String payer = XmlDocument.parse(body, "RequestPaymentConfiguration").text("Payer");
    if (payer == null) {
      throw S3Errors.malformedXml();
    }
    s3.requestPayment().putBucketRequestPayment(call.request().caller(), call.bucketName(), payer);
    response.sendEmpty(200);
  }

  void getBucketRequestPayment(S3Call call, ApiResponse response) throws IOException {
    String payer =
        s3.requestPayment().getBucketRequestPayment(call.request().caller(), call.bucketName());
    response.sendXml(
        200,
        S3Xml.document("RequestPaymentConfiguration")
            .element("Payer", payer)
            .close("RequestPaymentConfiguration")
            .toString());
  }
}
