package ferry.codepipeline.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.codepipeline.CodePipelineErrors;
import ferry.codepipeline.PipelineTag;
import ferry.codepipeline.PipelineTagService;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonInput;
import java.util.List;

/** The JSON binding of TagResource, UntagResource and ListTagsForResource on pipelines. */
final class PipelineTagHandlers {
  private final PipelineTagService tags;

  PipelineTagHandlers(PipelineTagService tags) {
    this.tags = tags;
  }

  ObjectNode tagResource(JsonInput input, ApiRequest request) {
    required(input, "tags");
    tags.tagResource(request.caller(), input.requiredString("resourceArn"), tags(input));
    return Json.object();
  }

  ObjectNode untagResource(JsonInput input, ApiRequest request) {
    required(input, "tagKeys");
    tags.untagResource(
        request.caller(), input.requiredString("resourceArn"), input.strings("tagKeys"));
    return Json.object();
  }

  ObjectNode listTagsForResource(JsonInput input, ApiRequest request) {
    List<PipelineTag> all =
        tags.listTagsForResource(request.caller(), input.requiredString("resourceArn"));
    return CodePipelineApi.page(
        input,
        all,
        "tags",
        100,
        tag -> Json.object().put("key", tag.key()).put("value", tag.value()));
  }

  static List<PipelineTag> tags(JsonInput input) {
    return input.objects("tags").stream()
        .map(t -> new PipelineTag(t.requiredString("key"), t.requiredString("value")))
        .toList();
  }

  private static void required(JsonInput input, String member) {
    if (!input.node().hasNonNull(member)) {
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value null at '"
              + member
              + "' failed to satisfy constraint: Member must not be null");
    }
  }
}
