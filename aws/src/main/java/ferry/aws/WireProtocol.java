package ferry.aws;

/** The three wire families Ferry speaks; errors are rendered in the family of the request. */
public enum WireProtocol {
  /** S3: REST paths and headers, XML bodies, {@code <Error>} documents. */
  REST_XML,
  /** IAM and STS: form-encoded {@code Action=…}, XML results, {@code <ErrorResponse>}. */
  QUERY,
  /** KMS, CodePipeline, EventBridge: {@code X-Amz-Target}, JSON 1.1, {@code __type}. */
  JSON
}
