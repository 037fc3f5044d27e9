package ferry.cli.guide;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How a run of the guide ended: deployed, or stopped at a step with an error and its decision. */
public sealed interface GuideOutcome {

  /** The pipeline deployed the site into prod. */
  record Deployed(
      String executionId,
      String trigger,
      Duration executionTime,
      List<ActionTiming> actions,
      List<DeployedObject> objects,
      String proof,
      boolean devDenied)
      implements GuideOutcome {}

  /** The guide stopped: the step, the AWS error code and message, and the deciding decision. */
  record Failed(String step, String code, String message, @Nullable JsonNode decision)
      implements GuideOutcome {}

  /** One action of the execution and how long it ran. */
  record ActionTiming(
      String stage, String action, String status, Duration duration, String summary) {}

  /** One object in the output bucket and the account that owns it. */
  record DeployedObject(String key, long size, String ownerAccount, String ownerName) {}
}
