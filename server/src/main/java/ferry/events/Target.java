package ferry.events;

import org.jspecify.annotations.Nullable;

/**
 * A rule's target: where matching events go, the role EventBridge assumes to send them there, and
 * what the target receives: the event itself, a constant {@code input}, the part of the event at
 * {@code inputPath}, or what an {@code inputTransformer} makes of it (at most one of the three).
 */
public record Target(
    String id,
    String arn,
    @Nullable String roleArn,
    @Nullable String input,
    @Nullable String inputPath,
    @Nullable InputTransformer inputTransformer) {

  public Target(
      String id,
      String arn,
      @Nullable String roleArn,
      @Nullable String input,
      @Nullable String inputPath) {
    this(id, arn, roleArn, input, inputPath, null);
  }
}
