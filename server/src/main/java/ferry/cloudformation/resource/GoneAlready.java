package ferry.cloudformation.resource;

import ferry.aws.AwsException;
import java.util.Set;

/**
 * A service's answer that what a handler deletes is not there (any more): deleting a resource that
 * is already gone succeeds, as CloudFormation's handlers treat it.
 */
final class GoneAlready {
  private static final Set<String> CODES =
      Set.of("NoSuchEntity", "PipelineNotFoundException", "ResourceNotFoundException");

  private GoneAlready() {}

  static boolean is(AwsException e) {
    return CODES.contains(e.code());
  }

  /** Runs a deletion; a not-found answer is success, any other refusal is thrown. */
  static void ignore(Runnable deletion) {
    try {
      deletion.run();
    } catch (AwsException e) {
      if (!is(e)) {
        throw e;
      }
    }
  }
}
