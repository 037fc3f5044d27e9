package ferry.codepipeline;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.codepipeline.store.PipelineRepository;
import ferry.codepipeline.store.PipelineTagRepository;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags of pipelines: TagResource, UntagResource, ListTagsForResource and the tags of
 * CreatePipeline, authorized on the pipeline's ARN. At most 50 tags a pipeline; a request that
 * would pass that is TooManyTagsException, bad or repeated keys InvalidTagsException, and neither
 * stores anything.
 */
public final class PipelineTagService {
  static final int MAX_TAGS = 50;
  private static final Pattern ARN =
      Pattern.compile("arn:aws(-[\\w]+)*:codepipeline:([^:]+):([0-9]{12}):(.+)");

  private final PipelineRepository pipelines;
  private final PipelineTagRepository tags;
  private final Authorizer authorizer;

  public PipelineTagService(
      PipelineRepository pipelines, PipelineTagRepository tags, Authorizer authorizer) {
    this.pipelines = pipelines;
    this.tags = tags;
    this.authorizer = authorizer;
  }

  public void tagResource(Caller caller, String arn, List<PipelineTag> wanted) {
    check(wanted);
    Pipeline pipeline = pipeline(caller, arn);
    AccessRequest request =
        AccessRequest.of("codepipeline:TagResource", pipeline.arn(), pipeline.account())
            .withContext(
                "aws:TagKeys", wanted.stream().map(PipelineTag::key).toArray(String[]::new));
    for (PipelineTag tag : wanted) {
      request = request.withContext("aws:RequestTag/" + tag.key(), tag.value());
    }
    require(caller, request);
    if (!tags.tag(pipeline.arn(), wanted, MAX_TAGS)) {
      throw tooMany(pipeline.arn());
    }
  }

  public void untagResource(Caller caller, String arn, List<String> keys) {
    for (String key : keys) {
      if (key.isEmpty() || key.length() > 128) {
        throw CodePipelineErrors.invalidTags("Tag key '" + key + "' must be 1 to 128 characters");
      }
    }
    Pipeline pipeline = pipeline(caller, arn);
    require(
        caller,
        AccessRequest.of("codepipeline:UntagResource", pipeline.arn(), pipeline.account())
            .withContext("aws:TagKeys", keys.toArray(String[]::new)));
    tags.untag(pipeline.arn(), keys);
  }

  public List<PipelineTag> listTagsForResource(Caller caller, String arn) {
    Pipeline pipeline = pipeline(caller, arn);
    require(
        caller,
        AccessRequest.of("codepipeline:ListTagsForResource", pipeline.arn(), pipeline.account()));
    return tags.tags(pipeline.arn());
  }

  /** Tags a pipeline CreatePipeline just made with the tags of the request, already checked. */
  public void tagNew(Pipeline pipeline, List<PipelineTag> wanted) {
    if (!tags.tag(pipeline.arn(), wanted, MAX_TAGS)) {
      throw tooMany(pipeline.arn());
    }
  }

  /** Refuses the tags CodePipeline refuses, before anything is stored. */
  public static void check(List<PipelineTag> wanted) {
    Set<String> keys = new HashSet<>();
    for (PipelineTag tag : wanted) {
      if (tag.key().isEmpty() || tag.key().length() > 128) {
        throw CodePipelineErrors.invalidTags(
            "Tag key '" + tag.key() + "' must be 1 to 128 characters");
      }
      if (tag.value().length() > 256) {
        throw CodePipelineErrors.invalidTags(
            "The value of tag '" + tag.key() + "' must be at most 256 characters");
      }
      if (tag.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw CodePipelineErrors.invalidTags(
            "Tag key '" + tag.key() + "' uses the prefix aws:, which is reserved for AWS");
      }
      if (!keys.add(tag.key())) {
        throw CodePipelineErrors.invalidTags(
            "Tag key '" + tag.key() + "' appears more than once in the request");
      }
    }
    if (wanted.size() > MAX_TAGS) {
      throw CodePipelineErrors.tooManyTags(
          "A pipeline has at most " + MAX_TAGS + " tags; the request has " + wanted.size());
    }
  }

  private static RuntimeException tooMany(String arn) {
    return CodePipelineErrors.tooManyTags(
        "Resource '" + arn + "' would have more than " + MAX_TAGS + " tags");
  }

  private Pipeline pipeline(Caller caller, String arn) {
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      throw CodePipelineErrors.invalidArn("The ARN '" + arn + "' is not a CodePipeline ARN");
    }
    Region region = Region.of(m.group(2));
    AccountId account = AccountId.of(m.group(3));
    String name = m.group(4);
    if (!region.equals(caller.region()) || !account.equals(caller.account())) {
      throw CodePipelineErrors.resourceNotFound("Resource '" + arn + "' does not exist");
    }
    return pipelines
        .find(account, region, name)
        .orElseThrow(
            () -> CodePipelineErrors.resourceNotFound("Resource '" + arn + "' does not exist"));
  }

  private void require(Caller caller, AccessRequest request) {
    Verdict verdict = authorizer.authorize(caller, request);
    if (!verdict.allowed()) {
      throw CodePipelineErrors.accessDenied(verdict.message())
          .withHeader("x-ferry-decision-id", verdict.id());
    }
  }
}
