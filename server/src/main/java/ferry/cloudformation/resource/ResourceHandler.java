package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One resource type (AWS::S3::Bucket, AWS::IAM::Role, …): its schema, and how its resources are
 * created, updated and deleted through the service that owns them, as {@link
 * ResourceRequest#caller()}. A service's refusal (an AccessDenied, a malformed property) is thrown
 * as that service's {@link ferry.aws.AwsException}; the stack records it as the resource's failure.
 */
public interface ResourceHandler {

  ResourceSchema schema();

  /** Creates the resource from the request's properties (all intrinsic functions resolved). */
  Provisioned create(ResourceRequest request);

  /**
   * Brings an existing resource to the request's properties in place. The stack calls it only when
   * no changed property is one of {@link ResourceSchema#createOnly()}; otherwise it creates a
   * replacement and deletes the old resource.
   */
  Provisioned update(ResourceRequest request, Provisioned current, ObjectNode previousProperties);

  /**
   * Deletes the resource. A resource that is already gone is not an error (a stack deleted after
   * its bucket was removed by hand still deletes), any other refusal is.
   */
  void delete(ResourceRequest request, Provisioned current);
}
