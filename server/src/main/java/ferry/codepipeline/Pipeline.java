package ferry.codepipeline;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;

/** A stored pipeline: its current declaration and the metadata GetPipeline returns. */
public record Pipeline(
    AccountId account,
    Region region,
    PipelineDeclaration declaration,
    Instant created,
    Instant updated) {

  public String name() {
    return declaration.name();
  }

  public String arn() {
    return arn(region, account, declaration.name());
  }

  public static String arn(Region region, AccountId account, String name) {
    return "arn:aws:codepipeline:" + region + ":" + account + ":" + name;
  }
}
